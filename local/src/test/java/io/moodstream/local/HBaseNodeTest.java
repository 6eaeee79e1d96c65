package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
}
