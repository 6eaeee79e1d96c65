package io.moodstream.rest.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Whole-second instants as ISO-8601 UTC text, exactly as {@link Instant#toString()} writes them
 * ({@code 2026-11-25T01:00:00Z}), without the formatter machinery: a 24 h minute series writes
 * 1,440 of them per answer, which made {@code Instant.toString} a visible share of its CPU.
 */
public final class IsoSeconds {
  /**
   * 10000-01-01T00:00:00Z: from there on (and before 0000) the year needs a sign or more digits.
   */
  private static final long YEAR_10000 = 253_402_300_800L;

  private static final long YEAR_0 = -62_167_219_200L;

  private IsoSeconds() {}

  public static String format(long epochSecond) {
    if (epochSecond < YEAR_0 || epochSecond >= YEAR_10000) {
      return Instant.ofEpochSecond(epochSecond).toString();
    }
    LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400));
    int s = (int) Math.floorMod(epochSecond, 86_400);
    byte[] b = {
      0, 0, 0, 0, '-', 0, 0, '-', 0, 0, 'T', 0, 0, ':', 0, 0, ':', 0, 0, 'Z',
    };
    digits(b, 0, d.getYear(), 4);
    digits(b, 5, d.getMonthValue(), 2);
    digits(b, 8, d.getDayOfMonth(), 2);
    digits(b, 11, s / 3600, 2);
    digits(b, 14, s / 60 % 60, 2);
    digits(b, 17, s % 60, 2);
    return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static void digits(byte[] b, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      b[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
