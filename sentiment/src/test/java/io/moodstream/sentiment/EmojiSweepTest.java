package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every key of the reference's {@code emoji_utf8_lexicon.txt} (3,570 lines, of which the 1,212
 * single code points are the ones the reference can match, VADER-NOTES.md 1.1) in three contexts —
 * alone, after "the game today " and inside "not bad … at all!!" — scores exactly as vaderSentiment
 * 3.3.2 scored it: 10,710 sentences. The expected values in {@code emoji-sweep.tsv} were produced
 * by running the reference itself (its header says how); this module carries them, so the sweep
 * needs nothing outside the repository.
 */
class EmojiSweepTest {
  static final String SWEEP = "emoji-sweep.tsv";
  static final List<String> CONTEXTS = List.of("%s", "the game today %s", "not bad %s at all!!");

  private final SentimentScorer scorer = SentimentScorer.standard();

  static List<ParityCorpus.Row> sweep() throws Exception {
    return ParityCorpus.read(resource());
  }

  private static Path resource() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(EmojiSweepTest.class.getResource(SWEEP), SWEEP).toURI());
  }

  @Test
  void everyEmojiOfTheReferenceLexiconScoresAsTheReferenceInThreeContexts() throws Exception {
    List<ParityCorpus.Row> rows = sweep();
    assertThat(rows).as("3,570 lexicon keys x 3 contexts").hasSize(3_570 * 3);
    List<String> mismatches = new ArrayList<>();
    for (ParityCorpus.Row row : rows) {
      Scores got = scorer.score(row.text());
      if (!same(got.neg(), row.neg())
          || !same(got.neu(), row.neu())
          || !same(got.pos(), row.pos())
          || !same(got.compound(), row.compound())) {
        mismatches.add(
            String.format(
                "line %d \"%s\" (%s): expected neg=%s neu=%s pos=%s compound=%s, got %s",
                row.line(),
                row.text(),
                codePoints(row.text()),
                row.neg(),
                row.neu(),
                row.pos(),
                row.compound(),
                got));
      }
    }
    assertThat(mismatches)
        .as("%d of %d sentences differ from the reference", mismatches.size(), rows.size())
        .isEmpty();
  }

  @Test
  void theSweepHoldsEachKeyInTheThreeContextsInOrder() throws Exception {
    List<ParityCorpus.Row> rows = sweep();
    Set<String> keys = new LinkedHashSet<>();
    int singleCodePoint = 0;
    for (int i = 0; i < rows.size(); i += 3) {
      String key = rows.get(i).text();
      for (int c = 0; c < CONTEXTS.size(); c++) {
        assertThat(rows.get(i + c).text()).isEqualTo(String.format(CONTEXTS.get(c), key));
      }
      keys.add(key);
      if (key.codePointCount(0, key.length()) == 1) {
        singleCodePoint++;
      }
    }
    assertThat(keys).as("distinct lexicon keys").hasSize(3_570);
    assertThat(singleCodePoint)
        .as("single-code-point keys, the only ones the reference can match")
        .isEqualTo(1_212);
  }

  private static boolean same(double got, double expected) {
    return got == expected && Double.compare(got, expected) == 0;
  }

  private static String codePoints(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .filter(cp -> cp > 0x7F)
        .forEach(cp -> b.append(b.length() == 0 ? "" : " ").append(String.format("U+%04X", cp)));
    return b.toString();
  }
}
