package io.moodstream.ingest.source.replay;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses v1.1 {@code created_at} ({@code Wed Oct 10 20:19:24 +0000 2018}) quickly. */
final class TwitterTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);
  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private TwitterTime() {}

  /** The instant, or null when the text is not a v1.1 time. */
  static Instant parse(String s) {
    if (s == null) {
      return null;
    }
    if (s.length() == 30 && s.startsWith("+0000 ", 20)) {
      int m = MONTHS.indexOf(s.substring(4, 7));
      if (m >= 0 && m % 3 == 0) {
        try {
          int month = m / 3 + 1;
          int day = num(s, 8);
          int hh = num(s, 11);
          int mm = num(s, 14);
          int ss = num(s, 17);
          int year = Integer.parseInt(s.substring(26, 30));
          long days = daysFromCivil(year, month, day);
          return Instant.ofEpochSecond(days * 86400 + hh * 3600L + mm * 60L + ss);
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    try {
      return ZonedDateTime.parse(s, FORMAT).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static int num(String s, int i) {
    char a = s.charAt(i);
    char b = s.charAt(i + 1);
    if (a < '0' || a > '9' || b < '0' || b > '9') {
      throw new NumberFormatException(s);
    }
    return (a - '0') * 10 + (b - '0');
  }

  /** Days since 1970-01-01 (Howard Hinnant's algorithm). */
  static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  /** Formats like v1.1 does, for generated archives. */
  static String format(Instant t) {
    return FORMAT.format(t.atZone(java.time.ZoneOffset.UTC));
  }
}
