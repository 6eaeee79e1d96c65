package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every row of {@code shared/vader-parity.tsv} (523 texts scored by vaderSentiment 3.3.2 under
 * CPython 3.11.7) must score identically here: all four values, and the sign of the -0.0 rows.
 *
 * <p>The corpus sits beside the repository. Without it the test is skipped (a fork without
 * ../shared), except on CI (env CI=true), where a missing corpus fails the build.
 */
class VaderParityTest {

  private final SentimentScorer scorer = SentimentScorer.standard();

  @Test
  void everyCorpusRowScoresExactlyAsTheReference() throws Exception {
    Path file = corpusOrSkip();
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
    for (ParityCorpus.Row row : ParityCorpus.read(corpusOrSkip())) {
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

  private static Path corpusOrSkip() {
    Optional<Path> file = ParityCorpus.locate();
    if (file.isPresent()) {
      return file.get();
    }
    String message = "VADER parity corpus not found at " + ParityCorpus.expectedLocation();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + ": on CI (CI=true) the shared/ directory beside the repository is required");
    }
    Assumptions.abort(message + ": skipped outside CI (a checkout without ../shared)");
    throw new AssertionError("unreachable");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }
}
