package io.moodstream.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.hbase.Aggregate;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Filters on topic and time become row-key ranges: counted with HBase's own scan metrics (rows its
 * region servers visited), a filtered query reads exactly the matching rows, an unfiltered one the
 * whole table, and the answers are the same either way.
 */
class PruningIT {
  static SparkSession spark;

  @BeforeAll
  static void seed() throws Exception {
    History.seed();
    spark = ItSpark.session();
    MoodstreamViews.register(spark, ItSpark.hbaseOptions());
  }

  static long stored(String topic, long from, long to) {
    TreeMap<Long, Aggregate> m = History.written.get("1m/" + topic);
    return m.subMap(from, true, to, false).size();
  }

  record Run(List<Row> rows, ScanStats stats) {}

  static Run run(String sql) {
    Dataset<Row> df = spark.sql(sql);
    List<Row> rows = df.collectAsList();
    return new Run(rows, ScanStats.of(df));
  }

  static String ts(long epochSecond) {
    return "TIMESTAMP '" + Instant.ofEpochSecond(epochSecond) + "'";
  }

  @Test
  void oneTopicAndTwoHoursScanOnlyThoseRows() {
    long from = History.DAY0 + 14 * 3600;
    long to = History.DAY0 + 16 * 3600;
    Run r =
        run(
            "SELECT count(*), sum(count) FROM agg_1m WHERE topic = 'apple' AND bucket_start >= "
                + ts(from)
                + " AND bucket_start < "
                + ts(to));
    long expected = stored("apple", from, to);
    assertThat(expected).isBetween(100L, 120L);
    assertThat(r.rows().get(0).getLong(0)).isEqualTo(expected);
    assertThat(r.stats().scans()).isEqualTo(1);
    assertThat(r.stats().rowsRead()).isEqualTo(expected);
    assertThat(r.stats().rowsScanned()).isEqualTo(expected);
    assertThat(r.stats().seeks()).isZero();
  }

  @Test
  void noFilterScansTheWholeTable() {
    Run r = run("SELECT count(*) FROM agg_1m");
    assertThat(r.rows().get(0).getLong(0)).isEqualTo(History.minuteRows);
    assertThat(r.stats().rowsScanned()).isEqualTo(History.minuteRows);
    assertThat(r.stats().rowsRead()).isEqualTo(History.minuteRows);
  }

  @Test
  void aTopicThatPrefixesAnotherReadsOnlyItsOwnRows() {
    Run r = run("SELECT DISTINCT topic FROM agg_1m WHERE topic = 'apple'");
    assertThat(r.rows()).extracting(x -> x.getString(0)).containsExactly("apple");
    assertThat(r.stats().rowsScanned()).isEqualTo(History.written.get("1m/apple").size());
  }

  @Test
  void inListAndBetweenScanOneRangePerTopic() {
    long from = History.DAY0 + 86_400 + 3600;
    long to = History.DAY0 + 86_400 + 2 * 3600; // BETWEEN is inclusive: [from, to]
    Run r =
        run(
            "SELECT topic, count(*) FROM agg_1m WHERE topic IN ('café', '気分', 'nothing')"
                + " AND bucket_start BETWEEN "
                + ts(from)
                + " AND "
                + ts(to)
                + " GROUP BY topic ORDER BY topic");
    long cafe = stored("café", from, to + 1);
    long kibun = stored("気分", from, to + 1);
    assertThat(r.rows())
        .extracting(x -> x.getString(0) + "=" + x.getLong(1))
        .containsExactly("café=" + cafe, "気分=" + kibun);
    assertThat(r.stats().scans()).isEqualTo(3); // 'nothing' is one empty range
    assertThat(r.stats().rowsScanned()).isEqualTo(cafe + kibun);
  }

  @Test
  void aTimeFilterWithoutTopicFindsTheTopicsThenReadsOnlyTheRange() {
    long from = History.DAY0 + 14 * 3600;
    long to = History.DAY0 + 16 * 3600;
    Run r =
        run(
            "SELECT topic, avg(mean_compound) FROM agg_1m WHERE bucket_start >= "
                + ts(from)
                + " AND bucket_start < "
                + ts(to)
                + " GROUP BY topic");
    long expected = History.TOPICS.stream().mapToLong(t -> stored(t, from, to)).sum();
    assertThat(r.rows()).hasSize(4);
    assertThat(r.stats().rowsScanned()).isEqualTo(expected);
    assertThat(r.stats().seeks()).isEqualTo(5); // four topics found, then the end of the table
  }

  @Test
  void timeBoundsAreExactAtSubSecondEdges() {
    long m = History.DAY0 + 600; // a stored minute of apple
    assertThat(History.written.get("1m/apple")).containsKey(m);
    String t = "TIMESTAMP '" + Instant.ofEpochSecond(m) + "'";
    String after = "TIMESTAMP '" + Instant.ofEpochSecond(m).plusMillis(1) + "'";
    assertThat(count("topic = 'apple' AND bucket_start = " + t)).isEqualTo(1);
    assertThat(count("topic = 'apple' AND bucket_start = " + after)).isZero();
    assertThat(count("topic = 'apple' AND bucket_start > " + t + " AND bucket_start <= " + after))
        .isZero();
    assertThat(count("topic = 'apple' AND bucket_start >= " + t + " AND bucket_start < " + after))
        .isEqualTo(1);
  }

  long count(String where) {
    return run("SELECT count(*) FROM agg_1m WHERE " + where).rows().get(0).getLong(0);
  }

  @Test
  void polarityReadsOneColumnAndExtremesPrune() {
    Run r =
        run(
            "SELECT polarity, count(*) FROM extremes_1m WHERE topic = 'café' AND polarity ="
                + " 'negative' GROUP BY polarity");
    assertThat(r.rows()).hasSize(1);
    assertThat(r.rows().get(0).getString(0)).isEqualTo("negative");
    assertThat(r.stats().rowsScanned()).isEqualTo(History.extremesRows / 2);
  }

  @Test
  void aFilteredAnswerEqualsTheUnprunedOne() {
    String where =
        "(topic = 'apple' OR topic = 'café') AND bucket_start < "
            + ts(History.DAY0 + 86_400 + 7200)
            + " AND bucket_start > "
            + ts(History.DAY0 + 86_400 - 7200);
    // no ORDER BY: a global sort samples its input first, which reads the scan twice
    Run pruned = run("SELECT * FROM agg_1m WHERE " + where);
    // the same filter written so that Spark cannot push it down
    Run full =
        run(
            "SELECT * FROM agg_1m WHERE concat(topic, '') IN ('apple', 'café') AND"
                + " bucket_start + INTERVAL 0 SECONDS BETWEEN "
                + ts(History.DAY0 + 86_400 - 7199)
                + " AND "
                + ts(History.DAY0 + 86_400 + 7199));
    long from = History.DAY0 + 86_400 - 7199;
    long to = History.DAY0 + 86_400 + 7200;
    assertThat((long) pruned.rows().size())
        .isEqualTo(stored("apple", from, to) + stored("café", from, to));
    assertThat(sorted(pruned.rows())).isEqualTo(sorted(full.rows()));
    assertThat(full.stats().rowsScanned()).isEqualTo(History.minuteRows);
    assertThat(pruned.stats().rowsScanned()).isEqualTo((long) pruned.rows().size());
  }

  static List<String> sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().toList();
  }

  @Test
  void explainShowsTheKeyRanges() {
    String plan =
        spark
            .sql("SELECT * FROM agg_1h WHERE topic = 'apple' AND bucket_start >= '2026-11-23'")
            .queryExecution()
            .executedPlan()
            .toString();
    assertThat(plan).contains("topics=[apple] time=[2026-11-23T00:00:00Z, end)");
  }
}
