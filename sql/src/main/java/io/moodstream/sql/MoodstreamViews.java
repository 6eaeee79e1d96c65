package io.moodstream.sql;

import io.moodstream.sql.source.MoodstreamSource;
import io.moodstream.sql.source.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Registers the views {@code agg_1m}, {@code agg_1h}, {@code agg_1d} and {@code extremes_1m} as
 * temporary views of a Spark session, so {@code spark.sql("SELECT ... FROM agg_1m")} works. The
 * one-liner for a user's own session (the {@code -emr} jar on its classpath):
 *
 * <pre>
 *   io.moodstream.sql.MoodstreamViews.register(spark)                           // spark-shell
 *   spark._jvm.io.moodstream.sql.MoodstreamViews.register(spark._jsparkSession)  # pyspark
 * </pre>
 *
 * HBase is found through {@code hbase-site.xml} on the classpath, or SparkConf {@code
 * spark.moodstream.hbase.zookeeper.quorum} / {@code .port}, or {@code options} (see {@code
 * HBaseTarget}).
 */
public final class MoodstreamViews {
  private MoodstreamViews() {}

  /** Registers every view with the session's HBase settings; returns the view names. */
  public static List<String> register(SparkSession spark) {
    return register(spark, Map.of());
  }

  /**
   * Registers every view, reading with {@code options} (e.g. {@code hbase.zookeeper.quorum}, {@code
   * hbase.zookeeper.port}); returns the view names. Replaces views of the same names.
   */
  public static List<String> register(SparkSession spark, Map<String, String> options) {
    // this session's settings, not those of whichever session is active when a view is read
    Map<String, String> all = new HashMap<>(MoodstreamSource.sessionConf(spark));
    all.putAll(options);
    List<String> names = new ArrayList<>();
    for (View v : View.values()) {
      spark
          .read()
          .format(MoodstreamSource.SHORT_NAME)
          .options(all)
          .option(MoodstreamSource.TABLE_OPTION, v.viewName())
          .load()
          .createOrReplaceTempView(v.viewName());
      names.add(v.viewName());
    }
    return names;
  }
}
