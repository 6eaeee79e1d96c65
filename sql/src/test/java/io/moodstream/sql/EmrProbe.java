package io.moodstream.sql;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a user types into spark-shell or a notebook, as a program: run by PackagingIT in a JVM whose
 * classpath is Spark's plus the -emr jar, nothing else of ours. Args: the ZooKeeper port of HBase,
 * a path to write Parquet to.
 */
public final class EmrProbe {
  private EmrProbe() {}

  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", false)
            .config("spark.moodstream.hbase.zookeeper.quorum", "127.0.0.1")
            .config("spark.moodstream.hbase.zookeeper.port", args[0])
            .getOrCreate();
    io.moodstream.sql.MoodstreamViews.register(spark);
    for (Row r :
        spark
            .sql("SELECT topic, sum(count) FROM agg_1d GROUP BY topic ORDER BY topic")
            .collectAsList()) {
      System.out.println("agg_1d " + r.getString(0) + " " + r.getLong(1));
    }
    long n =
        spark
            .read()
            .format("moodstream")
            .option("table", "extremes_1m")
            .load()
            .where("topic = 'apple'")
            .count();
    System.out.println("extremes_1m apple " + n);
    spark.sql("SELECT * FROM agg_1d").write().parquet(args[1]);
    System.out.println("parquet rows " + spark.read().parquet(args[1]).count());
    spark.stop();
  }
}
