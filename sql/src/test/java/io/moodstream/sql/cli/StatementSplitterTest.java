package io.moodstream.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

  @Test
  void semicolonsEndStatementsOnlyOutsideStringsIdentifiersAndComments() {
    assertThat(
            StatementSplitter.split(
                "SELECT 'a;b', \"c;d\", `e;f` FROM t; -- x; y\nSELECT 'it\\'s;' /* ; */ ;SELECT 3"))
        .containsExactly(
            "SELECT 'a;b', \"c;d\", `e;f` FROM t", "-- x; y\nSELECT 'it\\'s;' /* ; */", "SELECT 3");
  }

  @Test
  void linesAccumulateUntilTheStatementEnds() {
    StatementSplitter s = new StatementSplitter();
    assertThat(s.feed("SELECT topic,")).isEmpty();
    assertThat(s.isEmpty()).isFalse();
    assertThat(s.feed("  count FROM agg_1m")).isEmpty();
    assertThat(s.feed("WHERE topic = 'a;'; SELECT 2;"))
        .containsExactly("SELECT topic,\n  count FROM agg_1m\nWHERE topic = 'a;'", "SELECT 2");
    assertThat(s.isEmpty()).isTrue();
  }

  @Test
  void aStringSpanningLinesKeepsItsSemicolons() {
    StatementSplitter s = new StatementSplitter();
    assertThat(s.feed("SELECT 'one;")).isEmpty();
    assertThat(s.feed("two';")).containsExactly("SELECT 'one;\ntwo'");
  }

  @Test
  void emptyStatementsAndCommentOnlyTextAreDropped() {
    assertThat(StatementSplitter.split(";;  ; -- nothing\n/* none */;")).isEmpty();
    StatementSplitter s = new StatementSplitter();
    s.feed("-- a comment");
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.rest()).isEmpty();
  }

  @Test
  void theLastStatementNeedsNoSemicolon() {
    assertThat(StatementSplitter.split("SELECT 1")).isEqualTo(List.of("SELECT 1"));
  }
}
