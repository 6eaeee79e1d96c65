package io.moodstream.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import org.apache.spark.SparkException;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

  @Test
  void aSyntaxErrorIsOneLineWithItsPositionAndTheStatementsFault() {
    Throwable e =
        catchThrowable(
            () -> new SparkSqlParser().parsePlan("SELECT topic\nFROM agg_1m WHERE topic = "));
    assertThat(e.getMessage()).contains("\n"); // Spark's own message has the statement and a caret
    SqlErrors.Failure f = SqlErrors.of(e);
    assertThat(f.userError()).isTrue();
    assertThat(f.message())
        .doesNotContain("\n")
        .isEqualTo(
            "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. (line 2, position 26)");
  }

  @Test
  void anHBaseFailureInsideASparkJobIsTheEnvironmentsFault() {
    SparkException e =
        new SparkException(
            "Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times\nDriver stacktrace:",
            new IllegalStateException(
                "wrapped", new IOException("Connection refused: 127.0.0.1:2181")));
    SqlErrors.Failure f = SqlErrors.of(e);
    assertThat(f.userError()).isFalse();
    assertThat(f.message())
        .isEqualTo(
            "cannot read HBase: Connection refused: 127.0.0.1:2181 (is HBase running there? see"
                + " hbase.zookeeper.* in docs/CONFIGURATION.md)");
  }

  @Test
  void theSourcesOwnReadErrorSaysWhatItCouldNotReadAndWhere() {
    SparkException e =
        new SparkException(
            "Job aborted",
            new IOException(
                "cannot read moodstream:agg_1m from HBase at zk:2181: Call exception\nmore",
                new IOException("Call exception")));
    assertThat(SqlErrors.of(e))
        .isEqualTo(
            new SqlErrors.Failure(
                false,
                "cannot read moodstream:agg_1m from HBase at zk:2181: Call exception (is HBase"
                    + " running there? see hbase.zookeeper.* in docs/CONFIGURATION.md)"));
  }

  @Test
  void anythingElseIsItsRootCausesFirstLine() {
    SqlErrors.Failure f =
        SqlErrors.of(new RuntimeException("outer", new IllegalStateException("inner\nmore")));
    assertThat(f).isEqualTo(new SqlErrors.Failure(false, "inner"));
  }
}
