package io.moodstream.sql.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class HBaseTargetTest {

  @Test
  void moodstreamKeysBecomeHBaseSettingsAndOtherHBaseOptionsPassThrough() {
    HBaseTarget t =
        HBaseTarget.resolve(
            Map.of(
                "hbase.zookeeper.quorum", " zk1,zk2 ",
                "hbase.zookeeper.port", "2182",
                "hbase.client.scanner.timeout.period", "120000",
                "table", "agg_1m"));
    Configuration c = t.configuration();
    assertThat(c.get("hbase.zookeeper.quorum")).isEqualTo("zk1,zk2");
    assertThat(c.get("hbase.zookeeper.property.clientPort")).isEqualTo("2182");
    assertThat(c.get("hbase.client.scanner.timeout.period")).isEqualTo("120000");
    assertThat(t.hbase()).doesNotContainKey("table");
    assertThat(t.describe()).isEqualTo("zk1,zk2:2182");
  }

  @Test
  void withoutOptionsMoodstreamsDefaultHBaseIsRead() {
    assertThat(HBaseTarget.resolve(Map.of()).describe()).isEqualTo("127.0.0.1:2181");
  }

  @Test
  void retriesFailFastUnlessAnOptionSaysOtherwise() {
    assertThat(HBaseTarget.resolve(Map.of()).configuration().get("hbase.client.retries.number"))
        .isEqualTo("3");
    assertThat(
            HBaseTarget.resolve(Map.of("hbase.client.retries.number", "10"))
                .configuration()
                .get("hbase.client.retries.number"))
        .isEqualTo("10");
  }

  @Test
  void aBadPortIsRefusedByName() {
    assertThatThrownBy(() -> HBaseTarget.resolve(Map.of("hbase.zookeeper.port", "zk")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hbase.zookeeper.port")
        .hasMessageContaining("the moodstream source's options");
  }
}
