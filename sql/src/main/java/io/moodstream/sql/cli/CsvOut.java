package io.moodstream.sql.cli;

import io.moodstream.schema.CsvField;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.function.LongConsumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * CSV (RFC 4180): a header, CRLF line ends, fields as {@link CsvField} writes them. Values as
 * {@link Cells#exact}: NULL empty, timestamps ISO-8601 UTC, every digit, arrays as JSON.
 */
final class CsvOut {
  private CsvOut() {}

  static long write(StructType schema, Iterator<Row> rows, Writer out, LongConsumer progress)
      throws IOException {
    String[] names = schema.fieldNames();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      line.append(i == 0 ? "" : ",").append(CsvField.of(names[i]));
    }
    out.write(line.append("\r\n").toString());
    long n = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      line.setLength(0);
      for (int i = 0; i < names.length; i++) {
        line.append(i == 0 ? "" : ",").append(CsvField.of(Cells.exact(r.get(i))));
      }
      out.write(line.append("\r\n").toString());
      progress.accept(++n);
    }
    out.flush();
    return n;
  }
}
