package io.moodstream.rest.resources;

import io.moodstream.rest.api.IsoSeconds;
import io.moodstream.rest.query.BadParameterException;
import io.moodstream.schema.hbase.EpochSeconds;
import java.time.Duration;
import java.time.Instant;

/** The {@code from}/{@code to} parameters of a request, resolved against one "now". */
record Range(long from, long to) {

  static Range parse(String from, String to, Instant now, Duration defaultLength) {
    long t = to == null ? now.getEpochSecond() : time("to", to, now);
    long f = from == null ? t - defaultLength.toSeconds() : time("from", from, now);
    if (f >= t) {
      throw new BadParameterException(
          "from",
          "from (" + IsoSeconds.format(f) + ") must be before to (" + IsoSeconds.format(t) + ")");
    }
    return new Range(f, t);
  }

  /** Epoch seconds (rounded down) of {@code value}; {@code parameter} names it in errors. */
  private static long time(String parameter, String value, Instant now) {
    try {
      return EpochSeconds.parse(parameter, value, now);
    } catch (IllegalArgumentException e) {
      throw new BadParameterException(parameter, e.getMessage());
    }
  }
}
