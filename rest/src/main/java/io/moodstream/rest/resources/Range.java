package io.moodstream.rest.resources;

import io.moodstream.rest.api.IsoSeconds;
import io.moodstream.rest.query.BadParameterException;
import io.moodstream.rest.query.Times;
import java.time.Duration;
import java.time.Instant;

/** The {@code from}/{@code to} parameters of a request, resolved against one "now". */
record Range(long from, long to) {

  static Range parse(String from, String to, Instant now, Duration defaultLength) {
    long t = to == null ? now.getEpochSecond() : Times.parse("to", to, now);
    long f = from == null ? t - defaultLength.toSeconds() : Times.parse("from", from, now);
    if (f >= t) {
      throw new BadParameterException(
          "from",
          "from (" + IsoSeconds.format(f) + ") must be before to (" + IsoSeconds.format(t) + ")");
    }
    return new Range(f, t);
  }
}
