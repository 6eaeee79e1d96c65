package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
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

  /**
   * The whole hbase-site.xml of standalone HBase and of a distributed region server, key by key in
   * order, as the fixtures beside this test hold them.
   */
  @Test
  void standaloneAndDistributedSitesAreWrittenAsPinned() throws Exception {
    Path data = Path.of("/var/hb");
    assertThat(HBaseNode.siteXml(HBaseNode.standaloneSite(data, 2181, 16000, 16020)))
        .isEqualTo(fixture("hbase-site-standalone.xml"));
    assertThat(HBaseNode.siteXml(HBaseNode.clusterSite(data, "hbase-rs-2", 2181, 16000, 16022)))
        .isEqualTo(fixture("hbase-site-distributed.xml"));
  }

  private static String fixture(String name) throws Exception {
    try (InputStream in = HBaseNodeTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
