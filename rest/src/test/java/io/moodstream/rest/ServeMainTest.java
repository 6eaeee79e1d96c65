package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.schema.cli.Cli;
import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeMainTest {
  @Test
  void portAndHelpAreParsed() {
    assertThat(Cli.parse(new ServeMain(null), "--port", "9090").port).isEqualTo(9090);
    assertThat(Cli.parse(new ServeMain(null), "--port=9091").port).isEqualTo(9091);
    assertThat(Cli.parse(new ServeMain(null)).port).isNull();
  }

  @Test
  void badArgumentsAreRefusedWithAReadableMessage() {
    assertThatThrownBy(() -> Cli.parse(new ServeMain(null), "--port"))
        .hasMessageContaining("Missing required parameter for option '--port'");
    assertThatThrownBy(() -> Cli.parse(new ServeMain(null), "--verbose"))
        .hasMessageContaining("Unknown option: '--verbose'");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(ServeMain.run(new String[] {"--port", "70000"}, e, e)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--port must be a number between 1 and 65535, was '70000'");
  }

  @Test
  void usageErrorsExitWith2AndHelpWith0() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(ServeMain.run(new String[] {"--nope"}, o, e)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--nope'");
    assertThat(ServeMain.run(new String[] {"--help"}, o, e)).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: moodstream serve");
  }

  @Test
  void configKeysHaveDefaultsAndAreValidated() {
    RestConfig.Settings s =
        RestConfig.Settings.from(MoodstreamConfig.load(RestConfig.KEYS, Map.of(), null));
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(s.corsOrigins()).isEmpty();
    assertThat(s.livePollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.streamStatusFile()).isEmpty();
    RestConfig.Settings t =
        RestConfig.Settings.from(
            MoodstreamConfig.load(
                RestConfig.KEYS,
                Map.of(
                    "MOODSTREAM_REST_CORS_ORIGINS", "http://a.example, http://b.example",
                    "MOODSTREAM_REST_STREAM_STATUS_FILE", "/tmp/s.json"),
                null));
    assertThat(t.corsOrigins()).containsExactly("http://a.example", "http://b.example");
    assertThat(t.streamStatusFile()).isPresent();
    assertThatThrownBy(
            () ->
                MoodstreamConfig.load(
                    RestConfig.KEYS, Map.of("MOODSTREAM_REST_LIVE_POLL_INTERVAL", "10ms"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("rest.live.poll.interval");
    assertThatThrownBy(
            () -> MoodstreamConfig.load(RestConfig.KEYS, Map.of("MOODSTREAM_REST_PORT", "0"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("rest.port");
  }

  @Test
  void everyKeyIsDocumentedInTheReadmeWithItsDefault() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    for (var k : RestConfig.KEYS) {
      if (k.name().startsWith("rest.")) {
        assertThat(readme).as(k.name()).contains("| `" + k.name() + "` |");
        if (!k.isSecret() && !k.defaultText().isEmpty()) {
          assertThat(readme)
              .as("%s default", k.name())
              .contains("| `" + k.name() + "` | `" + k.defaultText() + "` |");
        }
      }
    }
  }

  @Test
  void theSettingsNeverShowTheToken() {
    RestConfig.Settings s =
        RestConfig.Settings.from(
            MoodstreamConfig.load(
                RestConfig.KEYS, Map.of("MOODSTREAM_REST_AUTH_TOKEN", "very-secret"), null));
    assertThat(s.authToken()).contains("very-secret");
    assertThat(s.toString()).doesNotContain("very-secret").contains("<secret>");
  }
}
