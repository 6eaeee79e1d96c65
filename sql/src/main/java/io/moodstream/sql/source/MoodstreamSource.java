package io.moodstream.sql.source;

import io.moodstream.schema.config.MoodstreamConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Spark data source {@code moodstream}: {@code spark.read().format("moodstream")
 * .option("table", "agg_1m").load()}. Option {@code table} names the view ({@link View}); the HBase
 * to read is chosen as {@link HBaseTarget} describes. Registered through {@code
 * META-INF/services/org.apache.spark.sql.sources.DataSourceRegister}.
 */
public final class MoodstreamSource implements TableProvider, DataSourceRegister {
  public static final String SHORT_NAME = "moodstream";
  public static final String TABLE_OPTION = "table";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return View.named(options.get(TABLE_OPTION)).schema();
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    CaseInsensitiveStringMap options = new CaseInsensitiveStringMap(properties);
    View view = View.named(options.get(TABLE_OPTION));
    Map<String, String> all = new HashMap<>();
    if (SparkSession.getActiveSession().isDefined()) {
      all.putAll(sessionConf(SparkSession.getActiveSession().get()));
    }
    all.putAll(properties);
    return new MoodstreamTable(view, HBaseTarget.resolve(all));
  }

  /**
   * The HBase settings of a session's SparkConf ({@code spark.moodstream.hbase.zookeeper.quorum}
   * and {@code .port}), as source options ({@code hbase.zookeeper.quorum}, {@code .port}).
   */
  public static Map<String, String> sessionConf(SparkSession spark) {
    Map<String, String> options = new HashMap<>();
    for (String key : new String[] {HBaseTarget.QUORUM, HBaseTarget.PORT}) {
      String v = spark.conf().get(MoodstreamConfig.SPARK_PREFIX + key, null);
      if (v != null && !v.isBlank()) {
        options.put(key, v.trim());
      }
    }
    return options;
  }
}
