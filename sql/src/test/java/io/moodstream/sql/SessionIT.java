package io.moodstream.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-liner of a user's own Spark session: HBase named only through SparkConf ({@code
 * spark.moodstream.hbase.zookeeper.*}), the views registered with {@code
 * MoodstreamViews.register(spark)}, and the source by its short name.
 */
class SessionIT {
  static SparkSession spark;

  @BeforeAll
  static void session() throws Exception {
    History.seed();
    spark = ItSpark.session().newSession();
    spark.conf().set("spark.moodstream.hbase.zookeeper.quorum", "127.0.0.1");
    spark
        .conf()
        .set(
            "spark.moodstream.hbase.zookeeper.port",
            ItSpark.hbaseOptions().get("hbase.zookeeper.port"));
  }

  @Test
  void registerMakesEveryViewQueryable() {
    assertThat(MoodstreamViews.register(spark))
        .containsExactly("agg_1m", "agg_1h", "agg_1d", "extremes_1m");
    List<Row> days =
        spark
            .sql("SELECT topic, sum(count) FROM agg_1d GROUP BY topic ORDER BY topic")
            .collectAsList();
    assertThat(days).extracting(r -> r.getString(0)).containsExactlyElementsOf(History.TOPICS);
    for (Row r : days) {
      long posts =
          History.written.get("1m/" + r.getString(0)).values().stream()
              .mapToLong(a -> a.count())
              .sum();
      assertThat(r.getLong(1)).as(r.getString(0)).isEqualTo(posts);
    }
    assertThat(spark.sql("SHOW VIEWS").collectAsList()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(spark.sql("DESCRIBE extremes_1m").collectAsList())
        .anySatisfy(r -> assertThat(r.getString(2)).contains("'positive'"));
  }

  @Test
  void theSourceReadsByItsShortName() {
    // a data source sees the active session's SparkConf; in a shell that is the user's session,
    // here it is made so (the test JVM's first session is still around)
    SparkSession.setActiveSession(spark);
    long n =
        spark
            .read()
            .format("moodstream")
            .option("table", "extremes_1m")
            .load()
            .where("topic = 'apple' AND polarity = 'positive'")
            .count();
    assertThat(n).isGreaterThan(200);
  }

  @Test
  void aMissingOrUnknownTableOptionSaysWhatToUse() {
    for (String table : new String[] {null, "agg_5m"}) {
      var reader = spark.read().format("moodstream");
      if (table != null) {
        reader = reader.option("table", table);
      }
      var r = reader;
      assertThat(org.assertj.core.api.Assertions.catchThrowable(r::load))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("agg_1m, agg_1h, agg_1d, extremes_1m");
    }
  }
}
