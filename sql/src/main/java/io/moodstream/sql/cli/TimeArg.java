package io.moodstream.sql.cli;

import io.moodstream.schema.hbase.RowKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time on the command line, as the REST API reads them: an ISO-8601 instant ({@code
 * 2026-11-24T21:56:00Z}), a date-time with an offset, a date ({@code 2026-11-24}, its UTC
 * midnight), or {@code now}, {@code now-30m}, {@code now-24h}, {@code now-7d}.
 */
final class TimeArg {
  private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d{1,9})([smhd]))?");

  private TimeArg() {}

  /** Epoch seconds of {@code value}; an IllegalArgumentException naming {@code option} if bad. */
  static long parse(String option, String value, Instant now) {
    String v = value == null ? "" : value.trim();
    Instant t;
    Matcher m = RELATIVE.matcher(v);
    if (m.matches()) {
      t = now;
      if (m.group(1) != null) {
        long unit =
            switch (m.group(2)) {
              case "s" -> 1;
              case "m" -> 60;
              case "h" -> 3_600;
              default -> 86_400;
            };
        t = now.minusSeconds(Long.parseLong(m.group(1)) * unit);
      }
    } else {
      t = absolute(v);
      if (t == null) {
        throw new IllegalArgumentException(
            "cannot parse "
                + option
                + " '"
                + v
                + "': use an ISO-8601 instant such as 2026-11-24T21:56:00Z, a date such as"
                + " 2026-11-24, or now, now-30m, now-24h, now-7d");
      }
    }
    long s = t.getEpochSecond();
    if (s < 0 || s > RowKey.MAX_EPOCH_SECOND) {
      throw new IllegalArgumentException(option + " " + t + " is outside 1970-01-01..2106-02-07");
    }
    return s;
  }

  private static Instant absolute(String v) {
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e1) {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e2) {
        try {
          return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e3) {
          return null;
        }
      }
    }
  }
}
