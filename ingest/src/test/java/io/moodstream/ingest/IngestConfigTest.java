package io.moodstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.MoodstreamConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
  @Test
  void defaultsLoadAndEnvironmentOverrides() {
    MoodstreamConfig c =
        MoodstreamConfig.load(
            IngestConfig.KEYS,
            Map.of(
                "MOODSTREAM_INGEST_TRACK", "a, b c",
                "MOODSTREAM_INGEST_KAFKA_LINGER", "5ms",
                "MOODSTREAM_INGEST_X_BEARER_TOKEN", "t0ken"),
            null);
    assertThat(c.get(IngestConfig.TRACK)).containsExactly("a", "b c");
    assertThat(c.get(IngestConfig.LINGER)).isEqualTo(Duration.ofMillis(5));
    assertThat(c.get(IngestConfig.COMPRESSION)).isEqualTo("lz4");
    assertThat(c.require(IngestConfig.X_BEARER_TOKEN)).isEqualTo("t0ken");
    assertThat(c.describe()).doesNotContain("t0ken").contains("ingest.x.bearer.token = ******");
  }

  @Test
  void invalidValuesAndMissingSecretsAreNamed() {
    assertThatThrownBy(
            () ->
                MoodstreamConfig.load(
                    IngestConfig.KEYS,
                    Map.of("MOODSTREAM_INGEST_KAFKA_COMPRESSION", "brotli"),
                    null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.kafka.compression");
    MoodstreamConfig c = MoodstreamConfig.load(IngestConfig.KEYS, Map.of(), null);
    assertThatThrownBy(() -> c.require(IngestConfig.X_BEARER_TOKEN))
        .hasMessageContaining("MOODSTREAM_INGEST_X_BEARER_TOKEN");
  }

  @Test
  void everyKeyIsDocumentedInTheReadme() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    for (var k : IngestConfig.INGEST_KEYS) {
      assertThat(readme).as(k.name()).contains("`" + k.name() + "`");
    }
  }
}
