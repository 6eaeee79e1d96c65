package io.moodstream.schema.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigTest {
  @TempDir Path dir;

  private static MoodstreamConfig load(Map<String, String> env) {
    return MoodstreamConfig.load(CommonConfig.KEYS, env, null);
  }

  @Test
  void withNothingSetAClientGetsOnlyTheBootstrapServers() {
    assertThat(KafkaClientConfig.properties(load(Map.of())))
        .containsExactly(Map.entry("bootstrap.servers", "127.0.0.1:9092"));
  }

  @Test
  void theClientFileComesFirstAndExplicitKeysWin() throws IOException {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file,
        "security.protocol=SSL\n"
            + "ssl.truststore.location=/etc/pki/kafka.truststore.jks\n"
            + "ssl.truststore.password=changeit\n"
            + "bootstrap.servers=ignored:1\n");
    MoodstreamConfig c =
        load(
            Map.of(
                "MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", "b-1.msk:9094",
                "MOODSTREAM_KAFKA_CLIENT_CONFIG", file.toString(),
                "MOODSTREAM_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "MOODSTREAM_KAFKA_CLIENT_SASL_MECHANISM", "AWS_MSK_IAM"));
    Map<String, Object> p = KafkaClientConfig.properties(c);
    assertThat(p)
        .containsEntry("bootstrap.servers", "b-1.msk:9094") // kafka.bootstrap.servers always wins
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.truststore.location", "/etc/pki/kafka.truststore.jks")
        .containsEntry("ssl.truststore.password", "changeit")
        .containsEntry("sasl.mechanism", "AWS_MSK_IAM")
        .hasSize(5);
    assertThat(KafkaClientConfig.sparkOptions(c))
        .containsEntry("kafka.bootstrap.servers", "b-1.msk:9094")
        .containsEntry("kafka.security.protocol", "SASL_SSL")
        .containsEntry("kafka.ssl.truststore.password", "changeit")
        .hasSize(5);
  }

  @Test
  void describeMasksPasswordsKeysAndJaasConfigs() {
    String shown =
        KafkaClientConfig.describe(
            Map.of(
                "kafka.ssl.truststore.password", "changeit",
                "ssl.key.password", "k3y",
                "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----",
                "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "security.protocol", "SSL"));
    assertThat(shown)
        .isEqualTo(
            "kafka.ssl.truststore.password=******, sasl.jaas.config=******,"
                + " security.protocol=SSL, ssl.key.password=******, ssl.keystore.key=******");
  }

  @Test
  void sensitivityFollowsTheContract() {
    assertThat(KafkaClientConfig.sensitivity("ssl.keystore.password", "x"))
        .isEqualTo(ConfigKey.Sensitivity.SECRET);
    assertThat(KafkaClientConfig.sensitivity("sasl.jaas.config", "IAMLoginModule required;"))
        .isEqualTo(ConfigKey.Sensitivity.MASKED);
    assertThat(
            KafkaClientConfig.sensitivity(
                "sasl.jaas.config", "PlainLoginModule required username=\"a\" password=\"b\";"))
        .isEqualTo(ConfigKey.Sensitivity.SECRET);
    assertThat(KafkaClientConfig.sensitivity("ssl.truststore.location", "/x"))
        .isEqualTo(ConfigKey.Sensitivity.PLAIN);
  }

  @Test
  void bootstrapServersIsNotAPassThroughSetting() {
    MoodstreamConfig c = load(Map.of("MOODSTREAM_KAFKA_CLIENT_BOOTSTRAP_SERVERS", "x:1"));
    assertThatThrownBy(() -> KafkaClientConfig.properties(c))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("use kafka.bootstrap.servers");
  }

  @Test
  void anUnreadableClientFileIsAConfigurationError() {
    MoodstreamConfig c =
        load(Map.of("MOODSTREAM_KAFKA_CLIENT_CONFIG", dir.resolve("nope").toString()));
    assertThatThrownBy(() -> KafkaClientConfig.properties(c))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.client.config names")
        .hasMessageContaining("env MOODSTREAM_KAFKA_CLIENT_CONFIG");
  }
}
