package io.moodstream.rest.query;

import io.moodstream.schema.hbase.EpochSeconds;
import java.time.Instant;

/**
 * Times in query parameters, read as {@link EpochSeconds} reads them; errors name the parameter.
 */
public final class Times {
  private Times() {}

  /** Epoch seconds (rounded down) of {@code value}; {@code parameter} names it in errors. */
  public static long parse(String parameter, String value, Instant now) {
    try {
      return EpochSeconds.parse(parameter, value, now);
    } catch (IllegalArgumentException e) {
      throw new BadParameterException(parameter, e.getMessage());
    }
  }
}
