package io.moodstream.local;

import io.moodstream.broker.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An HBase process as a child JVM, with its own configuration directory first on its classpath:
 * standalone (master, region server and ZooKeeper in one JVM) for {@code up}, or one of the
 * ZooKeeper, master and region server processes of {@code up --cluster}. Data lives on the local
 * file system.
 */
final class HBaseNode {
  private HBaseNode() {}

  static final String MASTER = "org.apache.hadoop.hbase.master.HMaster";
  static final String REGION_SERVER = "org.apache.hadoop.hbase.regionserver.HRegionServer";
  static final String ZOOKEEPER = "org.apache.hadoop.hbase.zookeeper.HQuorumPeer";

  /** The jars HBase server needs beyond ours, resolved when this module was built. */
  static String serverClasspath() {
    return ChildJvm.classpath(HBaseNode.class, "hbase-classpath.txt", "moodstream-local");
  }

  /**
   * Settings every process of one HBase shares: root and ZooKeeper on this machine, its temporary
   * directory {@code tmp} under {@code data}, the master's and the region server's ports.
   */
  private static Map<String, String> common(
      Path data, boolean distributed, String tmp, int zkPort, int masterPort, int rsPort) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("hbase.cluster.distributed", Boolean.toString(distributed));
    p.put("hbase.rootdir", data.resolve("root").toUri().toString());
    p.put("hbase.zookeeper.quorum", "127.0.0.1");
    p.put("hbase.zookeeper.property.clientPort", Integer.toString(zkPort));
    p.put("hbase.zookeeper.property.dataDir", data.resolve("zookeeper").toString());
    // ZooKeeper's own process (up --cluster) would start its AdminServer on 8080, REST's port
    p.put("hbase.zookeeper.property.admin.enableServer", "false");
    p.put("hbase.master.info.port", "-1");
    p.put("hbase.regionserver.info.port", "-1");
    // a local file system has no hflush/hsync; HBase must not insist on them
    p.put("hbase.unsafe.stream.capability.enforce", "false");
    p.put("hbase.master.hostname", "127.0.0.1");
    p.put("hbase.regionserver.hostname", "127.0.0.1");
    p.put("hbase.tmp.dir", data.resolve(tmp).toString());
    p.put("hbase.master.port", Integer.toString(masterPort));
    p.put("hbase.regionserver.port", Integer.toString(rsPort));
    return p;
  }

  /**
   * The ZooKeeper session of HBase standalone's master and region server (HBase's default for a
   * cluster; its default for a local one is 10 s). ZooKeeper runs in the same JVM, so a freeze of
   * that JVM (SIGSTOP, a host stall) stops the sessions' pings and their server alike; when it
   * resumes, the server expires every session silent for longer than this, and HBase aborts. With
   * 10 s a 30 s freeze killed HBase (FaultSuiteIT); with 90 s it survives freezes of up to about 60
   * s (pings go out every third of the timeout). The cost: a restart after kill -9 may wait for the
   * dead master's session (ready again 11-45 s after the kill in four runs, 16-28 s with 10 s
   * sessions; 7.4-8.4 s in five runs since the start settings below).
   */
  static final int STANDALONE_ZK_SESSION_MS = 90_000;

  /** HBase standalone: everything in one JVM. */
  static Map<String, String> standaloneSite(
      Path data, int zkPort, int masterPort, int regionServerPort) {
    Map<String, String> p = common(data, false, "tmp", zkPort, masterPort, regionServerPort);
    p.put(
        "zookeeper.session.timeout.localHBaseCluster", Integer.toString(STANDALONE_ZK_SESSION_MS));
    // ZooKeeper's own cap (20 ticks, 40 s) would cut the session back
    p.put(
        "hbase.zookeeper.property.maxSessionTimeout",
        Integer.toString(STANDALONE_ZK_SESSION_MS + 30_000));
    // start in ~8 s instead of ~14: the master waits for region servers to report in until
    // maxtostart have, else 4.5 s; the region server retries a refused report every msginterval
    p.put("hbase.master.wait.on.regionservers.maxtostart", "1");
    p.put("hbase.regionserver.msginterval", "1000");
    // stop in ~3 s instead of ~20: on SIGTERM the in-JVM ZooKeeper can be gone before the region
    // server deletes its node, and each of the 4 tries waited 1, 2, 4, 8 s
    p.put("zookeeper.recovery.retry.intervalmill", "100");
    return p;
  }

  /**
   * One process of distributed HBase ({@code id}: zookeeper, master, regionserver-N), sharing the
   * root directory. The WAL is written through the raw local file system, whose hflush reaches the
   * operating system, so a region server killed with SIGKILL loses no acknowledged edit.
   */
  static Map<String, String> clusterSite(
      Path data, String id, int zkPort, int masterPort, int regionServerPort) {
    Map<String, String> p = common(data, true, "tmp-" + id, zkPort, masterPort, regionServerPort);
    p.put("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    p.put("hbase.wal.provider", "filesystem");
    // a dead region server is noticed when its ZooKeeper session expires
    p.put("zookeeper.session.timeout", "10000");
    return p;
  }

  static String siteXml(Map<String, String> p) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    p.forEach(
        (k, v) ->
            b.append("  <property><name>")
                .append(xmlText(k))
                .append("</name><value>")
                .append(xmlText(v))
                .append("</value></property>\n"));
    return b.append("</configuration>\n").toString();
  }

  /** Character data as XML text: a path such as {@code /home/r&d/moodstream} stays one value. */
  private static String xmlText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Writes {@code hbase-site.xml} and a log configuration into {@code conf}. */
  static void writeConf(Path conf, Map<String, String> site, String infoLogger) throws IOException {
    Files.createDirectories(conf);
    Files.writeString(conf.resolve("hbase-site.xml"), siteXml(site));
    Files.writeString(conf.resolve("log4j2.properties"), ChildJvm.consoleLog4j(infoLogger));
  }

  /** The command that runs {@code main} with {@code conf} first on the classpath. */
  static List<String> command(Path conf, String heap, String main, List<String> args) {
    return ChildJvm.command(
        heap,
        Stream.concat(
                LaunchFacts.current().jvmFlags().stream(),
                Stream.of(
                    "-Dlog4j2.configurationFile=" + conf.resolve("log4j2.properties").toUri()))
            .toList(),
        conf
            + File.pathSeparator
            + System.getProperty("java.class.path")
            + File.pathSeparator
            + serverClasspath(),
        main,
        args);
  }
}
