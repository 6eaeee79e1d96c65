package io.moodstream.sentiment;

/**
 * VADER scores of one text, rounded as vaderSentiment 3.3.2 rounds them: {@code neg}, {@code neu}
 * and {@code pos} to 3 decimals, {@code compound} to 4 (Python {@code round}, see {@link
 * PythonRound}).
 *
 * @param neg share of negative valence, in [0, 1]
 * @param neu share of neutral tokens, in [0, 1]
 * @param pos share of positive valence, in [0, 1]
 * @param compound normalised sum of valences, in [-1, 1]; may be -0.0 exactly as the reference
 */
public record Scores(double neg, double neu, double pos, double compound) {

  /** All four values 0.0: what the reference returns for empty or whitespace-only text. */
  public static final Scores ZERO = new Scores(0.0, 0.0, 0.0, 0.0);

  public Scores {
    requireIn("neg", neg, 0.0, 1.0);
    requireIn("neu", neu, 0.0, 1.0);
    requireIn("pos", pos, 0.0, 1.0);
    requireIn("compound", compound, -1.0, 1.0);
  }

  /** The VADER class of {@link #compound()}. */
  public SentimentClass sentimentClass() {
    return SentimentClass.of(compound);
  }

  private static void requireIn(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + max + "], was " + value);
    }
  }
}
