package io.moodstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.sentiment.SentimentScorer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;

/** The transformation on a MemoryStream: no Kafka, no HBase. */
class MoodTransformTest {
  private static final SentimentScorer VADER = SentimentScorer.standard();
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static SparkSession spark;

  /** The latest state of every (topic, minute) the query emitted, as the HBase sink would hold. */
  static final Map<String, BucketState> SINK = new ConcurrentHashMap<>();

  private MemoryStream<String> input;
  private StreamingQuery query;
  private SideOutputs side;

  @BeforeAll
  static void spark() {
    // the job's own session settings (no no-data batches, which changes when watermarks move)
    spark =
        StreamJob.session(
            MoodstreamConfig.load(
                StreamingConfig.KEYS,
                Map.of(
                    StreamingConfig.SPARK_MASTER.envName(), "local[2]",
                    StreamingConfig.SHUFFLE_PARTITIONS.envName(), "2"),
                null));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @BeforeEach
  void clear() {
    SINK.clear();
  }

  @AfterEach
  void stopQuery() throws Exception {
    if (query != null) {
      query.stop();
    }
  }

  private void start(StreamingConfig.Transform t) throws Exception {
    input = new MemoryStream<>(1, spark.sqlContext(), Option.empty(), Encoders.STRING());
    side = SideOutputs.register(spark.sparkContext());
    Dataset<Row> buckets = MoodTransform.buckets(input.toDF(), t, side);
    query =
        buckets
            .writeStream()
            .outputMode(OutputMode.Update())
            .foreachBatch(
                (VoidFunction2<Dataset<Row>, Long>)
                    (df, id) -> {
                      for (Row r : df.collectAsList()) {
                        SINK.put(
                            r.getString(0) + "@" + r.getLong(1),
                            BucketState.fromBytes((byte[]) r.get(2)));
                      }
                    })
            .start();
  }

  private void send(String... json) {
    input.addData(JavaConverters.asScalaBuffer(List.of(json)));
    query.processAllAvailable();
  }

  static String post(String id, Instant at, String text, String lang, String... topics) {
    StringBuilder t = new StringBuilder("\"all\"");
    for (String topic : topics) {
      t.append(",\"").append(topic).append('"');
    }
    return "{\"id\":\""
        + id
        + "\",\"source\":\"synthetic\",\"createdAt\":\""
        + at
        + "\",\"text\":\""
        + text
        + "\",\"lang\":"
        + (lang == null ? "null" : "\"" + lang + "\"")
        + ",\"author\":{\"id\":\"u"
        + id
        + "\",\"handle\":\"h"
        + id
        + "\"},\"topics\":["
        + t
        + "]}";
  }

  private static BucketState bucket(String topic, Instant minute) {
    return SINK.get(topic + "@" + minute.getEpochSecond());
  }

  @Test
  void aggregatesCountScoreAndClassifyEachTopicMinute() throws Exception {
    start(StreamingConfig.Transform.defaults());
    String[] texts = {
      "I love this, it is great!",
      "This is terrible and awful.",
      "The bus leaves at noon.",
      "Good morning",
      "worst day ever :("
    };
    List<String> records = new ArrayList<>();
    Aggregate expectedAll = Aggregate.EMPTY;
    Aggregate expectedApple = Aggregate.EMPTY;
    for (int i = 0; i < texts.length; i++) {
      records.add(
          post("p" + i, T0.plusSeconds(i * 7), texts[i], "en", i % 2 == 0 ? "apple" : "pear"));
      Aggregate one = Aggregate.ofScored(VADER.score(texts[i]).compound());
      expectedAll = expectedAll.merge(one);
      if (i % 2 == 0) {
        expectedApple = expectedApple.merge(one);
      }
    }
    records.add(post("late-minute", T0.plusSeconds(61), "Nice!", "en", "apple"));
    send(records.toArray(String[]::new));

    Aggregate all = bucket("all", T0).aggregate();
    assertSame(all, expectedAll);
    assertSame(bucket("apple", T0).aggregate(), expectedApple);
    assertThat(bucket("pear", T0).aggregate().count()).isEqualTo(2);
    assertThat(bucket("apple", T0.plusSeconds(60)).aggregate().count()).isEqualTo(1);
    assertThat(all.positive() + all.neutral() + all.negative()).isEqualTo(5);
    assertThat(all.neutral()).isEqualTo(1); // the bus timetable
  }

  private static void assertSame(Aggregate actual, Aggregate expected) {
    assertThat(actual.count()).isEqualTo(expected.count());
    assertThat(actual.scored()).isEqualTo(expected.scored());
    assertThat(actual.positive()).isEqualTo(expected.positive());
    assertThat(actual.neutral()).isEqualTo(expected.neutral());
    assertThat(actual.negative()).isEqualTo(expected.negative());
    assertThat(actual.histogram()).isEqualTo(expected.histogram());
    assertThat(actual.sumCompound()).isCloseTo(expected.sumCompound(), within(1e-9));
    assertThat(actual.sumSquares()).isCloseTo(expected.sumSquares(), within(1e-9));
  }

  @Test
  void laterBatchesUpdateTheBucketWithItsFullState() throws Exception {
    start(StreamingConfig.Transform.defaults());
    send(post("a", T0, "great", "en"));
    send(post("b", T0.plusSeconds(5), "awful", "en"), post("c", T0.plusSeconds(6), "ok", "en"));
    assertThat(bucket("all", T0).aggregate().count()).isEqualTo(3);
  }

  @Test
  void postsOfUnscorableLanguagesCountInVolumeOnly() throws Exception {
    start(StreamingConfig.Transform.defaults());
    send(
        post("de", T0, "Ich liebe das, wunderbar great love", "de"),
        post("und", T0.plusSeconds(1), "love it", "und"),
        post("none", T0.plusSeconds(2), "love it", null),
        post("ja", T0.plusSeconds(3), "love love love", "ja-JP"));
    BucketState s = bucket("all", T0);
    assertThat(s.aggregate().count()).isEqualTo(4);
    assertThat(s.aggregate().scored()).isEqualTo(2);
    assertThat(s.mostPositive(5, Set.of()))
        .extracting(ExtremePost::id)
        .containsExactlyInAnyOrder("und", "none");
  }

  @Test
  void postsLaterThanTheWatermarkAreDroppedAndCounted() throws Exception {
    start(new StreamingConfig.Transform(Duration.ofMinutes(2), 5));
    send(post("now", T0.plusSeconds(5 * 60), "good", "en"));
    // this batch runs with the watermark 10:03; Spark judges the next batch's late rows by it
    send(post("probe", T0.plusSeconds(5 * 60 + 1), "good", "en"));
    long watermark =
        Instant.parse(query.lastProgress().eventTime().get("watermark")).toEpochMilli();
    assertThat(watermark).isEqualTo(T0.plusSeconds(3 * 60).toEpochMilli());
    side.drain();
    send(
        post("too-late-1", T0.plusSeconds(60), "good", "en"), // minute 10:01 ends at 10:02 ≤ 10:03
        post("too-late-2", T0.plusSeconds(61), "bad", "en"),
        post("too-late-3", T0.plusSeconds(119), "meh", "en"),
        post("at-the-edge", T0.plusSeconds(120), "good", "en"), // 10:02 ends at 10:03 ≤ 10:03
        post("in-time", T0.plusSeconds(4 * 60), "good", "en")); // minute 10:04 is still open
    assertThat(bucket("all", T0.plusSeconds(60))).isNull();
    assertThat(bucket("all", T0.plusSeconds(120))).isNull();
    assertThat(bucket("all", T0.plusSeconds(4 * 60)).aggregate().count()).isEqualTo(1);
    // Spark counts the late partial states it drops (one per minute here), not posts ...
    long dropped = query.lastProgress().stateOperators()[0].numRowsDroppedByWatermark();
    assertThat(dropped).isEqualTo(2);
    // ... the posts per minute and the previous batch's watermark give the posts
    assertThat(SideOutputs.latePosts(side.drain().postsPerMinute(), watermark)).isEqualTo(4);
  }

  @Test
  void topKIsTheSameWhateverTheArrivalOrderAndTiesBreakByTimeThenId() throws Exception {
    start(new StreamingConfig.Transform(Duration.ofMinutes(2), 2));
    // four equally positive posts: ties broken by createdAt, then id
    send(
        post("d", T0.plusSeconds(3), "Great!", "en"),
        post("b", T0.plusSeconds(1), "Great!", "en"),
        post("c", T0.plusSeconds(1), "Great!", "en"));
    send(post("a", T0.plusSeconds(2), "Great!", "en"), post("x", T0, "Awful!", "en"));
    BucketState s = bucket("all", T0);
    assertThat(s.mostPositive(2, Set.of())).extracting(ExtremePost::id).containsExactly("b", "c");
    assertThat(s.mostNegative(2, Set.of())).extracting(ExtremePost::id).containsExactly("x");
    assertThat(s.mostPositive(2, Set.of()).get(0).compound())
        .isEqualTo(VADER.score("Great!").compound());
  }

  @Test
  void deletedPostsLeaveTheExtremesWithoutRefillSoTheRowDoesNotDependOnTiming() throws Exception {
    start(new StreamingConfig.Transform(Duration.ofMinutes(2), 2));
    send(
        post("best", T0, "I love it, wonderful, amazing!", "en"),
        post("good", T0.plusSeconds(1), "I love it", "en"),
        post("fine", T0.plusSeconds(2), "nice", "en"),
        post("spare", T0.plusSeconds(3), "ok good", "en"));
    BucketState s = bucket("all", T0);
    assertThat(s.mostPositive(2, Set.of()))
        .extracting(ExtremePost::id)
        .containsExactly("best", "good");
    assertThat(s.mostPositive(2, Set.of("best")))
        .extracting(ExtremePost::id)
        .containsExactly("good");
    // a later post cannot bring the deleted one back, and no lower-ranked post moves up
    send(post("later", T0.plusSeconds(4), "meh", "en"));
    assertThat(bucket("all", T0).mostPositive(2, Set.of("best")))
        .extracting(ExtremePost::id)
        .containsExactly("good");
  }

  @Test
  void rejectedRecordsBecomeDeadLettersAndNeverStopTheQuery() throws Exception {
    start(StreamingConfig.Transform.defaults());
    send("not json", "{\"id\":\"x\"}", post("ok", T0, "fine", "en"));
    assertThat(bucket("all", T0).aggregate().count()).isEqualTo(1);
    assertThat(query.isActive()).isTrue();

    send(post("old", Instant.parse("1960-01-01T00:00:00Z"), "fine", "en"));
    List<String> letters = side.drain().deadLetters();
    assertThat(letters).hasSize(3);
    List<DeadLetter> parsed =
        letters.stream().map(l -> EventJson.parseDeadLetter(l).orThrow()).toList();
    assertThat(parsed).allSatisfy(d -> assertThat(d.source()).isEqualTo("streaming"));
    assertThat(parsed.get(0).raw()).isEqualTo("not json");
    assertThat(parsed.get(1).reason()).contains("source");
    assertThat(parsed.get(2).reason()).contains("createdAt");
  }

  @Test
  void histogramEdgesMinusOneZeroAndPlusOneFallInTheirBins() {
    BucketState s = new BucketState();
    for (double c : new double[] {-1.0, 0.0, 1.0, -0.05, 0.05}) {
      PostEvent p = EventJson.parsePost(post("c" + c, T0, "t", "en")).orThrow();
      s.add(new ScoredPost(p, true, c), 5);
    }
    long[] h = s.aggregate().histogram();
    assertThat(h[0]).isEqualTo(1); // -1
    assertThat(h[9]).isEqualTo(1); // -0.05 is in [-0.1, 0)
    assertThat(h[10]).isEqualTo(2); // 0 and 0.05 in [0, 0.1)
    assertThat(h[19]).isEqualTo(1); // +1 is in the last bin
    assertThat(s.aggregate().positive()).isEqualTo(2); // 0.05 and 1
    assertThat(s.aggregate().negative()).isEqualTo(2); // -1 and -0.05
    assertThat(s.aggregate().neutral()).isEqualTo(1);
    assertThat(s.aggregate().sumCompound()).isEqualTo(0.0);
    assertThat(s.aggregate().sumSquares()).isEqualTo(2.005);
  }

  @Test
  void mergingPartialStatesInAnyOrderGivesTheSameBytes() {
    List<ScoredPost> cells = new ArrayList<>();
    String[] texts = {"love", "hate", "meh", "great!!", "awful", "good", "bad"};
    for (int i = 0; i < texts.length; i++) {
      cells.add(
          PostParsing.score(
              EventJson.parsePost(post("m" + i, T0.plusSeconds(i), texts[i], "en", "t"))
                  .orThrow()));
    }
    BucketState a = new BucketState();
    BucketState b = new BucketState();
    for (int i = 0; i < cells.size(); i++) {
      (i < 3 ? a : b).add(cells.get(i), 3);
    }
    BucketState forward = new BucketState().merge(a, 3).merge(b, 3);
    BucketState backward = new BucketState().merge(b, 3).merge(a, 3);
    assertThat(backward.aggregate()).isEqualTo(forward.aggregate());
    assertThat(backward.mostPositive(3, Set.of())).isEqualTo(forward.mostPositive(3, Set.of()));
    assertThat(backward.mostNegative(3, Set.of())).isEqualTo(forward.mostNegative(3, Set.of()));
    assertThat(new String(backward.toBytes(), StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(forward.toBytes(), StandardCharsets.ISO_8859_1));
  }
}
