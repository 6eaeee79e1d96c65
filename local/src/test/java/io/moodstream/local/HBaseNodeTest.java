package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HBaseNodeTest {

  @Test
  void siteXmlKeepsValuesWithMarkupCharactersAsTheyAre() throws Exception {
    Map<String, String> site = new LinkedHashMap<>();
    site.put("hbase.rootdir", "file:///home/r&d/<stack>/hbase");
    site.put("hbase.zookeeper.property.clientPort", "2181");

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(HBaseNode.siteXml(site).getBytes(StandardCharsets.UTF_8)));

    Map<String, String> read = new LinkedHashMap<>();
    NodeList props = doc.getElementsByTagName("property");
    for (int i = 0; i < props.getLength(); i++) {
      Element p = (Element) props.item(i);
      read.put(
          p.getElementsByTagName("name").item(0).getTextContent(),
          p.getElementsByTagName("value").item(0).getTextContent());
    }
    assertThat(read).isEqualTo(site);
  }

  @Test
  void standaloneHBaseRunsEverythingInOneJvmWithLongZooKeeperSessions() {
    Path data = Path.of("/var/hb");
    assertThat(HBaseNode.standaloneSite(data, 2181, 16000, 16020))
        .containsExactly(
            entry("hbase.cluster.distributed", "false"),
            entry("hbase.rootdir", "file:///var/hb/root"),
            entry("hbase.zookeeper.quorum", "127.0.0.1"),
            entry("hbase.zookeeper.property.clientPort", "2181"),
            entry("hbase.zookeeper.property.dataDir", "/var/hb/zookeeper"),
            entry("hbase.zookeeper.property.admin.enableServer", "false"),
            entry("hbase.master.info.port", "-1"),
            entry("hbase.regionserver.info.port", "-1"),
            entry("hbase.unsafe.stream.capability.enforce", "false"),
            entry("hbase.master.hostname", "127.0.0.1"),
            entry("hbase.regionserver.hostname", "127.0.0.1"),
            entry("hbase.tmp.dir", "/var/hb/tmp"),
            entry("hbase.master.port", "16000"),
            entry("hbase.regionserver.port", "16020"),
            entry("zookeeper.session.timeout.localHBaseCluster", "90000"),
            entry("hbase.zookeeper.property.maxSessionTimeout", "120000"),
            entry("hbase.master.wait.on.regionservers.maxtostart", "1"),
            entry("hbase.regionserver.msginterval", "1000"),
            entry("zookeeper.recovery.retry.intervalmill", "100"));
  }

  @Test
  void eachProcessOfDistributedHBaseHasItsOwnTmpDirAndWritesItsWalToTheRawFileSystem() {
    Path data = Path.of("/var/hbc");
    assertThat(HBaseNode.clusterSite(data, "hbase-rs-2", 2181, 16000, 16022))
        .containsExactly(
            entry("hbase.cluster.distributed", "true"),
            entry("hbase.rootdir", "file:///var/hbc/root"),
            entry("hbase.zookeeper.quorum", "127.0.0.1"),
            entry("hbase.zookeeper.property.clientPort", "2181"),
            entry("hbase.zookeeper.property.dataDir", "/var/hbc/zookeeper"),
            entry("hbase.zookeeper.property.admin.enableServer", "false"),
            entry("hbase.master.info.port", "-1"),
            entry("hbase.regionserver.info.port", "-1"),
            entry("hbase.unsafe.stream.capability.enforce", "false"),
            entry("hbase.master.hostname", "127.0.0.1"),
            entry("hbase.regionserver.hostname", "127.0.0.1"),
            entry("hbase.tmp.dir", "/var/hbc/tmp-hbase-rs-2"),
            entry("hbase.master.port", "16000"),
            entry("hbase.regionserver.port", "16022"),
            entry("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem"),
            entry("hbase.wal.provider", "filesystem"),
            entry("zookeeper.session.timeout", "10000"));
  }
}
