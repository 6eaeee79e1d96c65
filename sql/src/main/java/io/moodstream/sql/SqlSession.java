package io.moodstream.sql;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.sql.source.HBaseTarget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/** The Spark session of the commands, and the HBase settings their views read with. */
public final class SqlSession {

  private SqlSession() {}

  /**
   * A session on {@code sql.spark.master} (local by default): no UI, no console progress bar, a
   * heartbeat every second (export's progress line), a warehouse directory that is not the current
   * one, and {@link #useSqlSettings}.
   */
  public static SparkSession local(MoodstreamConfig config, String app) {
    quietSpark();
    SparkSession spark =
        SparkSession.builder()
            .master(config.get(SqlConfig.SPARK_MASTER))
            .appName(app)
            .config("spark.ui.enabled", false)
            .config("spark.ui.showConsoleProgress", false)
            .config("spark.executor.heartbeatInterval", "1s")
            .config(
                "spark.sql.warehouse.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "moodstream-sql-warehouse")
                    .toString())
            .getOrCreate();
    useSqlSettings(spark, config);
    return spark;
  }

  /**
   * The SQL settings every command runs with, set on the session: UTC, few shuffle partitions,
   * java.time values, and Parquet timestamps as INT64 microseconds flagged UTC (what pandas and
   * DuckDB read as timestamps; Spark's default INT96 is deprecated).
   */
  public static void useSqlSettings(SparkSession spark, MoodstreamConfig config) {
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    spark.conf().set("spark.sql.shuffle.partitions", config.get(SqlConfig.SHUFFLE_PARTITIONS));
    spark.conf().set("spark.sql.datetime.java8API.enabled", true);
    spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
  }

  /**
   * Spark, Hadoop and HBase log startup chatter at WARN (native libraries, loopback address) and a
   * failed task's stack trace at ERROR, several times over; the commands report what matters
   * themselves, in one line. MOODSTREAM_LOG_LEVEL=DEBUG keeps their logs.
   */
  static void quietSpark() {
    if ("DEBUG".equalsIgnoreCase(System.getenv("MOODSTREAM_LOG_LEVEL"))) {
      return;
    }
    for (String logger :
        new String[] {
          "org.apache.spark",
          "org.sparkproject",
          "org.apache.hadoop",
          "org.apache.hbase",
          "org.apache.zookeeper",
          "org.apache.parquet",
          "io.netty"
        }) {
      Configurator.setLevel(logger, Level.OFF);
    }
  }

  /**
   * The views' options: where HBase is, when the configuration names it explicitly (file,
   * environment); otherwise hbase-site.xml or Moodstream's default decide, as for every command.
   */
  public static Map<String, String> hbaseOptions(MoodstreamConfig config) {
    Map<String, String> options = new LinkedHashMap<>();
    if (config.isExplicit(CommonConfig.HBASE_ZOOKEEPER_QUORUM)) {
      options.put(HBaseTarget.QUORUM, config.get(CommonConfig.HBASE_ZOOKEEPER_QUORUM));
    }
    if (config.isExplicit(CommonConfig.HBASE_ZOOKEEPER_PORT)) {
      options.put(HBaseTarget.PORT, String.valueOf(config.get(CommonConfig.HBASE_ZOOKEEPER_PORT)));
    }
    return options;
  }
}
