package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalConfigTest {

  @Test
  void childrenAreNotGivenUpsOwnKeys() {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "MOODSTREAM_LOCAL_REST_PORT", "8081",
                "MOODSTREAM_LOCAL_CLUSTER_KAFKA_SSL_KEYSTORE_PASSWORD_FILE", "/run/secrets/ks",
                "MOODSTREAM_REST_PORT", "8080",
                "MOODSTREAM_STREAMING_WATERMARK", "5m",
                "PATH", "/usr/bin"));
    LocalConfig.withoutOwnKeys(env);
    assertThat(env)
        .containsOnlyKeys("MOODSTREAM_REST_PORT", "MOODSTREAM_STREAMING_WATERMARK", "PATH");
  }
}
