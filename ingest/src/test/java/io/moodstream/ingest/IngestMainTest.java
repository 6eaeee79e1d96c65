package io.moodstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestMainTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return IngestMain.run(
        args,
        keys -> MoodstreamConfig.load(keys, env, null),
        new Lifecycle(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: moodstream ingest", "--source");
  }

  @Test
  void badUsageAndBadConfigExitTwoWithAMessage() {
    assertThat(run(Map.of(), "--source", "nope")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown source 'nope'", "--help");
    err.reset();
    assertThat(run(Map.of("MOODSTREAM_INGEST_KAFKA_LINGER", "soon"), "synthetic")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("ingest.kafka.linger");
  }

  @Test
  void liveSourcesWithoutTheirSecretsSayWhichVariableToSet() {
    assertThat(run(Map.of(), "--source", "x-v2")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("MOODSTREAM_INGEST_X_BEARER_TOKEN");
    err.reset();
    assertThat(run(Map.of(), "--source", "twitter-v1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("MOODSTREAM_INGEST_TWITTER_CONSUMER_KEY");
  }

  @Test
  void aMissingReplayFileExitsOneWithoutTouchingKafkaForLong() {
    int code =
        run(
            Map.of(
                "MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                "MOODSTREAM_INGEST_KAFKA_CREATE_TOPICS", "false",
                "MOODSTREAM_INGEST_STATE_DIR", "target/ingest-main-test"),
            "replay",
            "does/not/exist.json");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("does/not/exist.json");
  }
}
