package io.moodstream.sql.source;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.storage.HBaseClients;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Which HBase the views read, and how the client behaves: {@link HBaseClients}, the project's one
 * place for HBase client settings, with these source options:
 *
 * <ul>
 *   <li>{@code hbase.zookeeper.quorum} / {@code hbase.zookeeper.port}: the Moodstream keys, which
 *       win over hbase-site.xml (from SparkConf's {@code spark.moodstream.hbase.zookeeper.*}, the
 *       commands' configuration, or {@code .option(...)});
 *   <li>any other option starting with {@code hbase.} or {@code zookeeper.}: an HBase client
 *       setting, applied last as it is (e.g. {@code hbase.client.scanner.timeout.period}).
 * </ul>
 *
 * Without them, hbase-site.xml on the classpath or in {@code $HBASE_CONF_DIR} names HBase (as on an
 * EMR node), else Moodstream's default {@code 127.0.0.1:2181}. Client retries are those of a
 * command (fail within about a minute) unless hbase-site.xml sets them. Serializable: the options
 * travel with the scan to the executors, which connect themselves.
 *
 * @param keys the Moodstream keys given ({@code hbase.zookeeper.quorum}, {@code .port})
 * @param hbase HBase client settings applied last
 */
public record HBaseTarget(SortedMap<String, String> keys, SortedMap<String, String> hbase)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Moodstream's key for the ZooKeeper quorum (the same name in HBase). */
  public static final String QUORUM = CommonConfig.HBASE_ZOOKEEPER_QUORUM.name();

  /**
   * Moodstream's key for the ZooKeeper port (HBase: {@code hbase.zookeeper.property.clientPort}).
   */
  public static final String PORT = CommonConfig.HBASE_ZOOKEEPER_PORT.name();

  public HBaseTarget {
    keys = Collections.unmodifiableSortedMap(new TreeMap<>(keys));
    hbase = Collections.unmodifiableSortedMap(new TreeMap<>(hbase));
  }

  /**
   * The target of a read with these source options (case-sensitive); a bad quorum or port is an
   * IllegalArgumentException naming it.
   */
  public static HBaseTarget resolve(Map<String, String> options) {
    TreeMap<String, String> keys = new TreeMap<>();
    TreeMap<String, String> hbase = new TreeMap<>();
    options.forEach(
        (k, v) -> {
          if (v == null) {
            return;
          }
          if (k.equals(QUORUM) || k.equals(PORT)) {
            keys.put(k, v.trim());
          } else if (k.startsWith("hbase.") || k.startsWith("zookeeper.")) {
            hbase.put(k, v.trim());
          }
        });
    HBaseTarget t = new HBaseTarget(keys, hbase);
    t.config(); // validates the keys now, on the driver, not in a task
    return t;
  }

  private MoodstreamConfig config() {
    try {
      return MoodstreamConfig.load(
          CommonConfig.KEYS,
          Map.of(),
          null,
          new MoodstreamConfig.Overrides(keys, "the moodstream source's options", ""));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The HBase client configuration: {@link HBaseClients}' for a command, then the options. */
  public Configuration configuration() {
    Configuration c = HBaseClients.configuration(config(), HBaseClients.Timeouts.COMMAND);
    hbase.forEach(c::set);
    return c;
  }

  /** {@code host:port} of ZooKeeper, for messages. */
  public String describe() {
    return HBaseClients.where(configuration());
  }
}
