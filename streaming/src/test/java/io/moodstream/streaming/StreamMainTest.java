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
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'launch'");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("--until-caugth-up")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--until-caugth-up'");
    assertThat(run("stop", "--now")).isEqualTo(2);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    MoodstreamConfig c = MoodstreamConfig.load(StreamingConfig.KEYS, Map.of(), null);
    assertThat(c.get(StreamingConfig.WATERMARK)).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.get(StreamingConfig.EXTREMES_K)).isEqualTo(5);
    assertThat(c.get(StreamingConfig.SPARK_MASTER)).isEqualTo("local[*]");
    assertThat(c.get(StreamingConfig.MAX_OFFSETS_PER_TRIGGER)).isZero();
    assertThat(StreamingConfig.Transform.from(c)).isEqualTo(StreamingConfig.Transform.defaults());
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
}
