package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SentimentClassTest {

  @Test
  void thresholdsAreInclusiveAtPlusAndMinusPointZeroFive() {
    assertThat(SentimentClass.of(0.05)).isEqualTo(SentimentClass.POSITIVE);
    assertThat(SentimentClass.of(0.0499)).isEqualTo(SentimentClass.NEUTRAL);
    assertThat(SentimentClass.of(-0.0)).isEqualTo(SentimentClass.NEUTRAL);
    assertThat(SentimentClass.of(-0.0499)).isEqualTo(SentimentClass.NEUTRAL);
    assertThat(SentimentClass.of(-0.05)).isEqualTo(SentimentClass.NEGATIVE);
    assertThat(SentimentClass.of(1.0)).isEqualTo(SentimentClass.POSITIVE);
    assertThat(SentimentClass.of(-1.0)).isEqualTo(SentimentClass.NEGATIVE);
  }

  @Test
  void scoresExposeTheirClass() {
    SentimentScorer scorer = SentimentScorer.standard();
    assertThat(scorer.score("I love it").sentimentClass()).isEqualTo(SentimentClass.POSITIVE);
    assertThat(scorer.score("I hate it").sentimentClass()).isEqualTo(SentimentClass.NEGATIVE);
    assertThat(scorer.score("It is a table").sentimentClass()).isEqualTo(SentimentClass.NEUTRAL);
  }

  @Test
  void nanIsRejected() {
    assertThatThrownBy(() -> SentimentClass.of(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scoresRejectValuesOutsideTheirRange() {
    assertThatThrownBy(() -> new Scores(1.5, 0, 0, 0)).hasMessageContaining("neg");
    assertThatThrownBy(() -> new Scores(0, 0, 0, Double.NaN)).hasMessageContaining("compound");
  }
}
