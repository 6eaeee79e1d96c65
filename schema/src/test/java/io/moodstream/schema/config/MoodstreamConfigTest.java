package io.moodstream.schema.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoodstreamConfigTest {
  static final ConfigKey<String> TOKEN =
      ConfigKey.secret("x.bearer.token", "X API v2 bearer token");
  static final List<ConfigKey<?>> KEYS = withToken();

  static List<ConfigKey<?>> withToken() {
    List<ConfigKey<?>> keys = new ArrayList<>(CommonConfig.KEYS);
    keys.add(TOKEN);
    return keys;
  }

  @TempDir Path dir;

  @Test
  void defaultsApplyWhenNothingIsSet() {
    MoodstreamConfig c = MoodstreamConfig.load(KEYS, Map.of(), null);
    assertThat(c.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:9092");
    assertThat(c.get(CommonConfig.HBASE_EXTREMES_TTL)).isEqualTo(Duration.ofDays(90));
    assertThat(c.get(TOKEN)).isNull();
  }

  @Test
  void environmentOverridesTheFileWhichOverridesDefaults() throws IOException {
    Path f = dir.resolve("moodstream.properties");
    Files.writeString(f, "kafka.bootstrap.servers=file:1\nhbase.zookeeper.port=2222\n");
    MoodstreamConfig c =
        MoodstreamConfig.load(KEYS, Map.of("MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", "env:2"), f);
    assertThat(c.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("env:2");
    assertThat(c.get(CommonConfig.HBASE_ZOOKEEPER_PORT)).isEqualTo(2222);
    assertThat(c.describe())
        .contains("kafka.bootstrap.servers = env:2  (env MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS)")
        .contains("hbase.zookeeper.port = 2222  (" + f + ")");
  }

  @Test
  void invalidValuesNameTheKeyTheSourceAndTheRule() {
    assertThatThrownBy(
            () ->
                MoodstreamConfig.load(
                    KEYS,
                    Map.of(
                        "MOODSTREAM_KAFKA_TOPIC_POSTS_PARTITIONS", "zero",
                        "MOODSTREAM_HBASE_COMPRESSION", "BROTLI",
                        "MOODSTREAM_HBASE_EXTREMES_TTL", "10s"),
                    null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "invalid value 'zero' for kafka.topic.posts.partitions (from env MOODSTREAM_KAFKA_TOPIC_POSTS_PARTITIONS): must be an integer between 1 and 10000")
        .hasMessageContaining("hbase.compression")
        .hasMessageContaining("one of NONE, GZ, SNAPPY, LZ4, ZSTD")
        .hasMessageContaining("hbase.extremes.ttl")
        .hasMessageContaining("at least 1h");
  }

  @Test
  void secretsComeFromTheEnvironmentOrAFileAndAreNeverShown() throws IOException {
    MoodstreamConfig c =
        MoodstreamConfig.load(KEYS, Map.of("MOODSTREAM_X_BEARER_TOKEN", "s3cr3t"), null);
    assertThat(c.require(TOKEN)).isEqualTo("s3cr3t");
    assertThat(c.describe()).contains("x.bearer.token = ******").doesNotContain("s3cr3t");

    Path secret = dir.resolve("token");
    Files.writeString(secret, "fromfile\n");
    MoodstreamConfig f =
        MoodstreamConfig.load(
            KEYS, Map.of("MOODSTREAM_X_BEARER_TOKEN_FILE", secret.toString()), null);
    assertThat(f.require(TOKEN)).isEqualTo("fromfile");
    assertThat(f.describe()).doesNotContain("fromfile");
  }

  @Test
  void aSecretInThePropertiesFileIsRefused() throws IOException {
    Path f = dir.resolve("moodstream.properties");
    Files.writeString(f, "x.bearer.token=leaked\n");
    assertThatThrownBy(() -> MoodstreamConfig.load(KEYS, Map.of(), f))
        .hasMessageContaining("x.bearer.token is a secret")
        .hasMessageContaining("MOODSTREAM_X_BEARER_TOKEN")
        .message()
        .doesNotContain("leaked");
  }

  @Test
  void aMissingSecretSaysWhatToSet() {
    MoodstreamConfig c = MoodstreamConfig.load(KEYS, Map.of(), null);
    assertThatThrownBy(() -> c.require(TOKEN))
        .hasMessageContaining("set MOODSTREAM_X_BEARER_TOKEN or MOODSTREAM_X_BEARER_TOKEN_FILE");
  }

  @Test
  void unknownKeysAreReportedAsLikelyTypos() throws IOException {
    Path f = dir.resolve("moodstream.properties");
    Files.writeString(f, "kafka.bootstrap.server=oops\n");
    MoodstreamConfig c =
        MoodstreamConfig.load(KEYS, Map.of("MOODSTREAM_HBASE_ZOOKEEPER_PROT", "1"), f);
    assertThat(c.warnings())
        .anyMatch(w -> w.contains("unknown key 'kafka.bootstrap.server'"))
        .anyMatch(w -> w.contains("MOODSTREAM_HBASE_ZOOKEEPER_PROT"));
  }

  @Test
  void durationsAndEnvNamesFollowTheDocumentedForms() {
    assertThat(ConfigKey.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ConfigKey.parseDuration("90d")).isEqualTo(Duration.ofDays(90));
    assertThatThrownBy(() -> ConfigKey.parseDuration("5 minutes")).hasMessageContaining("such as");
    assertThat(CommonConfig.HBASE_ZOOKEEPER_QUORUM.envName())
        .isEqualTo("MOODSTREAM_HBASE_ZOOKEEPER_QUORUM");
  }

  @Test
  void everyCommonKeyIsDocumentedInTheConfigurationGuide() throws IOException {
    Path doc = Path.of("..", "docs", "CONFIGURATION.md");
    String text = Files.readString(doc);
    for (ConfigKey<?> k : CommonConfig.KEYS) {
      assertThat(text)
          .as("docs/CONFIGURATION.md documents %s", k.name())
          .contains("`" + k.name() + "`");
    }
  }
}
