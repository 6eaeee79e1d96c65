package io.moodstream.ingest.source.replay;

/**
 * Undoes the HTML escaping v1.1 applies to post text ({@code &amp;}, {@code &lt;}, {@code &gt;}),
 * plus {@code &quot;}, {@code &apos;} and numeric references, as twitter4j does.
 */
final class HtmlText {
  private HtmlText() {}

  static String unescape(String s) {
    if (s == null || s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int semi;
      if (c == '&' && (semi = s.indexOf(';', i)) > i + 1 && semi - i <= 10) {
        String name = s.substring(i + 1, semi);
        String rep =
            switch (name) {
              case "amp" -> "&";
              case "lt" -> "<";
              case "gt" -> ">";
              case "quot" -> "\"";
              case "apos" -> "'";
              default -> numeric(name);
            };
        if (rep != null) {
          b.append(rep);
          i = semi + 1;
          continue;
        }
      }
      b.append(c);
      i++;
    }
    return b.toString();
  }

  private static String numeric(String name) {
    if (name.length() < 2 || name.charAt(0) != '#') {
      return null;
    }
    try {
      int cp =
          name.charAt(1) == 'x' || name.charAt(1) == 'X'
              ? Integer.parseInt(name.substring(2), 16)
              : Integer.parseInt(name.substring(1));
      return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
