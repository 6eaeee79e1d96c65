package io.moodstream.schema.hbase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HBaseShellScriptTest {
  static final Path SCRIPT = Path.of("hbase", "create_tables.sh");

  @Test
  void committedScriptIsTheRenderedLayout() throws IOException {
    String expected = HBaseShellScript.render(HBaseLayout.of("GZ", Duration.ofDays(90), 1));
    assertThat(Files.readString(SCRIPT))
        .as(
            "schema/hbase/create_tables.sh is stale: regenerate with ./moodstream schema show --hbase-shell")
        .isEqualTo(expected);
  }

  @Test
  void scriptDefaultsAreOverridable() {
    String s = HBaseShellScript.render(HBaseLayout.of("GZ", Duration.ofDays(90), 1));
    assertThat(s)
        .contains("COMPRESSION=${COMPRESSION:-GZ}")
        .contains("EXTREMES_TTL_SECONDS=${EXTREMES_TTL_SECONDS:-7776000}");
    assertThat(s)
        .contains("create 'moodstream:agg_1m'")
        .contains("create 'moodstream:extremes_1m'");
    assertThat(s).contains("TTL => $EXTREMES_TTL_SECONDS");
  }

  @Test
  void everyTableCreationIsGuardedSoTheScriptCanRunTwice() {
    HBaseLayout layout = HBaseLayout.of("GZ", Duration.ofDays(90), 1);
    String s = HBaseShellScript.render(layout);
    assertThat(s).contains("create_namespace 'moodstream' rescue nil\n");
    List<String> lines = s.lines().toList();
    int creates = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.trim().startsWith("create '")) {
        creates++;
        String table = line.trim().substring("create ".length()).split(",")[0];
        assertThat(lines.get(i - 1))
            .as("guard before %s", line)
            .isEqualTo("unless exists " + table);
        int end = i + 1;
        while (!lines.get(end).equals("end")) {
          assertThat(lines.get(end)).as("family lines of %s", table).startsWith("    {NAME => ");
          end++;
        }
      }
    }
    assertThat(creates).isEqualTo(layout.tables().size());
    assertThat(lines.stream().filter("end"::equals).count()).isEqualTo(creates);
    assertThat(s).doesNotContain("\ncreate '");
  }
}
