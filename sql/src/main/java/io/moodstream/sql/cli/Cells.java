package io.moodstream.sql.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * How a value of a result row is written: for a terminal table ({@link #display}: 4 decimals,
 * control characters made visible) or exactly ({@link #exact} for CSV, {@link #json} for JSON:
 * every digit, timestamps as ISO-8601 UTC instants such as {@code 2026-11-24T14:00:00Z}).
 */
final class Cells {
  private Cells() {}

  static final String NULL = "NULL";

  /** The value as a table shows it; long texts are cut by the table. */
  static String display(Object v) {
    if (v == null) {
      return NULL;
    }
    if (v instanceof String s) {
      return visible(s);
    }
    if (v instanceof Double d) {
      return number(d);
    }
    if (v instanceof Float f) {
      return number(f.doubleValue());
    }
    if (v instanceof scala.collection.Seq<?>
        || v instanceof Row
        || v instanceof scala.collection.Map<?, ?>) {
      return visible(nested(v));
    }
    return scalar(v);
  }

  /** The value as CSV holds it: empty for NULL, nested values as JSON. */
  static String exact(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof scala.collection.Seq<?>
        || v instanceof Row
        || v instanceof scala.collection.Map<?, ?>) {
      return nested(v);
    }
    return scalar(v);
  }

  /** 4 decimals, or scientific notation for very small or large magnitudes. */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    double a = Math.abs(d);
    if (a == 0.0 || (a >= 1e-4 && a < 1e12)) {
      return String.format(Locale.ROOT, "%.4f", d == 0.0 ? 0.0 : d);
    }
    return String.format(Locale.ROOT, "%.4e", d);
  }

  private static String scalar(Object v) {
    if (v instanceof Instant i) {
      return i.toString();
    }
    if (v instanceof Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof byte[] b) {
      return HexFormat.of().formatHex(b);
    }
    return v.toString(); // numbers, booleans, LocalDate, java.sql.Date
  }

  /** Line breaks and tabs would break a table's rows: shown as ↵ and a space. */
  static String visible(String s) {
    if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && s.indexOf('\t') < 0) {
      return s;
    }
    return s.replace("\r\n", "↵").replace('\n', '↵').replace('\r', '↵').replace('\t', ' ');
  }

  private static String nested(Object v) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JsonOut.FACTORY.createGenerator(w)) {
      json(g, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Writes {@code v} as a JSON value. */
  static void json(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Double d) {
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        g.writeNull(); // JSON has no NaN
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof Float f) {
      if (Float.isNaN(f) || Float.isInfinite(f)) {
        g.writeNull();
      } else {
        g.writeNumber(f);
      }
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigDecimal b) {
      g.writeNumber(b);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof byte[] b) {
      g.writeString(Base64.getEncoder().encodeToString(b));
    } else if (v instanceof scala.collection.Seq<?> seq) {
      g.writeStartArray();
      for (Object o : JavaConverters.seqAsJavaList(seq)) {
        json(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Row r) {
      g.writeStartObject();
      StructField[] fields = r.schema() == null ? null : r.schema().fields();
      for (int i = 0; i < r.length(); i++) {
        g.writeFieldName(fields == null ? "_" + (i + 1) : fields[i].name());
        json(g, r.get(i));
      }
      g.writeEndObject();
    } else if (v instanceof scala.collection.Map<?, ?> m) {
      g.writeStartObject();
      Iterator<? extends Tuple2<?, ?>> it = JavaConverters.asJavaIterator(m.iterator());
      while (it.hasNext()) {
        Tuple2<?, ?> e = it.next();
        g.writeFieldName(exact(e._1()));
        json(g, e._2());
      }
      g.writeEndObject();
    } else {
      g.writeString(scalar(v));
    }
  }
}
