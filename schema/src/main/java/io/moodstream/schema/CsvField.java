package io.moodstream.schema;

/**
 * One CSV field as RFC 4180 writes it, for every CSV Moodstream produces (REST's {@code text/csv}
 * series, {@code sql export}): as is, or quoted with its quotes doubled when it holds a comma, a
 * quote, a CR or an LF.
 */
public final class CsvField {
  private CsvField() {}

  public static String of(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
