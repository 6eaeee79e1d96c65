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

  /** Moodstream keys as SparkConf carries them: {@code spark.moodstream.<key>}. */
  private static MoodstreamConfig.Overrides spark(Map<String, String> keys) {
    Map<String, String> conf = new java.util.HashMap<>();
    keys.forEach((k, v) -> conf.put(MoodstreamConfig.SPARK_PREFIX + k, v));
    return MoodstreamConfig.Overrides.sparkConf(conf);
  }

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
        .hasMessage(
            "x.bearer.token is required: set MOODSTREAM_X_BEARER_TOKEN or"
                + " MOODSTREAM_X_BEARER_TOKEN_FILE (X API v2 bearer token)");
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
  void keysOfAnotherCommandInASharedFileEnvironmentOrSparkConfAreLeftToIt() throws IOException {
    Path f = dir.resolve("moodstream.properties");
    Files.writeString(
        f,
        String.join(
            "\n",
            "rest.port=8099", // REST's key: not this command's typo
            "streaming.trigger.intervall=2s", // the job's own typo: the job warns, not this one
            "kafka.bootstrap.server=oops", // a key of this command's namespaces, misspelt
            "streamng.trigger.interval=1s", // a first word no command has
            ""));
    MoodstreamConfig c =
        MoodstreamConfig.load(
            KEYS,
            Map.of(
                "MOODSTREAM_REST_PORT", "8099",
                "MOODSTREAM_LOCAL_REST_PORT", "8099",
                "MOODSTREAM_AWS_PYTHON", "/usr/bin/python3", // the Ansible tooling's (its README)
                "MOODSTREAM_HBASE_ZOOKEEPER_PROT", "1",
                "MOODSTREAM_RESTT_PORT", "1",
                "MOODSTREAM_X_BEARER_TOKN", "t"),
            f,
            spark(Map.of("streaming.trigger.interval", "1s", "sql.typo", "x")));
    assertThat(c.warnings())
        .containsExactly(
            "unknown key 'kafka.bootstrap.server' in " + f + " is ignored by this command",
            "unknown key 'streamng.trigger.interval' in " + f + " is ignored by this command",
            "environment variable MOODSTREAM_HBASE_ZOOKEEPER_PROT is not a key this command uses",
            "environment variable MOODSTREAM_RESTT_PORT is not a key this command uses",
            "environment variable MOODSTREAM_X_BEARER_TOKN is not a key this command uses");
  }

  @Test
  void saysWhetherTheFileSetsAPropertyThisCommandDoesNotDeclare() throws IOException {
    Path f = dir.resolve("moodstream.properties");
    Files.writeString(f, "streaming.tables.wait=10m\n");
    MoodstreamConfig c = MoodstreamConfig.load(KEYS, Map.of(), f);
    assertThat(c.fileSets("streaming.tables.wait")).isTrue();
    assertThat(c.fileSets("streaming.watermark")).isFalse();
    assertThat(MoodstreamConfig.load(KEYS, Map.of(), null).fileSets("streaming.tables.wait"))
        .isFalse();
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
      String shown = k.isPrefix() ? k.name() + ".<property>" : k.name();
      assertThat(text)
          .as("docs/CONFIGURATION.md documents %s", k.name())
          .contains("`" + shown + "`");
    }
  }

  @Test
  void sparkConfOverridesWinOverEnvironmentFileAndDefaults() throws IOException {
    Path f = dir.resolve("moodstream.properties");
    Files.writeString(f, "kafka.bootstrap.servers=file:1\nhbase.zookeeper.port=2222\n");
    Map<String, String> sparkConf =
        Map.of(
            "spark.moodstream.kafka.bootstrap.servers", "spark:3",
            "spark.moodstream.hbase.extremes.ttl", "2d",
            "spark.sql.shuffle.partitions", "8");
    MoodstreamConfig c =
        MoodstreamConfig.load(
            KEYS,
            Map.of("MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", "env:2"),
            f,
            MoodstreamConfig.Overrides.sparkConf(sparkConf));
    assertThat(c.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("spark:3");
    assertThat(c.get(CommonConfig.HBASE_EXTREMES_TTL)).isEqualTo(Duration.ofDays(2));
    assertThat(c.get(CommonConfig.HBASE_ZOOKEEPER_PORT)).isEqualTo(2222);
    assertThat(c.origin(CommonConfig.KAFKA_BOOTSTRAP_SERVERS))
        .isEqualTo("SparkConf spark.moodstream.kafka.bootstrap.servers");
    assertThat(c.describe())
        .contains(
            "kafka.bootstrap.servers = spark:3  (SparkConf spark.moodstream.kafka.bootstrap.servers)");
    assertThat(c.warnings()).isEmpty(); // spark.sql.* is not ours: not a typo
  }

  @Test
  void explicitMeansSetInAnySourceEvenToTheDefaultValue() throws IOException {
    Path f = dir.resolve("moodstream.properties");
    Files.writeString(f, "hbase.zookeeper.quorum=127.0.0.1\n"); // the default value, but explicit
    MoodstreamConfig c =
        MoodstreamConfig.load(
            KEYS,
            Map.of("MOODSTREAM_HBASE_ZOOKEEPER_PORT", "2181"),
            f,
            spark(Map.of("kafka.topic.dlq.partitions", "3")));
    assertThat(c.isExplicit(CommonConfig.HBASE_ZOOKEEPER_QUORUM)).isTrue();
    assertThat(c.isExplicit(CommonConfig.HBASE_ZOOKEEPER_PORT)).isTrue();
    assertThat(c.isExplicit(CommonConfig.DLQ_PARTITIONS)).isTrue();
    assertThat(c.isExplicit(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)).isFalse();
    assertThat(c.origin(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("default");
    assertThat(c.origin(CommonConfig.HBASE_ZOOKEEPER_PORT))
        .isEqualTo("env MOODSTREAM_HBASE_ZOOKEEPER_PORT");
    assertThat(c.isExplicit(CommonConfig.KAFKA_CLIENT)).isFalse();
  }

  @Test
  void aSecretThroughSparkConfIsRefusedPointingToTheFileVariable() {
    assertThatThrownBy(
            () ->
                MoodstreamConfig.load(
                    KEYS, Map.of(), null, spark(Map.of("x.bearer.token", "leaked"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("x.bearer.token is a secret")
        .hasMessageContaining("spark.moodstream.x.bearer.token")
        .hasMessageContaining("Spark UI")
        .hasMessageContaining("MOODSTREAM_X_BEARER_TOKEN_FILE")
        .message()
        .doesNotContain("leaked");
  }

  @Test
  void invalidSparkConfValuesNameTheSparkKey() {
    assertThatThrownBy(
            () ->
                MoodstreamConfig.load(
                    KEYS, Map.of(), null, spark(Map.of("hbase.zookeeper.port", "none"))))
        .hasMessageContaining(
            "invalid value 'none' for hbase.zookeeper.port (from SparkConf"
                + " spark.moodstream.hbase.zookeeper.port)");
  }

  @Test
  void unknownSparkConfKeysAreWarnedAbout() {
    MoodstreamConfig c =
        MoodstreamConfig.load(
            KEYS, Map.of(), null, spark(Map.of("kafka.bootstrap.server", "typo")));
    assertThat(c.warnings())
        .anyMatch(
            w ->
                w.contains("unknown key 'kafka.bootstrap.server' in SparkConf")
                    && w.contains("spark.moodstream.kafka.bootstrap.server"));
  }

  @Test
  void withPrefixKeepsOnlyThePrefixedEntriesWithoutThePrefix() {
    assertThat(
            MoodstreamConfig.withPrefix(
                Map.of(
                    "spark.moodstream.a.b", "1",
                    "spark.moodstream.", "empty",
                    "spark.master", "yarn"),
                MoodstreamConfig.SPARK_PREFIX))
        .containsExactly(Map.entry("a.b", "1"));
  }

  @Test
  void passThroughEntriesComeFromEverySourceLaterOnesWinning() throws IOException {
    Path f = dir.resolve("moodstream.properties");
    Files.writeString(
        f,
        "kafka.client.security.protocol=SASL_SSL\n"
            + "kafka.client.ssl.truststore.location=/file/ts.jks\n"
            + "kafka.client.config=/etc/kafka/client.properties\n");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "truststore-pw\n");
    MoodstreamConfig c =
        MoodstreamConfig.load(
            KEYS,
            Map.of(
                "MOODSTREAM_KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", "/env/ts.jks",
                "MOODSTREAM_KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD_FILE", pw.toString(),
                "MOODSTREAM_KAFKA_CLIENT_SASL_MECHANISM", "AWS_MSK_IAM"),
            f,
            spark(
                Map.of(
                    "kafka.client.sasl.jaas.config",
                    "software.amazon.msk.auth.iam.IAMLoginModule required;",
                    "kafka.client.security.protocol",
                    "SSL")));
    assertThat(c.get(CommonConfig.KAFKA_CLIENT))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.location", "/env/ts.jks",
                "ssl.truststore.password", "truststore-pw",
                "sasl.mechanism", "AWS_MSK_IAM",
                "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;"));
    // kafka.client.config is a declared key, not a pass-through entry
    assertThat(c.get(CommonConfig.KAFKA_CLIENT_CONFIG)).isEqualTo("/etc/kafka/client.properties");
    assertThat(c.isExplicit(CommonConfig.KAFKA_CLIENT)).isTrue();
    assertThat(c.warnings()).isEmpty();
    assertThat(c.describe())
        .contains(
            "kafka.client.security.protocol = SSL  (SparkConf"
                + " spark.moodstream.kafka.client.security.protocol)")
        .contains(
            "kafka.client.ssl.truststore.location = /env/ts.jks  (env"
                + " MOODSTREAM_KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION)")
        .contains("kafka.client.ssl.truststore.password = ******  (file " + pw)
        .contains("kafka.client.sasl.jaas.config = ******")
        .doesNotContain("truststore-pw")
        .doesNotContain("IAMLoginModule");
  }

  @Test
  void aPassThroughPasswordOutsideTheEnvironmentIsRefused() throws IOException {
    Path f = dir.resolve("moodstream.properties");
    Files.writeString(f, "kafka.client.ssl.keystore.password=leaked1\n");
    assertThatThrownBy(() -> MoodstreamConfig.load(KEYS, Map.of(), f))
        .hasMessageContaining("kafka.client.ssl.keystore.password is a secret")
        .hasMessageContaining("MOODSTREAM_KAFKA_CLIENT_SSL_KEYSTORE_PASSWORD_FILE")
        .message()
        .doesNotContain("leaked1");
    assertThatThrownBy(
            () ->
                MoodstreamConfig.load(
                    KEYS,
                    Map.of(),
                    null,
                    spark(
                        Map.of(
                            "kafka.client.sasl.jaas.config",
                            "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\"u\" password=\"leaked2\";"))))
        .hasMessageContaining("kafka.client.sasl.jaas.config is a secret")
        .hasMessageContaining("spark.moodstream.kafka.client.sasl.jaas.config")
        .message()
        .doesNotContain("leaked2");
    // the same from the environment is fine, and never shown
    MoodstreamConfig c =
        MoodstreamConfig.load(
            KEYS, Map.of("MOODSTREAM_KAFKA_CLIENT_SSL_KEYSTORE_PASSWORD", "fine"), null);
    assertThat(c.get(CommonConfig.KAFKA_CLIENT)).containsEntry("ssl.keystore.password", "fine");
    assertThat(c.describe()).doesNotContain("fine");
  }

  @Test
  void anUnreadablePassThroughFileNamesTheVariable() {
    assertThatThrownBy(
            () ->
                MoodstreamConfig.load(
                    KEYS,
                    Map.of(
                        "MOODSTREAM_KAFKA_CLIENT_SSL_KEY_PASSWORD_FILE",
                        dir.resolve("missing").toString()),
                    null))
        .hasMessageContaining("MOODSTREAM_KAFKA_CLIENT_SSL_KEY_PASSWORD_FILE names");
  }

  @Test
  void theFileAndTheOverridesAreNamedInEveryMessageTheyCause() throws IOException {
    Path f = dir.resolve("moodstream.properties");
    Files.writeString(
        f,
        "kafka.bootstrap.server=typo\n"
            + "x.bearer.token=leaked\n"
            + "kafka.client.ssl.key.password=leaked\n"
            + "kafka.client.client.id=from-file\n"
            + "hbase.zookeeper.port=2222\n");
    MoodstreamConfig.Overrides spark =
        spark(
            Map.of(
                "hbase.zookeeper.quorum.typo", "x",
                "x.bearer.token", "leaked",
                "kafka.client.sasl.jaas.config", "password=leaked",
                "kafka.client.acks", "all",
                "hbase.zookeeper.quorum", "zk"));
    assertThatThrownBy(() -> MoodstreamConfig.load(KEYS, Map.of(), f, spark))
        .hasMessage(
            "configuration is invalid:\n"
                + "  - x.bearer.token is a secret and may not be written in "
                + f
                + ": set MOODSTREAM_X_BEARER_TOKEN or MOODSTREAM_X_BEARER_TOKEN_FILE\n"
                + "  - x.bearer.token is a secret and may not come through SparkConf"
                + " (spark.moodstream.x.bearer.token: visible in the Spark UI and event logs):"
                + " set MOODSTREAM_X_BEARER_TOKEN or MOODSTREAM_X_BEARER_TOKEN_FILE\n"
                + "  - kafka.client.ssl.key.password is a secret and may not be written in "
                + f
                + ": set MOODSTREAM_KAFKA_CLIENT_SSL_KEY_PASSWORD or"
                + " MOODSTREAM_KAFKA_CLIENT_SSL_KEY_PASSWORD_FILE\n"
                + "  - kafka.client.sasl.jaas.config is a secret and may not come through SparkConf"
                + " (spark.moodstream.kafka.client.sasl.jaas.config: visible in the Spark UI and"
                + " event logs): set MOODSTREAM_KAFKA_CLIENT_SASL_JAAS_CONFIG or"
                + " MOODSTREAM_KAFKA_CLIENT_SASL_JAAS_CONFIG_FILE");

    Files.writeString(
        f,
        "kafka.bootstrap.server=typo\n"
            + "kafka.client.client.id=from-file\n"
            + "hbase.zookeeper.port=2222\n");
    MoodstreamConfig c =
        MoodstreamConfig.load(
            KEYS,
            Map.of(),
            f,
            spark(
                Map.of(
                    "hbase.zookeeper.quorum.typo", "x",
                    "kafka.client.acks", "all",
                    "hbase.zookeeper.quorum", "zk")));
    assertThat(c.warnings())
        .containsExactly(
            "unknown key 'kafka.bootstrap.server' in " + f + " is ignored by this command",
            "unknown key 'hbase.zookeeper.quorum.typo' in SparkConf"
                + " (spark.moodstream.hbase.zookeeper.quorum.typo) is ignored by this command");
    assertThat(c.origin(CommonConfig.HBASE_ZOOKEEPER_PORT)).isEqualTo(f.toString());
    assertThat(c.origin(CommonConfig.HBASE_ZOOKEEPER_QUORUM))
        .isEqualTo("SparkConf spark.moodstream.hbase.zookeeper.quorum");
    assertThat(c.fileSets("kafka.client.client.id")).isTrue();
    assertThat(c.describe())
        .contains("kafka.client.acks = all  (SparkConf spark.moodstream.kafka.client.acks)\n")
        .contains("kafka.client.client.id = from-file  (" + f + ")\n");
  }
}
