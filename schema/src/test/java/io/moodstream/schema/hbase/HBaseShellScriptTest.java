package io.moodstream.schema.hbase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HBaseShellScriptTest {
  static final Path SCRIPT = Path.of("hbase", "create_tables.sh");

  @Test
  void committedScriptIsTheRenderedLayout() throws IOException {
    String expected = HBaseShellScript.render(HBaseLayout.of("GZ", Duration.ofDays(90)));
    assertThat(Files.readString(SCRIPT))
        .as(
            "schema/hbase/create_tables.sh is stale: regenerate with ./moodstream schema show --hbase-shell")
        .isEqualTo(expected);
  }

  @Test
  void scriptDefaultsAreOverridable() {
    String s = HBaseShellScript.render(HBaseLayout.of("GZ", Duration.ofDays(90)));
    assertThat(s)
        .contains("COMPRESSION=${COMPRESSION:-GZ}")
        .contains("EXTREMES_TTL_SECONDS=${EXTREMES_TTL_SECONDS:-7776000}");
    assertThat(s)
        .contains("create 'moodstream:agg_1m'")
        .contains("create 'moodstream:extremes_1m'");
    assertThat(s).contains("TTL => $EXTREMES_TTL_SECONDS");
  }
}
