package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.fellbaum.jemoji.EmojiManager;
import org.junit.jupiter.api.Test;

/** The emoji map: the reference's 1,212 single-code-point emoji, names as in the reference. */
class EmojiDescriptionsTest {

  private final EmojiDescriptions emoji = EmojiDescriptions.reference();
  private final SentimentScorer scorer = SentimentScorer.standard();

  @Test
  void mapHoldsTheReferencesTwelveHundredTwelveSingleCodePointEmoji() {
    assertThat(emoji.size()).isEqualTo(1_212);
    assertThat(emoji.describe(0xA9)).isEqualTo("copyright");
    assertThat(emoji.describe(0xAE)).isEqualTo("registered");
    assertThat(emoji.describe(0x1F51B)).isEqualTo("ON! arrow");
    assertThat(emoji.describe(0x1F199)).isEqualTo("UP! button");
    assertThat(emoji.describe(0x1F936)).isEqualTo("Mrs. Claus");
    assertThat(emoji.describe(0x1F996)).isEqualTo("T-Rex");
    assertThat(emoji.describe(0x1F452)).isEqualTo("woman’s hat");
  }

  @Test
  void emojiNewerThanEmojiElevenStayRawAsInTheReference() {
    assertThat(emoji.describe("🥱".codePointAt(0))).isNull(); // yawning face, Emoji 12.0
    assertThat(emoji.describe("🫠".codePointAt(0))).isNull(); // melting face, Emoji 14.0
    assertThat(EmojiManager.getEmoji("🥱")).isPresent();
    assertThat(scorer.score("🥱").compound()).isEqualTo(0.0);
    assertThat(scorer.score("🥱 love it").compound()).isEqualTo(scorer.score("love it").compound());
  }

  @Test
  void descriptionsAreSpacedOffBeforeAndGluedAfter() {
    assertThat(emoji.replace("😂I love it")).isEqualTo("face with tears of joyI love it");
    assertThat(emoji.replace("a😂😂b"))
        .isEqualTo("a face with tears of joy face with tears of joyb");
    assertThat(emoji.replace("👍🏽")).isEqualTo("thumbs up medium skin tone");
    assertThat(emoji.replace("❤️")).isEqualTo("red heart\uFE0F");
    assertThat(emoji.replace("👨\u200d👩\u200d👧")).isEqualTo("man\u200d woman\u200d girl");
    assertThat(emoji.replace("🇺🇸")).isEqualTo("🇺🇸");
    String plain = "no emoji here";
    assertThat(emoji.replace(plain)).isSameAs(plain);
  }

  @Test
  void everyReferenceNameOverrideReplacesADifferentJemojiName() {
    for (Map.Entry<Integer, String> e : EmojiDescriptions.REFERENCE_NAMES.entrySet()) {
      String jemoji =
          EmojiManager.getEmoji(Character.toString(e.getKey())).orElseThrow().getDescription();
      assertThat(jemoji).as("jemoji name of U+%X", e.getKey()).isNotEqualTo(e.getValue());
      assertThat(emoji.describe(e.getKey())).isEqualTo(e.getValue());
    }
  }

  @Test
  void huggingFaceScoresAsInTheReference() {
    // "hugging face": hugging 1.8 → 0.4215; jemoji's "smiling face with open hands" gives 0.4588
    assertThat(scorer.score("🤗")).isEqualTo(new Scores(0.0, 0.263, 0.737, 0.4215));
  }

  @Test
  void dizzyFaceScoresAsInTheReference() {
    // "dizzy face": dizzy -0.9 → -0.2263; jemoji's "face with crossed-out eyes" gives 0.0
    assertThat(scorer.score("😵")).isEqualTo(new Scores(0.655, 0.345, 0.0, -0.2263));
  }

  @Test
  void poutingFaceScoresAsInTheReference() {
    // corpus row: "pouting face" scores 0.0; jemoji's "enraged face" gives -0.5859 (enraged -1.7)
    assertThat(scorer.score("😡")).isEqualTo(new Scores(0.0, 1.0, 0.0, 0.0));
  }

  @Test
  void renamedFacesKeepTheReferenceTokenCount() {
    // "smiling face with 3 hearts": 5 tokens, 3 neutral → pos 7.3/10.3
    assertThat(scorer.score("🥰")).isEqualTo(new Scores(0.0, 0.291, 0.709, 0.8074));
    // "cat face with tears of joy": "face" stays a neutral token
    assertThat(scorer.score("😹")).isEqualTo(scorer.score("cat face with tears of joy"));
  }

  @Test
  void exclamationMarksInDescriptionsCountAsTheReferenceCountsThem() {
    // "good ON! arrow": the "!" comes from the description and adds 0.292
    assertThat(scorer.score("good 🔛").compound())
        .isEqualTo(scorer.score("good ON! arrow").compound());
    assertThat(scorer.score("good 🔛").compound()).isGreaterThan(scorer.score("good").compound());
  }

  @Test
  void capitalsInDescriptionsTakePartInAllCaps() {
    // "OK button": OK is upper, so cap_diff holds and the upper token "OK" gets +0.733
    assertThat(scorer.score("🆗").compound()).isEqualTo(scorer.score("OK button").compound());
    assertThat(scorer.score("🆗").compound()).isNotEqualTo(scorer.score("ok button").compound());
  }
}
