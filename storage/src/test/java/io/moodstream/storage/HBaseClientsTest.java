package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HBaseClientsTest {
  @TempDir Path dir;

  private Path site(String... nameValues) throws IOException {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    for (int i = 0; i < nameValues.length; i += 2) {
      b.append("  <property><name>")
          .append(nameValues[i])
          .append("</name><value>")
          .append(nameValues[i + 1])
          .append("</value></property>\n");
    }
    Path f = Files.createDirectories(dir.resolve("conf")).resolve("hbase-site.xml");
    Files.writeString(f, b.append("</configuration>\n").toString());
    return f;
  }

  private static MoodstreamConfig config(Map<String, String> env) {
    return MoodstreamConfig.load(CommonConfig.KEYS, env, null);
  }

  @Test
  void theClusterSiteFileWinsOverMoodstreamDefaults() throws IOException {
    site(
        "hbase.zookeeper.quorum", "ip-10-0-0-10.ec2.internal",
        "hbase.zookeeper.property.clientPort", "2182",
        "hbase.client.retries.number", "7");
    Configuration base =
        HBaseClients.siteConfiguration(Map.of("HBASE_CONF_DIR", dir.resolve("conf").toString()));
    Configuration c =
        HBaseClients.configuration(base, config(Map.of()), HBaseClients.Timeouts.COMMAND);
    assertThat(c.get("hbase.zookeeper.quorum")).isEqualTo("ip-10-0-0-10.ec2.internal");
    assertThat(c.getInt("hbase.zookeeper.property.clientPort", 0)).isEqualTo(2182);
    assertThat(c.getInt("hbase.client.retries.number", 0)).isEqualTo(7); // the operator's choice
    assertThat(c.getInt("hbase.client.operation.timeout", 0)).isEqualTo(60_000); // ours
    assertThat(HBaseClients.where(c)).isEqualTo("ip-10-0-0-10.ec2.internal:2182");
  }

  @Test
  void onlyAnHBaseSiteFileInTheConfDirIsRead() throws IOException {
    String retries = "hbase.client.retries.number";
    for (Map<String, String> env :
        java.util.List.of(
            Map.<String, String>of(),
            Map.of("HBASE_CONF_DIR", " "),
            Map.of("HBASE_CONF_DIR", dir.toString()))) { // a directory without hbase-site.xml
      assertThat(HBaseClients.fromSiteFile(HBaseClients.siteConfiguration(env), retries))
          .as(env.toString())
          .isFalse();
    }
    site(retries, "7");
    Configuration c =
        HBaseClients.siteConfiguration(Map.of("HBASE_CONF_DIR", dir.resolve("conf").toString()));
    assertThat(HBaseClients.fromSiteFile(c, retries)).isTrue();
    // StatusFiles' Hadoop configuration: each named file the directory has, a missing one skipped
    Configuration hadoop =
        HBaseClients.withSiteFiles(
            new Configuration(false),
            dir.resolve("conf").toString(),
            "core-site.xml",
            "hbase-site.xml");
    assertThat(hadoop.get(retries)).isEqualTo("7");
  }

  @Test
  void explicitMoodstreamKeysWinOverTheSiteFile() throws IOException {
    site("hbase.zookeeper.quorum", "zk-a,zk-b", "hbase.zookeeper.property.clientPort", "2182");
    Configuration base =
        HBaseClients.siteConfiguration(Map.of("HBASE_CONF_DIR", dir.resolve("conf").toString()));
    MoodstreamConfig explicit =
        MoodstreamConfig.load(
            CommonConfig.KEYS,
            Map.of("MOODSTREAM_HBASE_ZOOKEEPER_PORT", "2181"),
            null,
            MoodstreamConfig.Overrides.sparkConf(
                Map.of("spark.moodstream.hbase.zookeeper.quorum", "zk-c")));
    Configuration c = HBaseClients.configuration(base, explicit, HBaseClients.Timeouts.COMMAND);
    assertThat(HBaseClients.where(c)).isEqualTo("zk-c:2181");
  }

  @Test
  void withoutASiteFileMoodstreamDefaultsApply() {
    Configuration c =
        HBaseClients.configuration(
            HBaseConfiguration.create(), config(Map.of()), HBaseClients.Timeouts.COMMAND);
    assertThat(HBaseClients.where(c)).isEqualTo("127.0.0.1:2181");
    assertThat(c.getInt("hbase.client.retries.number", 0)).isEqualTo(3);
    assertThat(c.getInt("zookeeper.recovery.retry", -1)).isEqualTo(1);
  }

  @Test
  void aDeadlineWinsOverTheSiteFile() throws IOException {
    site("hbase.client.retries.number", "30", "hbase.client.operation.timeout", "600000");
    Configuration base =
        HBaseClients.siteConfiguration(Map.of("HBASE_CONF_DIR", dir.resolve("conf").toString()));
    Configuration c =
        HBaseClients.configuration(
            base, config(Map.of()), HBaseClients.Timeouts.within(Duration.ofSeconds(2)));
    assertThat(c.getInt("hbase.client.operation.timeout", 0)).isEqualTo(2000);
    assertThat(c.getInt("hbase.client.meta.operation.timeout", 0)).isEqualTo(2000);
    assertThat(c.getInt("hbase.client.scanner.timeout.period", 0)).isEqualTo(2000);
    assertThat(c.getInt("hbase.rpc.timeout", 0)).isEqualTo(1000);
    assertThat(c.getInt("hbase.client.retries.number", 0)).isEqualTo(2);
    assertThat(c.getInt("zookeeper.recovery.retry", -1)).isZero();
    assertThat(c.getInt("zookeeper.session.timeout", 0)).isEqualTo(2000);
  }

  @Test
  void theJobRidesThroughARegionServerFailover() {
    Configuration c =
        HBaseClients.configuration(
            HBaseConfiguration.create(), config(Map.of()), HBaseClients.Timeouts.JOB);
    assertThat(c.getInt("hbase.client.retries.number", 0)).isEqualTo(15);
    assertThat(c.getInt("hbase.client.operation.timeout", 0)).isEqualTo(180_000);
  }
}
