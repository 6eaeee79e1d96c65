package io.moodstream.rest.api;

import io.moodstream.schema.hbase.Aggregate;
import java.time.Instant;

/**
 * One bucket of a series. {@code meanCompound} and {@code stddev} are exact (not rounded: a client
 * comparing with its own computation, or merging points, needs every digit; the dashboard formats
 * them) and {@code null} when no post of the bucket was scored.
 */
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
        Instant.ofEpochSecond(start).toString(),
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
}
