package io.moodstream.sql.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.function.LongConsumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * JSON Lines: one object per row, columns in order, timestamps as ISO-8601 UTC strings, NULL (and
 * NaN) as null, arrays and structs nested.
 */
final class JsonOut {
  static final JsonFactory FACTORY = new JsonFactory();

  private JsonOut() {}

  static long write(StructType schema, Iterator<Row> rows, Writer out, LongConsumer progress)
      throws IOException {
    String[] names = schema.fieldNames();
    long n = 0;
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.setRootValueSeparator(null);
      while (rows.hasNext()) {
        Row r = rows.next();
        g.writeStartObject();
        for (int i = 0; i < names.length; i++) {
          g.writeFieldName(names[i]);
          Cells.json(g, r.get(i));
        }
        g.writeEndObject();
        g.flush();
        out.write('\n');
        progress.accept(++n);
      }
    }
    out.flush();
    return n;
  }
}
