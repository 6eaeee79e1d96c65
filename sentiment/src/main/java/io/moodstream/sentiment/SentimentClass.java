package io.moodstream.sentiment;

/**
 * VADER's conventional classes of the compound score: positive at or above {@value
 * #POSITIVE_THRESHOLD}, negative at or below {@value #NEGATIVE_THRESHOLD}, neutral in between.
 */
public enum SentimentClass {
  NEGATIVE,
  NEUTRAL,
  POSITIVE;

  /** Lowest compound score classed positive. */
  public static final double POSITIVE_THRESHOLD = 0.05;

  /** Highest compound score classed negative. */
  public static final double NEGATIVE_THRESHOLD = -0.05;

  /** Classifies a compound score (NaN is rejected). */
  public static SentimentClass of(double compound) {
    if (Double.isNaN(compound)) {
      throw new IllegalArgumentException("compound must not be NaN");
    }
    if (compound >= POSITIVE_THRESHOLD) {
      return POSITIVE;
    }
    if (compound <= NEGATIVE_THRESHOLD) {
      return NEGATIVE;
    }
    return NEUTRAL;
  }
}
