package io.moodstream.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a VADER lexicon file ({@code word TAB mean TAB stddev TAB ratings} per line) the way the
 * reference does: each line trimmed of Python whitespace, empty lines skipped, the first two fields
 * taken, keys kept case-sensitive, and a later duplicate line replacing an earlier one.
 */
final class Lexicon {

  /** Classpath resource copied (and checksum-verified) by the Maven build from npm. */
  static final String BUNDLED_RESOURCE = "vader_lexicon.txt";

  private Lexicon() {}

  /** The bundled npm lexicon with {@link LexiconOverrides#REFERENCE_3_3_2} applied. */
  static Map<String, Double> bundledWithOverrides() {
    Map<String, Double> lexicon = new HashMap<>(bundled());
    lexicon.putAll(LexiconOverrides.REFERENCE_3_3_2);
    return Collections.unmodifiableMap(lexicon);
  }

  /** The bundled npm lexicon as shipped, without overrides. */
  static Map<String, Double> bundled() {
    try (InputStream in = Lexicon.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "VADER lexicon resource io/moodstream/sentiment/"
                + BUNDLED_RESOURCE
                + " is missing: build the module with Maven, which copies it from npm");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the VADER lexicon", e);
    }
  }

  /** Parses a lexicon file; a later duplicate line replaces an earlier one. */
  static Map<String, Double> parse(InputStream in) throws IOException {
    Map<String, Double> lexicon = new HashMap<>(16_384);
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int lineNumber = 0;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      String trimmed = Text.stripPythonWhitespace(line);
      if (trimmed.isEmpty()) {
        continue;
      }
      int tab = trimmed.indexOf('\t');
      if (tab < 0) {
        throw new IOException("lexicon line " + lineNumber + " has no TAB: " + line);
      }
      int end = trimmed.indexOf('\t', tab + 1);
      String word = trimmed.substring(0, tab);
      String mean = trimmed.substring(tab + 1, end < 0 ? trimmed.length() : end);
      try {
        lexicon.put(word, Double.parseDouble(mean));
      } catch (NumberFormatException e) {
        throw new IOException("lexicon line " + lineNumber + " has a bad mean: " + line, e);
      }
    }
    return lexicon;
  }
}
