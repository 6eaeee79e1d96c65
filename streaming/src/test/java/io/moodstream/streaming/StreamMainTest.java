package io.moodstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return StreamMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageAndSucceeds() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--until-caught-up")
        .contains("stop")
        .contains("streaming.checkpoint.location");
  }

  @Test
  void everyKeyIsInTheHelpAndTheReadme() throws Exception {
    assertThat(run("--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    for (var k : StreamingConfig.OWN_KEYS) {
      assertThat(help).as(k.name()).contains(k.name());
      assertThat(readme).as(k.name()).contains("`" + k.name() + "`");
    }
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(run("launch")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unmatched argument at index 0: 'launch'");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("--until-caugth-up")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unknown option: '--until-caugth-up'", "Possible solutions: --until-caught-up");
    assertThat(run("stop", "--now")).isEqualTo(2);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    MoodstreamConfig c = MoodstreamConfig.load(StreamingConfig.KEYS, Map.of(), null);
    assertThat(c.get(StreamingConfig.WATERMARK)).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.get(StreamingConfig.EXTREMES_K)).isEqualTo(5);
    assertThat(c.get(StreamingConfig.SPARK_MASTER)).isEqualTo("local[*]");
    assertThat(c.get(StreamingConfig.MAX_OFFSETS_PER_TRIGGER)).isZero();
    assertThat(c.get(StreamingConfig.TABLES_WAIT)).isZero();
    assertThat(StreamingConfig.Transform.from(c))
        .isEqualTo(new StreamingConfig.Transform(Duration.ofMinutes(2), 5, Duration.ofMinutes(5)));
  }

  @Test
  void invalidValuesAreRejectedNamingTheKey() {
    assertThatThrownBy(
            () ->
                MoodstreamConfig.load(
                    StreamingConfig.KEYS,
                    Map.of(
                        "MOODSTREAM_STREAMING_WATERMARK", "two minutes",
                        "MOODSTREAM_STREAMING_EXTREMES_K", "0"),
                    null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("streaming.watermark")
        .hasMessageContaining("streaming.extremes.k");
  }

  private static MoodstreamConfig withSparkConf(Map<String, String> env, Map<String, String> conf) {
    return MoodstreamConfig.load(
        StreamingConfig.KEYS, env, null, MoodstreamConfig.Overrides.sparkConf(conf));
  }

  @Test
  void sparkMoodstreamKeysConfigureTheJobAndWinOverTheEnvironment() {
    MoodstreamConfig c =
        withSparkConf(
            Map.of("MOODSTREAM_STREAMING_WATERMARK", "3m"),
            Map.of(
                "spark.moodstream.streaming.watermark", "5m",
                "spark.moodstream.kafka.client.security.protocol", "SSL"));
    assertThat(c.get(StreamingConfig.WATERMARK)).isEqualTo(Duration.ofMinutes(5));
    assertThat(io.moodstream.schema.config.KafkaClientConfig.sparkOptions(c))
        .containsEntry("kafka.security.protocol", "SSL");
  }

  @Test
  void sparkOwnsTheShufflePartitionsWhenItSetsThem() {
    MoodstreamConfig c =
        withSparkConf(Map.of("MOODSTREAM_STREAMING_SHUFFLE_PARTITIONS", "8"), Map.of());
    assertThat(StreamJob.sessionSettings(c, Map.of()))
        .containsEntry("spark.sql.shuffle.partitions", "8")
        .containsEntry("spark.sql.streaming.metricsEnabled", "true")
        .containsEntry("spark.sql.session.timeZone", "UTC");
    assertThat(StreamJob.sessionSettings(c, Map.of("spark.sql.shuffle.partitions", "32")))
        .doesNotContainKey("spark.sql.shuffle.partitions");
    assertThat(StreamJob.sessionSettings(c, Map.of("spark.sql.streaming.metricsEnabled", "false")))
        .doesNotContainKey("spark.sql.streaming.metricsEnabled");
  }

  @Test
  void aCheckpointOnLocalDiskIsWrittenWithoutChildProcessesUnlessSparkConfSaysOtherwise() {
    assertThat(StreamJob.sessionSettings(withSparkConf(Map.of(), Map.of()), Map.of()))
        .containsEntry(
            StreamJob.CHECKPOINT_MANAGER,
            "org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager")
        .containsEntry(StreamJob.LOCAL_FS_IMPL, LocalCheckpointFileSystem.class.getName());
    for (String root : new String[] {"hdfs:///moodstream/checkpoints", "s3://bucket/cp"}) {
      Map<String, String> spark = Map.of("spark.sql.streaming.checkpointLocation", root);
      assertThat(StreamJob.sessionSettings(withSparkConf(Map.of(), spark), spark))
          .as(root)
          .doesNotContainKeys(StreamJob.CHECKPOINT_MANAGER, StreamJob.LOCAL_FS_IMPL);
    }
    Map<String, String> own = Map.of(StreamJob.CHECKPOINT_MANAGER, "com.example.Manager");
    assertThat(StreamJob.sessionSettings(withSparkConf(Map.of(), own), own))
        .doesNotContainKeys(StreamJob.CHECKPOINT_MANAGER, StreamJob.LOCAL_FS_IMPL);
    assertThat(io.moodstream.storage.StatusFiles.isLocal("var/checkpoints/stream")).isTrue();
    assertThat(io.moodstream.storage.StatusFiles.isLocal("/data/cp")).isTrue();
    assertThat(io.moodstream.storage.StatusFiles.isLocal("file:///data/cp")).isTrue();
    assertThat(io.moodstream.storage.StatusFiles.isLocal("hdfs://nn:8020/cp")).isFalse();
  }

  @Test
  void sparksCheckpointLocationIsTheRootUnlessOursIsSetExplicitly() {
    Map<String, String> spark =
        Map.of("spark.sql.streaming.checkpointLocation", "hdfs:///moodstream/checkpoints/");
    assertThat(StreamJob.checkpointRoot(withSparkConf(Map.of(), spark), spark))
        .isEqualTo("hdfs:///moodstream/checkpoints");
    assertThat(StreamJob.checkpointRoot(withSparkConf(Map.of(), Map.of()), Map.of()))
        .isEqualTo("var/checkpoints/stream");
    MoodstreamConfig explicit =
        withSparkConf(Map.of("MOODSTREAM_STREAMING_CHECKPOINT_LOCATION", "s3://b/cp"), spark);
    assertThat(StreamJob.checkpointRoot(explicit, spark)).isEqualTo("s3://b/cp");
    // explicit through SparkConf too
    Map<String, String> both = new java.util.HashMap<>(spark);
    both.put("spark.moodstream.streaming.checkpoint.location", "/data/cp");
    assertThat(StreamJob.checkpointRoot(withSparkConf(Map.of(), both), both)).isEqualTo("/data/cp");
  }

  @Test
  void stopAndStatusUseTheLocationsGivenAsUris(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path marker = dir.resolve("run/stream.stop");
    java.nio.file.Path status = dir.resolve("run/stream-status.json");
    System.setProperty("spark.moodstream.streaming.stop.file", marker.toUri().toString());
    System.setProperty("spark.moodstream.streaming.status.file", status.toUri().toString());
    try {
      assertThat(run("status")).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("no status file at " + status);
      assertThat(run("stop")).isZero();
      assertThat(java.nio.file.Files.readString(marker)).isEqualTo("stop\n");
      java.nio.file.Files.writeString(status, "{\"state\":\"running\"}");
      assertThat(run("status")).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("{\"state\":\"running\"}");
    } finally {
      System.clearProperty("spark.moodstream.streaming.stop.file");
      System.clearProperty("spark.moodstream.streaming.status.file");
    }
  }

  @Test
  void sparksDropwizardMetricsWinOverTheOldOneHBaseDrags() {
    // Spark 3.5's MetricsSystem and PrometheusServlet are built on metrics-core 4.2
    assertThat(com.codahale.metrics.MetricRegistry.class.getPackage().getImplementationVersion())
        .startsWith("4.2.");
  }
}
