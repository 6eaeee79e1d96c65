package io.moodstream.sql;

import io.moodstream.sql.source.HBaseTarget;
import io.moodstream.storage.testing.MiniHBase;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** One local Spark session per test JVM, and the options pointing the views at the mini cluster. */
final class ItSpark {
  private static SparkSession spark;

  private ItSpark() {}

  static synchronized SparkSession session() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[2]")
              .appName("moodstream-sql-it")
              .config("spark.ui.enabled", false)
              .config("spark.ui.showConsoleProgress", false)
              .config("spark.sql.shuffle.partitions", 4)
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.datetime.java8API.enabled", true)
              .config("spark.sql.warehouse.dir", "target/spark-warehouse")
              .getOrCreate();
    }
    return spark;
  }

  /** The source options of the mini cluster: its ZooKeeper. */
  static Map<String, String> hbaseOptions() {
    return Map.of(
        HBaseTarget.QUORUM,
        "127.0.0.1",
        HBaseTarget.PORT,
        String.valueOf(MiniHBase.get().getZkCluster().getClientPort()));
  }
}
