package io.moodstream.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicMatcherTest {
  private final TopicMatcher m =
      TopicMatcher.of(
          List.of("Twitter", "climate change", "#WorldCup", "example.com", "twitter's"));

  @Test
  void aWordMatchesCaseInsensitivelyAndThroughPunctuation() {
    for (String t :
        List.of(
            "TWITTER",
            "twitter",
            "\"Twitter\"",
            "twitter.",
            "#twitter",
            "@twitter",
            "http://twitter.com",
            "I like Twitter, really")) {
      assertThat(m.match(t)).as(t).contains("twitter");
    }
  }

  @Test
  void aWordDoesNotMatchInsideAnotherWord() {
    assertThat(m.match("twitterbot and tweeting")).doesNotContain("twitter");
  }

  @Test
  void aPhraseNeedsAllItsWordsInAnyOrder() {
    assertThat(m.match("The climate is going to change")).containsExactly("climate change");
    assertThat(m.match("Climate Change now!")).containsExactly("climate change");
    assertThat(m.match("the climate is nice")).isEmpty();
  }

  @Test
  void aHashtagTermMatchesOnlyTheHashtag() {
    assertThat(m.match("watching the #worldcup final")).containsExactly("#worldcup");
    assertThat(m.match("#WorldCup!")).containsExactly("#worldcup");
    assertThat(m.match("the worldcup final")).isEmpty();
  }

  @Test
  void punctuationInsideATermIsPartOfIt() {
    assertThat(m.match("Someday I will visit example.com")).contains("example.com");
    assertThat(m.match("There is no example.com/foobarbaz")).doesNotContain("example.com");
  }

  @Test
  void anApostropheTermMatchesThePossessive() {
    assertThat(m.match("I like Twitter's new design")).contains("twitter's", "twitter");
  }

  @Test
  void topicsComeInConfigurationOrderAndNamesAreNormalized() {
    assertThat(m.topics())
        .containsExactly("twitter", "climate change", "#worldcup", "example.com", "twitter's");
    assertThat(m.match("#worldcup climate change on twitter"))
        .containsExactly("twitter", "climate change", "#worldcup");
    assertThat(TopicMatcher.normalize("  Climate   Change ")).isEqualTo("climate change");
  }

  @Test
  void emptyAndUnicodeTextsAreSafe() {
    assertThat(m.match("")).isEmpty();
    assertThat(m.match(null)).isEmpty();
    assertThat(m.match("İstanbul loves twitter 😍")).containsExactly("twitter");
    assertThat(TopicMatcher.of(List.of("café")).match("Le CAFÉ est bon")).containsExactly("café");
  }

  @Test
  void manyTermsBeyondSixtyFourStillMatch() {
    List<String> terms = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      terms.add("word" + i);
    }
    TopicMatcher big = TopicMatcher.of(terms);
    assertThat(big.match("word3 and word99 and word64"))
        .containsExactly("word3", "word64", "word99");
  }
}
