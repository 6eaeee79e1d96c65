package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every row of {@code vader-parity.tsv} (test resources: 523 texts scored by vaderSentiment 3.3.2
 * under CPython 3.11.7) must score identically here: all four values, and the sign of the -0.0
 * rows.
 */
class VaderParityTest {

  private final SentimentScorer scorer = SentimentScorer.standard();

  @Test
  void everyCorpusRowScoresExactlyAsTheReference() throws Exception {
    Path file = ParityCorpus.corpus();
    List<ParityCorpus.Row> rows = ParityCorpus.read(file);
    assertThat(rows).as("rows in %s", file).hasSize(523);

    List<String> mismatches = new ArrayList<>();
    for (ParityCorpus.Row row : rows) {
      Scores got = scorer.score(row.text());
      if (!same(got.neg(), row.neg())
          || !same(got.neu(), row.neu())
          || !same(got.pos(), row.pos())
          || !same(got.compound(), row.compound())) {
        mismatches.add(
            String.format(
                "line %d %s: expected neg=%s neu=%s pos=%s compound=%s, got %s",
                row.line(),
                quote(row.text()),
                row.neg(),
                row.neu(),
                row.pos(),
                row.compound(),
                got));
      }
    }
    assertThat(mismatches)
        .as("%d of %d rows differ from the reference", mismatches.size(), rows.size())
        .isEmpty();
  }

  @Test
  void negativeZeroRowsKeepTheirSign() throws Exception {
    List<ParityCorpus.Row> negativeZero = new ArrayList<>();
    for (ParityCorpus.Row row : ParityCorpus.read(ParityCorpus.corpus())) {
      if (Double.doubleToRawLongBits(row.compound()) == Double.doubleToRawLongBits(-0.0)) {
        negativeZero.add(row);
      }
    }
    assertThat(negativeZero).as("the corpus has four -0.0 compound rows").hasSize(4);
    for (ParityCorpus.Row row : negativeZero) {
      assertThat(scorer.score(row.text()).compound()).as(row.text()).isEqualTo(-0.0);
    }
  }

  /** Numerically equal, and the same sign when both are zero. */
  private static boolean same(double got, double expected) {
    return got == expected && Double.compare(got, expected) == 0;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }
}
