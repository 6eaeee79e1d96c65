package io.moodstream.sentiment;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads reference output of vaderSentiment 3.3.2 in the corpus format ({@code text neg neu pos
 * compound}, tab-separated, after optional leading {@code #} comment lines): {@code
 * vader-parity.tsv} and the emoji sweep, both in the test resources.
 */
final class ParityCorpus {

  /** One corpus row: the text (unescaped) and the reference's four values. */
  record Row(int line, String text, double neg, double neu, double pos, double compound) {}

  private ParityCorpus() {}

  /** The reference corpus in this module's test resources (523 rows). */
  static Path corpus() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(ParityCorpus.class.getResource(CORPUS), CORPUS).toURI());
  }

  static final String CORPUS = "vader-parity.tsv";

  static List<Row> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int header = 0;
    while (header < lines.size() && lines.get(header).startsWith("#")) {
      header++; // leading comment lines: how the file was produced
    }
    if (header == lines.size() || !lines.get(header).equals("text\tneg\tneu\tpos\tcompound")) {
      throw new IOException(
          file + ": unexpected header " + (header == lines.size() ? "" : lines.get(header)));
    }
    List<Row> rows = new ArrayList<>();
    for (int i = header + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 5) {
        throw new IOException(file + ":" + (i + 1) + ": expected 5 fields, got " + f.length);
      }
      rows.add(
          new Row(
              i + 1,
              unescape(f[0]),
              Double.parseDouble(f[1]),
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4])));
    }
    return rows;
  }

  /** Undoes the corpus escaping of {@code \t}, {@code \n}, {@code \r} and {@code \\}. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char next = s.charAt(i + 1);
        switch (next) {
          case 't' -> out.append('\t');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case '\\' -> out.append('\\');
          default -> {
            out.append(c);
            continue;
          }
        }
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
