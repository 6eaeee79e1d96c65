package io.moodstream.schema.hbase;

import io.moodstream.schema.key.KeyLimits;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time as users write it, in the REST API's query parameters and on the command line: an ISO-8601
 * instant ({@code 2026-11-24T21:56:00Z}), a date-time with an offset ({@code
 * 2026-11-24T22:56:00+01:00}), a date ({@code 2026-11-24}, its UTC midnight), or relative to now:
 * {@code now}, {@code now-30s}, {@code now-30m}, {@code now-24h}, {@code now-7d}. The result is
 * epoch seconds within what a {@link RowKey} can hold.
 */
public final class EpochSeconds {
  private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d{1,9})([smhd]))?");

  private EpochSeconds() {}

  /**
   * Epoch seconds (rounded down) of {@code value}.
   *
   * @param name what the value is ({@code from}, {@code --to}), named in the error
   * @throws IllegalArgumentException for an empty or unreadable value, or one outside
   *     1970-01-01..2106-02-07, with a message that names {@code name} and says what to write
   */
  public static long parse(String name, String value, Instant now) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    String v = value.trim();
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
      Optional<Instant> absolute = instant(v);
      if (absolute.isEmpty()) {
        throw new IllegalArgumentException(
            "cannot parse "
                + name
                + " '"
                + v
                + "': use an ISO-8601 instant such as 2026-11-24T21:56:00Z, a date such as"
                + " 2026-11-24, or now, now-30m, now-24h, now-7d");
      }
      t = absolute.get();
    }
    long s = t.getEpochSecond();
    if (s < 0 || s > KeyLimits.MAX_EPOCH_SECOND) {
      throw new IllegalArgumentException(name + " " + t + " is outside 1970-01-01..2106-02-07");
    }
    return s;
  }

  /**
   * An absolute time as users write it: an ISO-8601 instant, a date-time with an offset, or a date
   * (its UTC midnight); empty for anything else.
   */
  public static Optional<Instant> instant(String v) {
    try {
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException e1) {
      try {
        return Optional.of(OffsetDateTime.parse(v).toInstant());
      } catch (DateTimeParseException e2) {
        try {
          return Optional.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e3) {
          return Optional.empty();
        }
      }
    }
  }
}
