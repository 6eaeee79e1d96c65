package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.HBaseLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaCommandTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return SchemaCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageAndSucceeds() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: moodstream schema")
        .contains("apply")
        .contains("show");
  }

  @Test
  void noArgumentsOrUnknownCommandsAreUsageErrors() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("drop")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unmatched argument at index 0: 'drop'");
    assertThat(run("apply", "--force")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--force'");
    assertThat(run("apply", "--only", "zookeeper")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Invalid value for option '--only'", "kafka, hbase");
    assertThat(run("apply", "--only")).isEqualTo(2);
    assertThat(run("show", "--only", "kafka")).isEqualTo(2);
  }

  /**
   * Without Kafka or HBase: a pass-through bootstrap.servers (here through spark-submit's system
   * properties) is a configuration error of the Kafka step, which {@code --only kafka} reports
   * without going on to HBase.
   */
  @Test
  void applyOnlyKafkaStopsAtAKafkaConfigurationErrorWithoutTouchingHBase() {
    String property = MoodstreamConfig.SPARK_PREFIX + "kafka.client.bootstrap.servers";
    System.setProperty(property, "elsewhere:9092");
    try {
      assertThat(run("apply", "--only", "kafka", "--dry-run")).isEqualTo(2);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .startsWith("Dry run against Kafka at ")
          .doesNotContain("HBase")
          .hasLineCount(1);
      // the one error line, whatever the environment of the test adds as warnings
      assertThat(
              err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("warning:")))
          .containsExactly(
              "moodstream schema apply: kafka.client.bootstrap.servers is not a pass-through"
                  + " setting: use kafka.bootstrap.servers");
      out.reset();
      assertThat(run("apply", "--only=kafka")).isEqualTo(2);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .startsWith("Applying the Moodstream topics to Kafka at ")
          .doesNotContain("HBase")
          .hasLineCount(1);
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void showPrintsTablesRowKeyAndTopics() {
    assertThat(run("show")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("moodstream:agg_1m")
        .contains("moodstream:extremes_1m")
        .contains("TTL=7776000s")
        .contains("50 6170706c65 00 6b0607f0")
        .contains("moodstream.posts")
        .contains("partitions=4");
  }

  @Test
  void showHBaseShellIsTheCommittedScript() {
    assertThat(run("show", "--hbase-shell")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("#!/usr/bin/env bash")
        .contains("create 'moodstream:agg_1d'");
  }

  @Test
  void layoutFollowsConfiguration() {
    MoodstreamConfig c =
        MoodstreamConfig.load(
            CommonConfig.KEYS, Map.of("MOODSTREAM_HBASE_COMPRESSION", "NONE"), null);
    assertThat(HBaseLayout.from(c).tables())
        .allSatisfy(t -> assertThat(t.families().get(0).compression()).isEqualTo("NONE"));
  }

  @Test
  void hbaseRetryFailuresAreSummarisedToTheirLastCause() {
    String msg =
        "Failed after attempts=4, exceptions:\n"
            + "2026-11-24T22:09:31Z, RpcRetryingCaller{pause=100}, java.io.IOException: first\n"
            + "2026-11-24T22:09:37Z, RpcRetryingCaller{pause=100}, java.io.IOException: ConnectionLoss\n";
    assertThat(SchemaCommand.summary(new java.io.IOException(msg)))
        .isEqualTo("java.io.IOException: ConnectionLoss");
    assertThat(
            SchemaCommand.summary(
                new RuntimeException("outer", new IllegalStateException("inner"))))
        .isEqualTo("IllegalStateException: inner");
  }
}
