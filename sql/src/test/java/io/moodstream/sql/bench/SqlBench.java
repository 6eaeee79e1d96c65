package io.moodstream.sql.bench;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.Step;
import io.moodstream.sql.MoodstreamViews;
import io.moodstream.sql.ScanStats;
import io.moodstream.sql.SqlConfig;
import io.moodstream.sql.SqlSession;
import io.moodstream.storage.testing.BucketWriter;
import io.moodstream.storage.testing.MiniHBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The SQL benchmark (test scope, run by sql/bench/run.sh): an HBase mini cluster seeded through
 * BucketWriter with {@code days} of minute buckets (and their hour and day rollups) for 5 topics,
 * flushed and major-compacted as production data would be; then analyst questions through the views
 * in the session {@code ./moodstream sql} uses, each run once to warm up and {@code runs} times
 * measured. Prints the median, min and max seconds per query.
 */
public final class SqlBench {
  static final List<String> TOPICS = List.of("topic1", "topic2", "topic3", "topic4", "topic5");

  private SqlBench() {}

  record Query(String name, String sql) {}

  public static void main(String[] args) throws Exception {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Connection connection = MiniHBase.connection();
    HBaseLayout layout = MiniHBase.layout();
    long end = Step.DAY.alignDown(Instant.parse("2026-11-25T00:00:00Z").getEpochSecond());
    long start = end - days * 86_400L;
    long t0 = System.nanoTime();
    long rows = seed(connection, layout, start, end);
    try (Admin admin = connection.getAdmin()) {
      for (HBaseLayout.TableSpec t : layout.tables()) {
        TableName name = TableName.valueOf(layout.qualified(t.name()));
        admin.flush(name);
        admin.majorCompact(name);
      }
    }
    System.out.printf(
        "seeded %,d rows (%d days x %d topics of minutes, with hour and day rollups) in %.1f s%n",
        rows, days, TOPICS.size(), (System.nanoTime() - t0) / 1e9);

    MoodstreamConfig config =
        MoodstreamConfig.load(
            SqlConfig.KEYS,
            Map.of(
                CommonConfig.HBASE_ZOOKEEPER_QUORUM.envName(),
                "127.0.0.1",
                CommonConfig.HBASE_ZOOKEEPER_PORT.envName(),
                String.valueOf(MiniHBase.get().getZkCluster().getClientPort())),
            null);
    SparkSession spark = SqlSession.local(config, "moodstream-sql-bench");
    MoodstreamViews.register(spark, SqlSession.hbaseOptions(config));
    String lastDay = "TIMESTAMP '" + Instant.ofEpochSecond(end - 86_400) + "'";
    String h14 = "TIMESTAMP '" + Instant.ofEpochSecond(end - 86_400 + 14 * 3600) + "'";
    String h16 = "TIMESTAMP '" + Instant.ofEpochSecond(end - 86_400 + 16 * 3600) + "'";
    List<Query> queries =
        List.of(
            new Query(
                "most negative topics 14:00-16:00 (time filter, no topic)",
                "SELECT topic, sum(sum_compound) / sum(scored) AS mean, sum(negative) / sum(scored)"
                    + " AS negative_share FROM agg_1m WHERE bucket_start >= "
                    + h14
                    + " AND bucket_start < "
                    + h16
                    + " GROUP BY topic ORDER BY mean"),
            new Query(
                "one topic, one day of minutes (topic + time filter)",
                "SELECT * FROM agg_1m WHERE topic = 'topic3' AND bucket_start >= "
                    + lastDay
                    + " ORDER BY bucket_start"),
            new Query(
                "daily mean per topic from minutes (whole table)",
                "SELECT topic, date_trunc('DAY', bucket_start) AS day, sum(count) AS posts,"
                    + " sum(sum_compound) / sum(scored) AS mean FROM agg_1m GROUP BY 1, 2"
                    + " ORDER BY 1, 2"),
            new Query(
                "minutes where volume tripled (whole table, window)",
                "SELECT topic, bucket_start, count, previous FROM (SELECT topic, bucket_start,"
                    + " count, lag(count) OVER (PARTITION BY topic ORDER BY bucket_start) AS"
                    + " previous FROM agg_1m) WHERE count >= 3 * previous AND previous >= 10"
                    + " ORDER BY count DESC LIMIT 10"),
            new Query(
                "hourly series of every topic (agg_1h, whole table)",
                "SELECT topic, bucket_start, mean_compound FROM agg_1h ORDER BY 1, 2"));

    System.out.printf(
        "machine: %d cores, load average %s%n",
        Runtime.getRuntime().availableProcessors(), loadAverage());
    System.out.printf(
        "%-56s %8s %10s %9s %9s %9s%n",
        "query", "rows", "HBase rows", "median s", "min s", "max s");
    for (Query q : queries) {
      List<Double> seconds = new ArrayList<>();
      long resultRows = 0;
      ScanStats stats = null;
      for (int i = 0; i <= runs; i++) {
        long s = System.nanoTime();
        Dataset<Row> df = spark.sql(q.sql());
        resultRows = df.collectAsList().size();
        double took = (System.nanoTime() - s) / 1e9;
        stats = ScanStats.of(df);
        if (i > 0) {
          seconds.add(took); // run 0 warms up
        }
      }
      Collections.sort(seconds);
      System.out.printf(
          "%-56s %8d %10d %9.2f %9.2f %9.2f%n",
          q.name(),
          resultRows,
          stats.rowsRead(),
          seconds.get(seconds.size() / 2),
          seconds.get(0),
          seconds.get(seconds.size() - 1));
    }
    System.out.printf("load average after: %s%n", loadAverage());
    spark.stop();
    System.exit(0);
  }

  static String loadAverage() {
    try {
      return String.join(
          " ",
          java.util.Arrays.copyOf(
              java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" "),
              3));
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  /** Minutes of [start, end) for every topic, with their hour and day rollups. */
  static long seed(Connection c, HBaseLayout layout, long start, long end) throws Exception {
    long rows = 0;
    SplittableRandom random = new SplittableRandom(42);
    try (BucketWriter w = new BucketWriter(c, layout)) {
      for (String topic : TOPICS) {
        Aggregate hour = Aggregate.EMPTY;
        Aggregate day = Aggregate.EMPTY;
        for (long m = start; m < end; m += 60) {
          Aggregate a = Aggregate.ofUnscored();
          int n = 5 + random.nextInt(40) + (random.nextInt(500) == 0 ? 150 : 0); // rare bursts
          for (int i = 0; i < n; i++) {
            a = a.merge(Aggregate.ofScored(Math.round((random.nextDouble() * 2 - 1) * 1e4) / 1e4));
          }
          w.aggregate(Step.MINUTE, topic, m, a);
          rows++;
          hour = hour.merge(a);
          day = day.merge(a);
          if ((m + 60) % 3_600 == 0) {
            w.aggregate(Step.HOUR, topic, Step.HOUR.alignDown(m), hour);
            hour = Aggregate.EMPTY;
            rows++;
          }
          if ((m + 60) % 86_400 == 0) {
            w.aggregate(Step.DAY, topic, Step.DAY.alignDown(m), day);
            day = Aggregate.EMPTY;
            rows++;
          }
        }
      }
      w.flush();
    }
    return rows;
  }
}
