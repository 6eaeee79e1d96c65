package io.moodstream.sentiment;

import java.util.Map;

/**
 * The four entries in which the bundled lexicon (npm {@code vader-sentiment@1.1.3}, {@code
 * vader_lexicon.txt}) differs from the lexicon of the reference vaderSentiment 3.3.2. Applied after
 * loading, so the scorer sees the 3.3.2 values. Each entry has a test in {@code
 * LexiconOverridesTest} that fails without it.
 */
final class LexiconOverrides {

  /** word → 3.3.2 mean valence. */
  static final Map<String, Double> REFERENCE_3_3_2 =
      Map.of(
          // npm has -0.6; 3.3.2 re-rated it: "He is a badass." 0.34
          "badass", 1.4,
          // missing from npm; added in 3.3.2
          "flawed", -2.1,
          // missing from npm; 3.3.2 added them with the emoji descriptions ("red heart")
          "heart", 3.2,
          "hearts", 3.3);

  private LexiconOverrides() {}
}
