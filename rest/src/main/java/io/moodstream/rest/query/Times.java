package io.moodstream.rest.query;

import io.moodstream.rest.api.IsoSeconds;
import io.moodstream.schema.hbase.RowKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times in query parameters: an ISO-8601 instant ({@code 2026-11-24T21:56:00Z}), a date-time with
 * an offset ({@code 2026-11-24T22:56:00+01:00}), a date ({@code 2026-11-24}, its UTC midnight), or
 * relative to now: {@code now}, {@code now-30s}, {@code now-30m}, {@code now-24h}, {@code now-7d}.
 */
public final class Times {
  private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d{1,9})([smhd]))?");

  private Times() {}

  /** Epoch seconds (rounded down) of {@code value}; {@code parameter} names it in errors. */
  public static long parse(String parameter, String value, Instant now) {
    if (value == null || value.isBlank()) {
      throw new BadParameterException(parameter, parameter + " is empty");
    }
    String v = value.trim();
    Instant t = null;
    Matcher m = RELATIVE.matcher(v);
    if (m.matches()) {
      t = now;
      if (m.group(1) != null) {
        long n = Long.parseLong(m.group(1));
        long unit =
            switch (m.group(2)) {
              case "s" -> 1;
              case "m" -> 60;
              case "h" -> 3_600;
              default -> 86_400;
            };
        t = now.minusSeconds(n * unit);
      }
    } else {
      try {
        t = Instant.parse(v);
      } catch (DateTimeParseException e1) {
        try {
          t = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e2) {
          try {
            t = LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
          } catch (DateTimeParseException e3) {
            throw new BadParameterException(
                parameter,
                "cannot parse "
                    + parameter
                    + " '"
                    + v
                    + "': use an ISO-8601 instant such as 2026-11-24T21:56:00Z, a date such as"
                    + " 2026-11-24, or now, now-30m, now-24h, now-7d");
          }
        }
      }
    }
    long s = t.getEpochSecond();
    if (s < 0 || s > RowKey.MAX_EPOCH_SECOND) {
      throw new BadParameterException(
          parameter, parameter + " " + t + " is outside 1970-01-01..2106-02-07");
    }
    return s;
  }

  public static String format(long epochSecond) {
    return IsoSeconds.format(epochSecond);
  }
}
