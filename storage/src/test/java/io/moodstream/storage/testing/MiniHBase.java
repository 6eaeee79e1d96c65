package io.moodstream.storage.testing;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.storage.SchemaApplier;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.HBaseTestingUtility;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;

/**
 * One real HBase mini cluster per test JVM (start ≈ 20 s), shared by every IT class of a module and
 * stopped when the JVM exits. Other modules' ITs use it through storage's test-jar.
 */
public final class MiniHBase {
  private static HBaseTestingUtility util;

  private MiniHBase() {}

  public static synchronized HBaseTestingUtility get() {
    if (util == null) {
      HBaseTestingUtility u = new HBaseTestingUtility();
      try {
        u.startMiniCluster();
      } catch (Exception e) {
        throw new IllegalStateException("HBase mini cluster failed to start", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      u.shutdownMiniCluster();
                    } catch (Exception ignored) {
                      // the JVM is exiting
                    }
                  },
                  "mini-hbase-shutdown"));
      util = u;
    }
    return util;
  }

  public static Connection connection() throws IOException {
    return get().getConnection();
  }

  /** Moodstream configuration pointing at the mini cluster (and {@code extra} env entries). */
  public static MoodstreamConfig config(Map<String, String> extraEnv) {
    HBaseTestingUtility u = get();
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put(CommonConfig.HBASE_ZOOKEEPER_QUORUM.envName(), "127.0.0.1");
    env.put(
        CommonConfig.HBASE_ZOOKEEPER_PORT.envName(),
        String.valueOf(u.getZkCluster().getClientPort()));
    return MoodstreamConfig.load(CommonConfig.KEYS, env, null);
  }

  /** The default layout (GZ, 90 d extremes TTL), applied; idempotent. */
  public static HBaseLayout layout() throws IOException {
    HBaseLayout layout = HBaseLayout.of("GZ", Duration.ofDays(90), 1);
    try (Admin admin = connection().getAdmin()) {
      new SchemaApplier(admin).apply(layout, false);
    }
    return layout;
  }

  /** Removes every row of the Moodstream tables, so a test starts from empty tables. */
  public static void truncate(HBaseLayout layout) throws IOException {
    try (Admin admin = connection().getAdmin()) {
      for (HBaseLayout.TableSpec t : layout.tables()) {
        org.apache.hadoop.hbase.TableName n =
            org.apache.hadoop.hbase.TableName.valueOf(layout.qualified(t.name()));
        admin.disableTable(n);
        admin.truncateTable(n, false);
      }
    }
  }

  static List<String> tables(HBaseLayout layout) {
    return layout.tables().stream().map(t -> layout.qualified(t.name())).toList();
  }
}
