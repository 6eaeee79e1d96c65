package io.moodstream.sql.source;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HBase connection per target and JVM (driver or executor), shared by every scan of that JVM
 * (connections are heavy and thread-safe), closed when the JVM exits.
 */
final class Connections {
  private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
  private static final Map<HBaseTarget, Connection> OPEN = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(Connections::closeAll, "moodstream-sql-hbase-close"));
  }

  private Connections() {}

  static Connection get(HBaseTarget target) throws IOException {
    Connection c = OPEN.get(target);
    if (c != null && !c.isClosed()) {
      return c;
    }
    synchronized (OPEN) {
      c = OPEN.get(target);
      if (c == null || c.isClosed()) {
        LOG.debug("sql: connecting to HBase at {}", target.describe());
        c = ConnectionFactory.createConnection(target.configuration());
        OPEN.put(target, c);
      }
      return c;
    }
  }

  static void closeAll() {
    synchronized (OPEN) {
      for (Connection c : OPEN.values()) {
        try {
          c.close();
        } catch (IOException | RuntimeException e) {
          // the JVM is exiting
        }
      }
      OPEN.clear();
    }
  }
}
