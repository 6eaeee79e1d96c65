package io.moodstream.sql.source;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.storage.HBaseClients;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;

/**
 * Which HBase the views read: HBase's own configuration ({@code hbase-site.xml} on the classpath,
 * as on an EMR node with {@code /etc/hbase/conf} on it), overridden by, later winning:
 *
 * <ol>
 *   <li>SparkConf {@code spark.moodstream.hbase.zookeeper.quorum} / {@code
 *       spark.moodstream.hbase.zookeeper.port} (the Moodstream keys through SparkConf);
 *   <li>the source's options {@code hbase.zookeeper.quorum} / {@code hbase.zookeeper.port}, and any
 *       other option starting with {@code hbase.} or {@code zookeeper.}, handed to the HBase client
 *       as it is (e.g. {@code hbase.client.retries.number}).
 * </ol>
 *
 * Serializable: the settings travel with the scan to the executors, which connect themselves.
 *
 * @param settings HBase client settings applied over {@code HBaseConfiguration.create()}
 */
public record HBaseTarget(SortedMap<String, String> settings) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Moodstream's key for the ZooKeeper quorum (the same name in HBase). */
  public static final String QUORUM = "hbase.zookeeper.quorum";

  /** Moodstream's key for the ZooKeeper port; HBase calls it {@link #HBASE_ZK_PORT}. */
  public static final String PORT = "hbase.zookeeper.port";

  static final String HBASE_ZK_PORT = "hbase.zookeeper.property.clientPort";

  private static final String[] FAIL_FAST = {
    "hbase.client.retries.number", "zookeeper.recovery.retry", "hbase.client.operation.timeout"
  };
  static final String SPARK_CONF_PREFIX = "spark.moodstream.";

  public HBaseTarget {
    settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
  }

  /**
   * The target of a read with these source options (case-sensitive; SparkConf's {@code
   * spark.moodstream.hbase.zookeeper.*} already turned into options by the caller).
   */
  public static HBaseTarget resolve(Map<String, String> options) {
    TreeMap<String, String> s = new TreeMap<>();
    options.forEach(
        (k, v) -> {
          if ((k.startsWith("hbase.") || k.startsWith("zookeeper.")) && v != null) {
            s.put(hbaseName(k), v.trim());
          }
        });
    String port = s.get(HBASE_ZK_PORT);
    if (port != null) {
      try {
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65_535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            PORT + " '" + port + "' is not a port number (1..65535)");
      }
    }
    return new HBaseTarget(s);
  }

  private static String hbaseName(String key) {
    return key.equals(PORT) ? HBASE_ZK_PORT : key;
  }

  /** The HBase client configuration: hbase-site.xml, fail-fast retries, then the settings. */
  public Configuration configuration() {
    Configuration conf = HBaseConfiguration.create();
    failFast()
        .forEach(
            (k, v) -> {
              String[] from = conf.getPropertySources(k);
              if (from == null
                  || Arrays.stream(from).allMatch(s -> s.endsWith("hbase-default.xml"))) {
                conf.set(k, v);
              }
            });
    settings.forEach(conf::set);
    return conf;
  }

  /** The retry settings of {@link HBaseClients#configuration}, the project's one home for them. */
  static Map<String, String> failFast() {
    Configuration c =
        HBaseClients.configuration(MoodstreamConfig.load(CommonConfig.KEYS, Map.of(), null));
    Map<String, String> m = new TreeMap<>();
    for (String k : FAIL_FAST) {
      m.put(k, c.get(k));
    }
    return m;
  }

  /** {@code host:port} of ZooKeeper, for messages. */
  public String describe() {
    Configuration c = configuration();
    return c.get(QUORUM, "?") + ":" + c.get(HBASE_ZK_PORT, "2181");
  }
}
