package io.moodstream.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import org.apache.spark.SparkException;
import org.apache.spark.SparkThrowable;
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

  /** A Spark error of some error class, as Spark's own exceptions carry it. */
  static final class Classified extends RuntimeException implements SparkThrowable {
    private static final long serialVersionUID = 1L;
    private final String errorClass;

    Classified(String errorClass, String message, Throwable cause) {
      super(message, cause);
      this.errorClass = errorClass;
    }

    @Override
    public String getErrorClass() {
      return errorClass;
    }
  }

  @Test
  void aSparkErrorWithAnErrorClassIsTheStatementsFaultOutermostOrAsRootCause() {
    Classified divide =
        new Classified("DIVIDE_BY_ZERO", "[DIVIDE_BY_ZERO] Division by zero.\nSQL", null);
    assertThat(SqlErrors.of(divide))
        .isEqualTo(new SqlErrors.Failure(true, "[DIVIDE_BY_ZERO] Division by zero."));
    assertThat(SqlErrors.of(new RuntimeException("outer\nx", divide)))
        .isEqualTo(new SqlErrors.Failure(true, "[DIVIDE_BY_ZERO] Division by zero."));
    Classified middle =
        new Classified("CAST_INVALID_INPUT", "middle", new IllegalStateException("root\nx"));
    assertThat(SqlErrors.of(new RuntimeException("wrap", middle)))
        .as("a classified error in the middle of the chain is not looked at")
        .isEqualTo(new SqlErrors.Failure(false, "root"));
  }

  @Test
  void anInternalOrUnclassifiedSparkErrorIsTheEnvironmentsFault() {
    assertThat(SqlErrors.of(new Classified("INTERNAL_ERROR_BROADCAST", "boom\nx", null)))
        .isEqualTo(new SqlErrors.Failure(false, "Classified: boom"));
    assertThat(SqlErrors.of(new RuntimeException("wrap", new Classified(null, "plain", null))))
        .isEqualTo(new SqlErrors.Failure(false, "Classified: plain"));
  }
}
