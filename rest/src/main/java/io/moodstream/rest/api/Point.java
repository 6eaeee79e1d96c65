package io.moodstream.rest.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.moodstream.schema.hbase.Aggregate;
import java.io.IOException;

/**
 * One bucket of a series. {@code meanCompound} and {@code stddev} are exact (not rounded: a client
 * comparing with its own computation, or merging points, needs every digit; the dashboard formats
 * them) and {@code null} when no post of the bucket was scored.
 */
@JsonSerialize(using = Point.Json.class)
public record Point(
    String start,
    long count,
    long scored,
    long positive,
    long neutral,
    long negative,
    Double meanCompound,
    Double stddev,
    long[] histogram) {

  public static Point of(long start, Aggregate a) {
    return new Point(
        IsoSeconds.format(start),
        a.count(),
        a.scored(),
        a.positive(),
        a.neutral(),
        a.negative(),
        orNull(a.meanCompound()),
        orNull(a.stddev()),
        a.histogram());
  }

  /** {@code null} for NaN (nothing scored); no -0.0 on the wire. */
  static Double orNull(double v) {
    if (Double.isNaN(v)) {
      return null;
    }
    return v == 0.0 ? 0.0 : v;
  }

  /**
   * Writes a point field by field, the same JSON as Jackson's record writer (PointTest compares
   * them): a series answer holds up to ~1,500 points, and the reflective writer was the largest
   * share of a 24 h request's CPU.
   */
  static final class Json extends StdSerializer<Point> {
    private static final long serialVersionUID = 1L;

    Json() {
      super(Point.class);
    }

    @Override
    public void serialize(Point p, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      g.writeStartObject(p);
      g.writeStringField("start", p.start());
      g.writeNumberField("count", p.count());
      g.writeNumberField("scored", p.scored());
      g.writeNumberField("positive", p.positive());
      g.writeNumberField("neutral", p.neutral());
      g.writeNumberField("negative", p.negative());
      writeNullable(g, "meanCompound", p.meanCompound());
      writeNullable(g, "stddev", p.stddev());
      g.writeFieldName("histogram");
      if (p.histogram() == null) {
        g.writeNull();
      } else {
        g.writeArray(p.histogram(), 0, p.histogram().length);
      }
      g.writeEndObject();
    }

    private static void writeNullable(JsonGenerator g, String name, Double v) throws IOException {
      if (v == null) {
        g.writeNullField(name);
      } else {
        g.writeNumberField(name, v.doubleValue());
      }
    }
  }
}
