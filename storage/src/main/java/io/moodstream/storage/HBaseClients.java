package io.moodstream.storage;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/**
 * The one place where Moodstream's HBase clients are configured. Precedence, lowest first:
 *
 * <ol>
 *   <li>HBase's own defaults ({@code hbase-default.xml});
 *   <li>Moodstream's defaults ({@code hbase.zookeeper.quorum}/{@code hbase.zookeeper.port}, and the
 *       client {@link Timeouts});
 *   <li>{@code hbase-site.xml} from the classpath or {@code $HBASE_CONF_DIR} (on EMR: {@code
 *       /etc/hbase/conf}), as an HBase user expects;
 *   <li>the Moodstream keys {@code hbase.zookeeper.quorum}/{@code hbase.zookeeper.port} when they
 *       are set explicitly (file, environment, SparkConf), and {@link Timeouts#within} deadlines,
 *       which a request-bound client must keep whatever the site file says.
 * </ol>
 */
public final class HBaseClients {
  private HBaseClients() {}

  static final String QUORUM = "hbase.zookeeper.quorum";
  static final String CLIENT_PORT = "hbase.zookeeper.property.clientPort";

  /**
   * How an HBase client behaves when HBase is slow or down: how long one operation may take in all,
   * how often it is retried, and how often the ZooKeeper registry retries.
   *
   * @param rpc one RPC's timeout, or null for HBase's default
   * @param bounded true for a deadline that wins over hbase-site.xml (request-bound clients)
   */
  public record Timeouts(
      Duration operation,
      Duration rpc,
      int retries,
      Duration pause,
      int zookeeperRetries,
      boolean bounded) {

    /** Commands (schema apply, stream status checks): fail within about a minute with a message. */
    public static final Timeouts COMMAND =
        new Timeouts(Duration.ofSeconds(60), null, 3, Duration.ofMillis(100), 1, false);

    /**
     * The streaming job's writers: ride through a region server's failover (regions reassigned, WAL
     * replayed: tens of seconds) instead of failing the batch; HBase's own retry count.
     */
    public static final Timeouts JOB =
        new Timeouts(Duration.ofSeconds(180), null, 15, Duration.ofMillis(100), 3, false);

    /**
     * Request-bound clients (REST, health checks): every operation ends within {@code timeout},
     * whatever hbase-site.xml says, so a caller can answer 503 in time.
     */
    public static Timeouts within(Duration timeout) {
      return new Timeouts(
          timeout,
          Duration.ofMillis(Math.max(100, timeout.toMillis() / 2)),
          2,
          Duration.ofMillis(100),
          0,
          true);
    }

    /** Writes these settings into {@code c} (a bounded one always; else where no site file did). */
    public void applyTo(Configuration c) {
      int ms = (int) Math.min(Integer.MAX_VALUE, operation.toMillis());
      set(c, "hbase.client.operation.timeout", ms);
      set(c, "hbase.client.meta.operation.timeout", ms);
      set(c, "hbase.client.retries.number", retries);
      set(c, "hbase.client.pause", (int) pause.toMillis());
      set(c, "zookeeper.recovery.retry", zookeeperRetries);
      if (rpc != null) {
        set(c, "hbase.rpc.timeout", (int) rpc.toMillis());
      }
      if (bounded) {
        set(c, "hbase.client.scanner.timeout.period", ms);
        set(c, "zookeeper.session.timeout", Math.max(1000, ms));
      }
    }

    private void set(Configuration c, String key, int value) {
      if (bounded || !fromSiteFile(c, key)) {
        c.setInt(key, value);
      }
    }
  }

  /** The client configuration: hbase-site.xml (classpath, $HBASE_CONF_DIR), then ours. */
  public static Configuration configuration(MoodstreamConfig config, Timeouts timeouts) {
    return configuration(siteConfiguration(System.getenv()), config, timeouts);
  }

  /** HBase's configuration with hbase-site.xml from the classpath and {@code $HBASE_CONF_DIR}. */
  static Configuration siteConfiguration(Map<String, String> env) {
    return withSiteFiles(HBaseConfiguration.create(), env.get("HBASE_CONF_DIR"), "hbase-site.xml");
  }

  /**
   * {@code c} with each of {@code files} that exists in the configuration directory {@code dir}
   * added as a resource; none when {@code dir} is null or blank.
   */
  static Configuration withSiteFiles(Configuration c, String dir, String... files) {
    if (dir != null && !dir.isBlank()) {
      for (String f : files) {
        File site = new File(dir, f);
        if (site.isFile()) {
          c.addResource(new Path(site.toURI()));
        }
      }
    }
    return c;
  }

  /** Applies Moodstream's settings to {@code base} (a configuration with any site files loaded). */
  static Configuration configuration(
      Configuration base, MoodstreamConfig config, Timeouts timeouts) {
    Configuration c = new Configuration(base);
    if (config.isExplicit(CommonConfig.HBASE_ZOOKEEPER_QUORUM) || !fromSiteFile(c, QUORUM)) {
      c.set(QUORUM, config.get(CommonConfig.HBASE_ZOOKEEPER_QUORUM));
    }
    if (config.isExplicit(CommonConfig.HBASE_ZOOKEEPER_PORT) || !fromSiteFile(c, CLIENT_PORT)) {
      c.setInt(CLIENT_PORT, config.get(CommonConfig.HBASE_ZOOKEEPER_PORT));
    }
    timeouts.applyTo(c);
    return c;
  }

  /**
   * True when {@code key} has a value from a resource other than HBase's and Hadoop's own defaults
   * (an hbase-site.xml, a core-site.xml, or one a caller added).
   */
  static boolean fromSiteFile(Configuration c, String key) {
    if (c.get(key) == null) {
      return false;
    }
    String[] sources = c.getPropertySources(key);
    if (sources == null || sources.length == 0) {
      return false;
    }
    String last = sources[sources.length - 1];
    return !(last.equals("hbase-default.xml") || last.equals("core-default.xml"));
  }

  /** Where the client looks for HBase, for messages: {@code quorum:port}. */
  public static String where(Configuration c) {
    return c.get(QUORUM) + ":" + c.get(CLIENT_PORT);
  }

  public static Connection connect(MoodstreamConfig config) throws IOException {
    return connect(config, Timeouts.COMMAND);
  }

  public static Connection connect(MoodstreamConfig config, Timeouts timeouts) throws IOException {
    return ConnectionFactory.createConnection(configuration(config, timeouts));
  }
}
