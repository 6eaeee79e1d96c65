package io.moodstream.schema.hbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HBaseLayoutTest {
  static List<String> hex(byte[][] keys) {
    return Arrays.stream(keys).map(HexFormat.of()::formatHex).toList();
  }

  static HBaseLayout.TableSpec table(HBaseLayout layout, String name) {
    return layout.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void oneRegionByDefaultHasNoSplitKeys() {
    HBaseLayout layout = HBaseLayout.of("GZ", Duration.ofDays(90), 1);
    assertThat(layout.tables()).allMatch(t -> t.regions() == 1 && t.splitKeys().length == 0);
  }

  @Test
  void splitKeysAreSaltBytesEvenlySpaced() {
    HBaseLayout layout = HBaseLayout.of("GZ", Duration.ofDays(90), 4);
    assertThat(hex(table(layout, "agg_1m").splitKeys())).containsExactly("40", "80", "c0");
    assertThat(hex(table(layout, "extremes_1m").splitKeys())).containsExactly("40", "80", "c0");
    assertThat(hex(HBaseLayout.of("GZ", Duration.ofDays(90), 3).tables().get(0).splitKeys()))
        .containsExactly("55", "aa");
    assertThat(hex(HBaseLayout.of("GZ", Duration.ofDays(90), 256).tables().get(0).splitKeys()))
        .hasSize(255)
        .startsWith("01", "02")
        .endsWith("ff");
  }

  @Test
  void postRefsIsKeyedByPostIdAndIsNotSplitOnASalt() {
    HBaseLayout layout = HBaseLayout.of("GZ", Duration.ofDays(90), 8);
    assertThat(table(layout, HBaseLayout.POST_REFS_TABLE).regions()).isEqualTo(1);
    assertThat(table(layout, "agg_1d").regions()).isEqualTo(8);
  }

  @Test
  void regionsComeFromConfigurationWithinOneTo256() {
    MoodstreamConfig c =
        MoodstreamConfig.load(
            CommonConfig.KEYS, Map.of("MOODSTREAM_HBASE_TABLE_REGIONS", "16"), null);
    assertThat(table(HBaseLayout.from(c), "agg_1h").regions()).isEqualTo(16);
    assertThatThrownBy(() -> HBaseLayout.of("GZ", Duration.ofDays(90), 0))
        .hasMessageContaining("outside 1..256");
  }

  @Test
  void theShellScriptSplitsLikeSchemaApply() {
    String s = HBaseShellScript.render(HBaseLayout.of("GZ", Duration.ofDays(90), 4));
    assertThat(s).contains("{SPLITS => [\"\\x40\", \"\\x80\", \"\\xC0\"]}");
    assertThat(s.split("SPLITS", -1)).hasSize(5); // the four salted tables, not post_refs
  }
}
