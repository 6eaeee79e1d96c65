package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worked examples and reference values of VADER-NOTES.md (sections 1.2–1.13, 2 and 3). These
 * always run; {@link VaderParityTest} adds the 523-row corpus when shared/ is present.
 */
class VaderRulesTest {

  private static final double EPS = 1e-9;

  private final SentimentScorer scorer = SentimentScorer.standard();

  private double compound(String text) {
    return scorer.score(text).compound();
  }

  private double valenceOf(String text, int token) {
    return scorer.valences(text)[token];
  }

  @ParameterizedTest(name = "\"{0}\" has compound {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // 1.2 emoji
        "😂I love it | 0.5106",
        "❤ | 0.6369",
        "❤️ | 0.0",
        "😂 | 0.4404",
        "I love it 😂 | 0.7964",
        "🔥 | -0.34",
        // 1.3 tokenisation
        "good!!!! | 0.6209",
        "My boss is GREAT?! | 0.729",
        "#blessed | 0.5994",
        "@happy | 0.5719",
        "uh-uh, not good | 0.2594",
        "No. | 0.0",
        "Ok. | 0.0",
        "No, I am fine. | 0.2023",
        // 1.6 "no" and caps
        "NO problem at all | 0.1343",
        "There is no problem with it. | 0.3089",
        "No good deed goes unpunished. | -0.3412",
        // 1.7 negation and the so/this quirk
        "It is so good. | 0.5777",
        "It was never so good. | 0.6626",
        "Not bad at all. | 0.431",
        "It was NOT good. | -0.3412",
        "Despite the good reviews, it failed. | -0.6914",
        "She wouldn't call it a success. | 0.5719",
        "Without a doubt the best pizza in town. | 0.7438",
        // 1.8 idioms
        "The bus stop was nice. | -0.296",
        "He is a bad ass. | 0.6124",
        "He is a badass. | 0.34",
        "I heard a beating heart. | 0.8481",
        "She has a broken heart. | -0.8316",
        // 1.10 boosters
        "Hardly a good idea. | 0.3862",
        "It was utter nonsense. | -0.4576",
        // 1.11 but
        "Love it, but alive. | 0.5267",
        // 1.4 Unicode isupper
        "GOOD ÉÉ | 0.4404",
        // 1.13 worked examples
        "'VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!' | 0.9469",
        "'VADER is not smart, handsome, nor funny.' | -0.7424",
        "'Not bad, but not great either.' | -0.5448",
        "'No love, no hate, nor joy.' | 0.468",
        "No way. | -0.296",
        "'Today only kinda sux! But I''ll get by, lol' | 0.5249",
      })
  void referenceExamplesHaveTheReferenceCompound(String text, double expected) {
    assertThat(compound(text)).isEqualTo(expected);
  }

  @Test
  void goodHateFineIsNegativeZeroBecauseOfPlainLeftToRightSummation() {
    Scores s = scorer.score("good hate fine");
    assertThat(Double.doubleToRawLongBits(s.compound()))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void noWayRoundsTheNeutralTieToEven() {
    Scores s = scorer.score("No way.");
    assertThat(s.neg()).isEqualTo(0.688);
    assertThat(s.neu()).isEqualTo(0.312);
    assertThat(s.pos()).isEqualTo(0.0);
  }

  @Test
  void singleCharacterTokensCountAsNeutral() {
    assertThat(scorer.score("I am happy.").neu()).isEqualTo(0.351);
  }

  @Test
  void emptyAndWhitespaceOnlyTextScoreAllZero() {
    assertThat(scorer.score("")).isEqualTo(Scores.ZERO);
    assertThat(scorer.score(" \t\u3000\u0085 ")).isEqualTo(Scores.ZERO);
    assertThat(scorer.score(null)).isEqualTo(Scores.ZERO);
  }

  @Test
  void pythonWhitespaceSplitsTokensThatJavaWouldJoin() {
    assertThat(compound("nice\u001cgood")).isEqualTo(0.6908);
    assertThat(scorer.valences("nice\u00a0good")).hasSize(2);
    assertThat(scorer.valences("nice\u200bgood")).hasSize(1); // U+200B is not whitespace
  }

  @Test
  void secondNoInNoNoGoodScoresMinusPoint74TimesMinusOnePoint2() {
    assertThat(valenceOf("no no good", 1)).isCloseTo(0.888, within(EPS));
  }

  @Test
  void soAndThisMultiplyByOnePointTwoFiveThreeBack() {
    assertThat(valenceOf("It is so good.", 3)).isCloseTo(2.74125, within(EPS));
    assertThat(valenceOf("It was never so good.", 4)).isCloseTo(3.4265625, within(EPS));
    assertThat(valenceOf("I have never been this happy.", 5)).isCloseTo(3.375, within(EPS));
  }

  @Test
  void negationsStackAndTheWindowIsThreeTokens() {
    assertThat(valenceOf("It was not not good.", 4)).isCloseTo(1.04044, within(EPS));
    assertThat(valenceOf("It isn't really all that great.", 5)).isCloseTo(3.3637, within(EPS));
    assertThat(valenceOf("Without a doubt", 2)).isCloseTo(1.11, within(EPS));
  }

  @Test
  void idiomsAndMultiWordDampenersApplyOnlyThreeBack() {
    assertThat(valenceOf("The service here is kind of good.", 6)).isCloseTo(1.607, within(EPS));
    assertThat(valenceOf("Yeah right, that was fun.", 0)).isCloseTo(1.2, within(EPS));
    assertThat(valenceOf("kind of sad", 2)).isCloseTo(-2.1, within(EPS));
    assertThat(valenceOf("The cake was to die for.", 4)).isCloseTo(-2.9, within(EPS));
    double[] busStop = scorer.valences("The bus stop was nice.");
    assertThat(busStop[2]).isCloseTo(-1.2, within(EPS));
    assertThat(busStop[4]).isEqualTo(0.0);
    double[] kiss = scorer.valences("It was the kiss of death");
    assertThat(kiss[3]).isCloseTo(-1.5, within(EPS));
    assertThat(kiss[5]).isCloseTo(-1.5, within(EPS));
  }

  @Test
  void leastNegatesUnlessAfterAtOrVery() {
    assertThat(valenceOf("least happy", 1)).isCloseTo(-1.998, within(EPS));
    assertThat(valenceOf("The least helpful answer.", 2)).isCloseTo(-1.332, within(EPS));
    assertThat(valenceOf("at least happy", 2)).isCloseTo(2.7, within(EPS));
  }

  @Test
  void capitalDampenerBeforeAPositiveWordBoosts() {
    assertThat(valenceOf("It is KINDA good.", 3)).isCloseTo(2.34, within(EPS));
  }

  @Test
  void butRescalesTheFirstEqualSlotLikeTheReference() {
    assertThat(scorer.valences("Love it, but alive."))
        .containsExactly(new double[] {0.8, 0.0, 0.0, 1.6}, within(EPS));
  }

  @Test
  void workedExampleTokenValuesMatchSection113() {
    double[] vader = scorer.valences("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!");
    assertThat(vader[3]).isCloseTo(3.459, within(EPS));
    assertThat(vader[5]).isCloseTo(3.4164, within(EPS));
    assertThat(vader[8]).isCloseTo(3.659, within(EPS));
    double[] not = scorer.valences("VADER is not smart, handsome, nor funny.");
    assertThat(not[3]).isCloseTo(-1.258, within(EPS));
    assertThat(not[4]).isCloseTo(-1.628, within(EPS));
    assertThat(not[6]).isCloseTo(-1.406, within(EPS));
    assertThat(scorer.valences("No love, no hate, nor joy."))
        .containsExactly(new double[] {0.0, -2.368, 0.888, 1.998, 0.0, 1.53328}, within(EPS));
    assertThat(valenceOf("Hardly a good idea.", 2)).isCloseTo(1.62165, within(EPS));
    double[] sux = scorer.valences("Today only kinda sux! But I'll get by, lol");
    assertThat(sux[3]).isCloseTo(-0.6035, within(EPS));
    assertThat(sux[8]).isCloseTo(2.7, within(EPS));
  }

  @Test
  void typedCapitalEmoticonsAreLookedUpLowerCased() {
    assertThat(valenceOf(":P", 0)).isEqualTo(1.0); // ":p", not ":P" 1.4
    assertThat(valenceOf("O.o", 0)).isEqualTo(-0.8);
    assertThat(valenceOf(":Þ", 0)).isEqualTo(0.0);
  }

  @Test
  void curlyApostropheDoesNotNegate() {
    assertThat(valenceOf("it isn’t good", 2)).isCloseTo(1.9, within(EPS));
    assertThat(valenceOf("it isn't good", 2)).isCloseTo(1.9 * -0.74, within(EPS));
  }

  @Test
  void lowerCasingIgnoresTheDefaultLocale() {
    java.util.Locale saved = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
      assertThat(compound("NICE")).isEqualTo(compound("nice"));
    } finally {
      java.util.Locale.setDefault(saved);
    }
  }
}
