package io.moodstream.local;

import io.moodstream.broker.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * HBase standalone (master, region server and ZooKeeper in one JVM, data on the local file system)
 * as a child process: {@code HMaster start} with a generated {@code hbase-site.xml}.
 */
final class HBaseStandalone {
  private HBaseStandalone() {}

  /** The jars HBase server needs beyond ours, resolved when this module was built. */
  static String serverClasspath() {
    try (InputStream in = HBaseStandalone.class.getResourceAsStream("hbase-classpath.txt")) {
      if (in == null) {
        throw new IllegalStateException(
            "hbase-classpath.txt missing: build moodstream-local with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String siteXml(Path data, int zkPort, int masterPort, int regionServerPort) {
    Map<String, String> p =
        new java.util.LinkedHashMap<>(
            Map.of(
                "hbase.cluster.distributed", "false",
                "hbase.rootdir", data.resolve("root").toUri().toString(),
                "hbase.tmp.dir", data.resolve("tmp").toString(),
                "hbase.zookeeper.quorum", "127.0.0.1",
                "hbase.zookeeper.property.clientPort", Integer.toString(zkPort),
                "hbase.zookeeper.property.dataDir", data.resolve("zookeeper").toString(),
                "hbase.master.port", Integer.toString(masterPort),
                "hbase.regionserver.port", Integer.toString(regionServerPort),
                "hbase.master.info.port", "-1",
                "hbase.regionserver.info.port", "-1"));
    // a local file system has no hflush/hsync; HBase must not insist on them
    p.put("hbase.unsafe.stream.capability.enforce", "false");
    p.put("hbase.master.hostname", "127.0.0.1");
    p.put("hbase.regionserver.hostname", "127.0.0.1");
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    p.forEach(
        (k, v) ->
            b.append("  <property><name>")
                .append(k)
                .append("</name><value>")
                .append(v)
                .append("</value></property>\n"));
    return b.append("</configuration>\n").toString();
  }

  /** Writes the configuration under {@code data/conf} and returns the command that starts HBase. */
  static List<String> command(
      Path data, int zkPort, int masterPort, int regionServerPort, String heap) throws IOException {
    Path conf = data.resolve("conf");
    Files.createDirectories(conf);
    Files.writeString(
        conf.resolve("hbase-site.xml"), siteXml(data, zkPort, masterPort, regionServerPort));
    Files.writeString(
        conf.resolve("log4j2.properties"),
        ChildJvm.consoleLog4j("org.apache.hadoop.hbase.master.HMaster"));
    return ChildJvm.command(
        heap,
        List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true",
            "-Dlog4j2.configurationFile=" + conf.resolve("log4j2.properties").toUri()),
        conf
            + File.pathSeparator
            + System.getProperty("java.class.path")
            + File.pathSeparator
            + serverClasspath(),
        "org.apache.hadoop.hbase.master.HMaster",
        List.of("start"));
  }
}
