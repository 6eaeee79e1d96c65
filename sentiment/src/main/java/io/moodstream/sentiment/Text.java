package io.moodstream.sentiment;

/** Character classes of the reference, on code points (Python semantics, not Java's). */
final class Text {

  private Text() {}

  /**
   * Python's {@code str.isspace}/{@code str.split()} whitespace: U+0009–000D, U+001C–001F, U+0020,
   * U+0085, U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000 (29 code points).
   * Unlike {@link Character#isWhitespace}, it includes U+0085, U+00A0, U+2007 and U+202F.
   */
  static boolean isPythonWhitespace(int c) {
    if (c <= 0x20) {
      return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    if (c < 0x85) {
      return false;
    }
    return c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  /** One of the 32 characters of Python's {@code string.punctuation}. */
  static boolean isAsciiPunctuation(char c) {
    return (c >= 0x21 && c <= 0x2F)
        || (c >= 0x3A && c <= 0x40)
        || (c >= 0x5B && c <= 0x60)
        || (c >= 0x7B && c <= 0x7E);
  }

  /** Python {@code str.strip()}: removes Python whitespace from both ends. */
  static String stripPythonWhitespace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isPythonWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /**
   * Python {@code str.isupper()}: false if any code point is lowercase or titlecase, otherwise true
   * if at least one is uppercase.
   */
  static boolean isPythonUpper(String s) {
    boolean cased = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c < 0x80) {
        if (c >= 'a' && c <= 'z') {
          return false;
        }
        if (c >= 'A' && c <= 'Z') {
          cased = true;
        }
      } else if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
        return false;
      } else if (Character.isUpperCase(c)) {
        cased = true;
      }
    }
    return cased;
  }
}
