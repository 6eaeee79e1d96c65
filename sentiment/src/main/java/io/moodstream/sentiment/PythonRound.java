package io.moodstream.sentiment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code round(x, n)} on doubles: rounds the exact binary value of {@code x} to {@code n}
 * decimals, ties to even, returns the nearest double, and keeps the sign of a zero result.
 *
 * <p>The definition is the exact route: {@code new BigDecimal(x).setScale(n, HALF_EVEN)
 * .doubleValue()} plus the sign fix. A fast path gives the same result without BigDecimal when
 * {@code x * 10^n} is provably not near a tie: the product is off by at most half an ulp (below
 * 1e-12 for the magnitudes scored here), so if its fractional part is more than 1e-7 away from .5
 * the nearest integer {@code k} is the exact rounding, and {@code k / 10^n} is one correctly
 * rounded IEEE division, i.e. the double nearest to the decimal {@code k/10^n}, as {@code
 * doubleValue()} returns.
 */
public final class PythonRound {

  private static final double[] POWERS = {1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1e6};
  private static final double TIE_MARGIN = 1e-7;

  private PythonRound() {}

  /** {@code round(x, decimals)} as CPython computes it. */
  public static double round(double x, int decimals) {
    if (decimals >= 0 && decimals < POWERS.length && Math.abs(x) < 1e6) {
      double scaled = x * POWERS[decimals];
      double floor = Math.floor(scaled);
      if (Math.abs(scaled - floor - 0.5) > TIE_MARGIN) {
        double k = Math.rint(scaled);
        return withSignOf(k / POWERS[decimals], x);
      }
    }
    return exact(x, decimals);
  }

  /** The definition: exact decimal expansion, HALF_EVEN, nearest double, sign of zero restored. */
  public static double exact(double x, int decimals) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    double rounded = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    return withSignOf(rounded, x);
  }

  private static double withSignOf(double rounded, double x) {
    return rounded == 0.0 ? Math.copySign(0.0, x) : rounded;
  }
}
