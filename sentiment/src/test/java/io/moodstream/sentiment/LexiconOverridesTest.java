package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each 3.3.2 override of the npm lexicon changes a score: with the override the reference value,
 * without it (the npm file as shipped) something else.
 */
class LexiconOverridesTest {

  private final SentimentScorer withOverrides = SentimentScorer.standard();
  private final SentimentScorer npmAsShipped =
      new SentimentScorer(Lexicon.bundled(), EmojiDescriptions.reference());

  @Test
  void overridesAreExactlyTheFourDocumentedEntries() {
    assertThat(LexiconOverrides.REFERENCE_3_3_2)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("badass", 1.4, "flawed", -2.1, "heart", 3.2, "hearts", 3.3));
    Map<String, Double> npm = Lexicon.bundled();
    assertThat(npm.get("badass")).isEqualTo(-0.6);
    assertThat(npm).doesNotContainKeys("flawed", "heart", "hearts");
  }

  @Test
  void badassScoresAsInTheReference() {
    assertThat(withOverrides.score("He is a badass.").compound()).isEqualTo(0.34);
    assertThat(npmAsShipped.score("He is a badass.").compound()).isEqualTo(-0.1531);
  }

  @Test
  void flawedScoresAsInTheReference() {
    // -2.1 / sqrt(2.1^2 + 15) = -0.47665 → -0.4767
    assertThat(withOverrides.score("It is flawed.").compound()).isEqualTo(-0.4767);
    assertThat(npmAsShipped.score("It is flawed.").compound()).isEqualTo(0.0);
  }

  @Test
  void heartScoresAsInTheReference() {
    assertThat(withOverrides.score("❤").compound()).isEqualTo(0.6369); // "red heart"
    assertThat(withOverrides.score("I heard a beating heart.").compound()).isEqualTo(0.8481);
    assertThat(npmAsShipped.score("❤").compound()).isEqualTo(0.0);
  }

  @Test
  void heartsScoresAsInTheReference() {
    // 3.3 / sqrt(3.3^2 + 15) = 0.64856 → 0.6486
    assertThat(withOverrides.score("hearts everywhere").compound()).isEqualTo(0.6486);
    assertThat(npmAsShipped.score("hearts everywhere").compound()).isEqualTo(0.0);
  }

  @Test
  void removingAnyOverrideChangesItsExample() {
    Map<String, String> examples =
        Map.of(
            "badass", "He is a badass.",
            "flawed", "It is flawed.",
            "heart", "❤",
            "hearts", "hearts everywhere");
    for (String word : LexiconOverrides.REFERENCE_3_3_2.keySet()) {
      Map<String, Double> lexicon = new HashMap<>(Lexicon.bundledWithOverrides());
      lexicon.remove(word);
      if (word.equals("badass")) {
        lexicon.put("badass", -0.6);
      }
      SentimentScorer without = new SentimentScorer(lexicon, EmojiDescriptions.reference());
      String text = examples.get(word);
      assertThat(without.score(text)).as(word).isNotEqualTo(withOverrides.score(text));
    }
  }
}
