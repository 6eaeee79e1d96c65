package io.moodstream.rest.api;

import io.moodstream.schema.hbase.Aggregate;
import java.time.Instant;

/**
 * One bucket of a series. {@code meanCompound} and {@code stddev} are rounded to 4 decimals (as
 * VADER reports compound) and {@code null} when no post of the bucket was scored.
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
        round4(a.meanCompound()),
        round4(a.stddev()),
        a.histogram());
  }

  /** Rounded to 4 decimals; {@code null} for NaN. */
  public static Double round4(double v) {
    if (Double.isNaN(v)) {
      return null;
    }
    double r = Math.round(v * 10_000.0) / 10_000.0;
    return r == 0.0 ? 0.0 : r; // no -0.0 on the wire
  }
}
