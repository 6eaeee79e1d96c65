package io.moodstream.sentiment.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Formats a double as Python's {@code str(float)} does (the shortest string that reads back to the
 * same double; fixed notation for 1e-4 ≤ |x| < 1e16, otherwise {@code 5e-05} style). Java's {@link
 * Double#toString} differs below 1e-3 ({@code 5.0E-4} for Python's {@code 0.0005}) and above 1e7.
 */
public final class PythonFloatFormat {

  private static final double[] POWERS = {1.0, 10.0, 100.0, 1000.0, 10000.0};

  private PythonFloatFormat() {}

  /** Python {@code str(x)}. */
  public static String format(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0.0) {
      return Double.doubleToRawLongBits(x) < 0 ? "-0.0" : "0.0";
    }
    String fast = fewDecimals(x);
    return fast != null ? fast : general(x);
  }

  /**
   * Fast path for scores: if {@code x} is the double nearest to {@code k / 10^d} for some d ≤ 4 and
   * |k| < 2^53, the shortest repr is that decimal (doubles are far denser than 1e-4 here).
   */
  private static String fewDecimals(double x) {
    double ax = Math.abs(x);
    if (ax < 1e-4 || ax >= 1e9) {
      return null;
    }
    for (int d = 0; d < POWERS.length; d++) {
      double k = Math.rint(ax * POWERS[d]);
      if (k / POWERS[d] == ax) {
        return fixed(x < 0, (long) k, d);
      }
    }
    return null;
  }

  private static String fixed(boolean negative, long k, int decimals) {
    String plain = BigDecimal.valueOf(negative ? -k : k, decimals).toPlainString();
    return decimals == 0 ? plain + ".0" : plain;
  }

  private static String general(double x) {
    BigDecimal exact = new BigDecimal(x);
    BigDecimal shortest = exact;
    for (int p = 1; p <= 17; p++) {
      BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == x) {
        shortest = candidate;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1; // decimal exponent of first digit
    if (exponent >= -4 && exponent < 16) {
      String plain = shortest.toPlainString();
      return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
    // d or d.ddd (the point after the first digit), e, the sign and two or more digits: 5e-05
    String mantissa = shortest.movePointLeft(exponent).toPlainString();
    return String.format(Locale.ROOT, "%se%+03d", mantissa, exponent);
  }
}
