package io.moodstream.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.rest.RestConfig;
import io.moodstream.rest.RestServer;
import io.moodstream.rest.RestServices;
import io.moodstream.rest.store.HBaseBucketStore;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.storage.BucketReader;
import io.moodstream.storage.Extremes;
import io.moodstream.storage.testing.MiniHBase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every view equals what the REST service serves for the same range: the service runs in-process
 * over the same mini cluster (its own HBaseBucketStore, settled-bucket cache and all), and each
 * answer is compared field by field with the SQL result: counts exactly, mean and standard
 * deviation to 1e-9, histograms exactly, extremes in the same order.
 */
class RestParityIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final Instant NOW = Instant.ofEpochSecond(History.END + 3600);

  static SparkSession spark;
  static RestServer rest;

  @BeforeAll
  static void start() throws Exception {
    History.seed();
    spark = ItSpark.session();
    MoodstreamViews.register(spark, ItSpark.hbaseOptions());
    rest =
        RestServer.start(
            RestServices.create(
                new HBaseBucketStore(MiniHBase.connection(), MiniHBase.layout()),
                RestConfig.Settings.from(MoodstreamConfig.load(RestConfig.KEYS, Map.of(), null))
                    .withPort(0),
                Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @AfterAll
  static void stop() {
    if (rest != null) {
      rest.close();
    }
  }

  static JsonNode get(String pathAndQuery) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static String topicParams(List<String> topics) {
    return topics.stream()
        .map(t -> "topic=" + URLEncoder.encode(t, StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static String quoted(List<String> topics) {
    return topics.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
  }

  static String ts(String iso) {
    return "TIMESTAMP '" + iso + "'";
  }

  @Test
  void everyAggregateViewEqualsTheSeriesRestServes() throws Exception {
    String[][] cases = {
      {"1m", "2026-11-22T13:17:00Z", "2026-11-23T02:00:00Z"},
      {"1m", "2026-11-23T23:00:00Z", "2026-11-24T03:00:00Z"},
      {"1h", "2026-11-22T00:00:00Z", "2026-11-24T00:00:00Z"},
      {"1d", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"},
    };
    int compared = 0;
    for (String[] c : cases) {
      JsonNode answer =
          get(
              "/api/v1/series?"
                  + topicParams(History.TOPICS)
                  + "&from="
                  + c[1]
                  + "&to="
                  + c[2]
                  + "&step="
                  + c[0]);
      List<Row> rows =
          spark
              .sql(
                  "SELECT * FROM agg_"
                      + c[0]
                      + " WHERE topic IN ("
                      + quoted(History.TOPICS)
                      + ") AND bucket_start >= "
                      + ts(answer.get("from").asText())
                      + " AND bucket_start < "
                      + ts(answer.get("to").asText())
                      + " ORDER BY topic, bucket_start")
              .collectAsList();
      List<Row> remaining = new ArrayList<>(rows);
      for (JsonNode series : answer.get("series")) {
        String topic = series.get("topic").asText();
        List<Row> mine = rows.stream().filter(r -> r.getString(0).equals(topic)).toList();
        assertThat(mine).as("%s %s", c[0], topic).hasSize(series.get("points").size());
        for (int i = 0; i < mine.size(); i++) {
          assertSamePoint(series.get("points").get(i), mine.get(i), c[0] + " " + topic);
          compared++;
        }
        remaining.removeAll(mine);
      }
      assertThat(remaining).as("rows REST does not serve").isEmpty();
    }
    assertThat(compared).isGreaterThan(2_000);
  }

  static void assertSamePoint(JsonNode p, Row r, String what) {
    String at = what + " " + p.get("start").asText();
    assertThat(r.<Instant>getAs("bucket_start").toString())
        .as(at)
        .isEqualTo(p.get("start").asText());
    for (String f : List.of("count", "scored", "positive", "neutral", "negative")) {
      assertThat(r.<Long>getAs(f)).as(at + " " + f).isEqualTo(p.get(f).asLong());
    }
    assertSameDouble(p.get("meanCompound"), r.getAs("mean_compound"), at + " mean");
    assertSameDouble(p.get("stddev"), r.getAs("stddev_compound"), at + " stddev");
    List<Long> h = new ArrayList<>();
    p.get("histogram").forEach(x -> h.add(x.asLong()));
    assertThat(r.<scala.collection.Seq<Long>>getAs("histogram")).as(at + " histogram").isNotNull();
    assertThat(
            scala.collection.JavaConverters.seqAsJavaList(
                r.<scala.collection.Seq<Long>>getAs("histogram")))
        .as(at + " histogram")
        .isEqualTo(h);
  }

  static void assertSameDouble(JsonNode rest, Double sql, String what) {
    if (rest.isNull()) {
      assertThat(sql).as(what).isNull();
    } else {
      assertThat(sql).as(what).isNotNull();
      assertThat(sql).as(what).isCloseTo(rest.asDouble(), within(1e-9));
    }
  }

  @Test
  void fiveMinuteBucketsMergedInSqlEqualTheOnesRestMerges() throws Exception {
    JsonNode answer =
        get(
            "/api/v1/series?topic=caf%C3%A9&from=2026-11-23T10:02:00Z&to=2026-11-23T16:00:00Z&step=5m");
    String sums =
        IntStream.range(0, 20)
            .mapToObj(i -> "sum(histogram[" + i + "])")
            .collect(Collectors.joining(", "));
    List<Row> rows =
        spark
            .sql(
                "SELECT window(bucket_start, '5 minutes').start AS bucket_start, sum(count) AS count,"
                    + " sum(scored) AS scored, sum(positive) AS positive, sum(neutral) AS neutral,"
                    + " sum(negative) AS negative,"
                    + " sum(sum_compound) / sum(scored) AS mean_compound,"
                    + " sqrt(greatest(0, sum(sum_squares) / sum(scored)"
                    + "   - pow(sum(sum_compound) / sum(scored), 2))) AS stddev_compound,"
                    + " array("
                    + sums
                    + ") AS histogram"
                    + " FROM agg_1m WHERE topic = 'café' AND bucket_start >= "
                    + ts(answer.get("from").asText())
                    + " AND bucket_start < "
                    + ts(answer.get("to").asText())
                    + " GROUP BY 1 ORDER BY 1")
            .collectAsList();
    JsonNode points = answer.get("series").get(0).get("points");
    assertThat(rows).hasSize(points.size()).hasSizeGreaterThan(70);
    for (int i = 0; i < rows.size(); i++) {
      assertSamePoint(points.get(i), rows.get(i), "5m café");
    }
  }

  @Test
  void extremesEqualTheMostExtremePostsRestServes() throws Exception {
    for (String topic : List.of("apple", "café")) {
      for (String[] range :
          new String[][] {
            {"2026-11-23T14:00:00Z", "2026-11-23T17:00:00Z"},
            {"2026-11-23T14:05:00Z", "2026-11-23T14:30:00Z"},
          }) {
        for (int limit : new int[] {5, 50}) {
          JsonNode answer =
              get(
                  "/api/v1/extremes?topic="
                      + URLEncoder.encode(topic, StandardCharsets.UTF_8)
                      + "&from="
                      + range[0]
                      + "&to="
                      + range[1]
                      + "&limit="
                      + limit);
          for (String polarity : List.of("positive", "negative")) {
            String order = polarity.equals("positive") ? "compound DESC" : "compound ASC";
            List<Row> rows =
                spark
                    .sql(
                        "SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY post_id ORDER BY "
                            + order
                            + ", created_at, post_id, minute) AS copy FROM extremes_1m"
                            + " WHERE topic = '"
                            + topic
                            + "' AND polarity = '"
                            + polarity
                            + "' AND minute >= "
                            + ts(answer.get("from").asText())
                            + " AND minute < "
                            + ts(answer.get("to").asText())
                            + ") WHERE copy = 1 ORDER BY "
                            + order
                            + ", created_at, post_id LIMIT "
                            + limit)
                    .collectAsList();
            JsonNode posts = answer.get(polarity);
            String what = topic + " " + polarity + " " + range[0] + " limit " + limit;
            assertThat(rows).as(what).hasSize(posts.size()).isNotEmpty();
            for (int i = 0; i < rows.size(); i++) {
              assertSamePost(posts.get(i), rows.get(i), what + " #" + i);
            }
          }
        }
      }
    }
  }

  static void assertSamePost(JsonNode p, Row r, String what) {
    assertThat(r.<String>getAs("post_id")).as(what).isEqualTo(p.get("id").asText());
    assertThat(r.<String>getAs("text")).as(what).isEqualTo(p.get("text").asText());
    assertThat(r.<String>getAs("author"))
        .as(what)
        .isEqualTo(p.get("author").get("handle").asText());
    assertThat(r.<String>getAs("author_id")).as(what).isEqualTo(p.get("author").get("id").asText());
    assertThat(r.<Instant>getAs("created_at").toString())
        .as(what)
        .isEqualTo(p.get("createdAt").asText());
    assertThat(r.<Double>getAs("compound")).as(what).isEqualTo(p.get("compound").asDouble());
    assertThat(r.<String>getAs("url"))
        .as(what)
        .isEqualTo(p.get("url").isNull() ? null : p.get("url").asText());
    assertThat(r.<Instant>getAs("minute").toString()).as(what).isEqualTo(p.get("minute").asText());
  }

  @Test
  void extremesRowsAreTheStoredListsInTheirOrder() throws Exception {
    long from = History.EXTREMES_FROM;
    long to = History.EXTREMES_TO;
    List<String> expected = new ArrayList<>();
    for (Extremes e :
        new BucketReader(MiniHBase.connection(), MiniHBase.layout()).extremes("apple", from, to)) {
      add(expected, e.minute(), "negative", e.negative());
      add(expected, e.minute(), "positive", e.positive());
    }
    List<String> actual =
        spark
            .sql(
                "SELECT minute, polarity, rank, post_id, compound FROM extremes_1m WHERE topic ="
                    + " 'apple' ORDER BY minute, polarity, rank")
            .collectAsList()
            .stream()
            .map(
                r ->
                    r.getAs("minute")
                        + " "
                        + r.get(1)
                        + " "
                        + r.get(2)
                        + " "
                        + r.get(3)
                        + " "
                        + r.get(4))
            .toList();
    assertThat(actual).hasSizeGreaterThan(400).isEqualTo(expected);
  }

  static void add(List<String> out, long minute, String polarity, List<ExtremePost> posts) {
    for (int i = 0; i < posts.size(); i++) {
      ExtremePost p = posts.get(i);
      out.add(
          Instant.ofEpochSecond(minute)
              + " "
              + polarity
              + " "
              + (i + 1)
              + " "
              + p.id()
              + " "
              + p.compound());
    }
  }
}
