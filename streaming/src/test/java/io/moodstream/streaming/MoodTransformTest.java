package io.moodstream.streaming;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.sentiment.SentimentScorer;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.spark.MapOutputTrackerMaster;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.shuffle.FetchFailedException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.assertj.core.util.DoubleComparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/** The transformation on a MemoryStream: no Kafka, no HBase. */
class MoodTransformTest {
  private static final SentimentScorer VADER = SentimentScorer.standard();
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  /** The Kafka append time the tests give their records unless they say otherwise. */
  static final Instant APPENDED = T0.plus(Duration.ofHours(1));

  private static SparkSession spark;

  /** The latest state of every (topic, minute) the query emitted, as the HBase sink would hold. */
  static final Map<String, BucketState> SINK = new ConcurrentHashMap<>();

  /** Every batch's outputs, in order. */
  static final List<MoodTransform.Batch> BATCHES = new CopyOnWriteArrayList<>();

  private MemoryStream<Tuple2<String, Timestamp>> input;
  private StreamingQuery query;

  @BeforeAll
  static void spark() {
    // the job's own session settings (no no-data batches, which changes when watermarks move);
    // local[2,4]: a failed task is retried (up to 4 attempts), as on a cluster
    spark =
        StreamJob.session(
            MoodstreamConfig.load(
                StreamingConfig.KEYS,
                Map.of(
                    StreamingConfig.SPARK_MASTER.envName(), "local[2,4]",
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
    BATCHES.clear();
  }

  @AfterEach
  void stopQuery() throws Exception {
    if (query != null) {
      query.stop();
    }
  }

  /** The default watermark and clock skew, keeping {@code k} extremes. */
  private static StreamingConfig.Transform transform(int k) {
    return new StreamingConfig.Transform(
        StreamingConfig.WATERMARK.defaultValue(),
        k,
        CommonConfig.POSTS_MAX_CLOCK_SKEW.defaultValue());
  }

  private void start(StreamingConfig.Transform t) throws Exception {
    start(t, null, UnaryOperator.identity());
  }

  private void start(
      StreamingConfig.Transform t, Path checkpoint, UnaryOperator<Dataset<Row>> around)
      throws Exception {
    start(t, checkpoint, UnaryOperator.identity(), around);
  }

  /**
   * Starts the transformation on a (new, unless {@code checkpoint} resumes one) MemoryStream of two
   * partitions; {@code before} may wrap its input and {@code around} its output (to inject
   * failures).
   */
  private void start(
      StreamingConfig.Transform t,
      Path checkpoint,
      UnaryOperator<Dataset<Row>> before,
      UnaryOperator<Dataset<Row>> around)
      throws Exception {
    if (input == null || checkpoint == null) {
      input =
          new MemoryStream<>(
              1,
              spark.sqlContext(),
              Option.apply(2),
              Encoders.tuple(Encoders.STRING(), Encoders.TIMESTAMP()));
    }
    Dataset<Row> records =
        before.apply(input.toDF().select(col("_1").as("value"), col("_2").as("timestamp")));
    var writer =
        around
            .apply(MoodTransform.outputs(records, t))
            .writeStream()
            .outputMode(OutputMode.Update())
            .foreachBatch(
                (VoidFunction2<Dataset<Row>, Long>)
                    (df, id) -> {
                      MoodTransform.Batch b = MoodTransform.Batch.of(df.collectAsList());
                      for (MoodTransform.BucketRow r : b.buckets()) {
                        SINK.put(r.topic() + "@" + r.minute(), r.state());
                      }
                      BATCHES.add(b);
                    });
    if (checkpoint != null) {
      writer = writer.option("checkpointLocation", checkpoint.toString());
    }
    query = writer.start();
  }

  private void send(String... json) {
    sendAt(APPENDED, json);
  }

  /** One batch of records appended to Kafka at {@code appended}. */
  private void sendAt(Instant appended, String... json) {
    List<Tuple2<String, Timestamp>> rows = new ArrayList<>();
    for (String j : json) {
      rows.add(new Tuple2<>(j, Timestamp.from(appended)));
    }
    input.addData(JavaConverters.asScalaBuffer(rows));
    query.processAllAvailable();
  }

  private static MoodTransform.Batch last() {
    return BATCHES.get(BATCHES.size() - 1);
  }

  private long watermarkOfLastBatch() {
    return Instant.parse(query.lastProgress().eventTime().get("watermark")).toEpochMilli();
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
    start(transform(5));
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
    assertSameAggregate(all, expectedAll, "all");
    assertSameAggregate(bucket("apple", T0).aggregate(), expectedApple, "apple");
    assertThat(bucket("pear", T0).aggregate().count()).isEqualTo(2);
    assertThat(bucket("apple", T0.plusSeconds(60)).aggregate().count()).isEqualTo(1);
    assertThat(all.positive() + all.neutral() + all.negative()).isEqualTo(5);
    assertThat(all.neutral()).isEqualTo(1); // the bus timetable
  }

  /**
   * {@code actual} is {@code expected} field by field (the histogram by its counts), the two sums
   * to 1e-9: they add the same scores in another order.
   */
  static void assertSameAggregate(Aggregate actual, Aggregate expected, String what) {
    assertThat(actual)
        .as(what)
        .usingRecursiveComparison()
        .withComparatorForType(new DoubleComparator(1e-9), Double.class)
        .isEqualTo(expected);
  }

  @Test
  void laterBatchesUpdateTheBucketWithItsFullState() throws Exception {
    start(transform(5));
    send(post("a", T0, "great", "en"));
    send(post("b", T0.plusSeconds(5), "awful", "en"), post("c", T0.plusSeconds(6), "ok", "en"));
    assertThat(bucket("all", T0).aggregate().count()).isEqualTo(3);
  }

  @Test
  void postsOfUnscorableLanguagesCountInVolumeOnly() throws Exception {
    start(transform(5));
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
  void postsOfMinutesClosedByTheWatermarkAreDroppedAndCountedExactly() throws Exception {
    start(transform(5));
    send(
        post("now", T0.plusSeconds(5 * 60), "good", "en"),
        post("open", T0.plusSeconds(125), "ok", "en"));
    assertThat(bucket("all", T0.plusSeconds(120)).aggregate().count()).isEqualTo(1);
    // this batch runs with the watermark 10:05 − 2 min = 10:03: minutes ending by then are closed
    send(
        post("too-late-1", T0.plusSeconds(60), "good", "en"), // minute 10:01 ends at 10:02 ≤ 10:03
        post("too-late-2", T0.plusSeconds(61), "bad", "en"),
        post("too-late-3", T0.plusSeconds(119), "meh", "en"),
        post("at-the-edge", T0.plusSeconds(120), "good", "en"), // 10:02 ends at 10:03 ≤ 10:03
        post("in-time", T0.plusSeconds(4 * 60), "good", "en")); // minute 10:04 is still open
    assertThat(watermarkOfLastBatch()).isEqualTo(T0.plusSeconds(3 * 60).toEpochMilli());
    assertThat(bucket("all", T0.plusSeconds(60))).isNull();
    // the closed minute keeps what it had: its late post is not added
    assertThat(bucket("all", T0.plusSeconds(120)).aggregate().count()).isEqualTo(1);
    assertThat(bucket("all", T0.plusSeconds(4 * 60)).aggregate().count()).isEqualTo(1);
    assertThat(last().batch().latePosts()).isEqualTo(4);
    assertThat(last().totals().latePosts()).isEqualTo(4);
    assertThat(last().totals().posts()).isEqualTo(7);
  }

  @Test
  void topKIsTheSameWhateverTheArrivalOrderAndTiesBreakByTimeThenId() throws Exception {
    start(transform(2));
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
    start(transform(2));
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
    start(transform(5));
    send("not json", "{\"id\":\"x\"}", post("ok", T0, "fine", "en"));
    assertThat(bucket("all", T0).aggregate().count()).isEqualTo(1);
    assertThat(query.isActive()).isTrue();

    send(post("old", Instant.parse("1960-01-01T00:00:00Z"), "fine", "en"));
    List<String> letters = new ArrayList<>();
    BATCHES.forEach(b -> letters.addAll(b.deadLetters()));
    assertThat(letters).hasSize(3);
    List<DeadLetter> parsed =
        letters.stream().map(l -> EventJson.parseDeadLetter(l).orThrow()).toList();
    assertThat(parsed).allSatisfy(d -> assertThat(d.source()).isEqualTo("streaming"));
    assertThat(parsed).extracting(DeadLetter::raw).contains("not json");
    assertThat(parsed).anySatisfy(d -> assertThat(d.reason()).contains("source"));
    assertThat(parsed).anySatisfy(d -> assertThat(d.reason()).contains("createdAt"));
    assertThat(last().totals().deadLetters()).isEqualTo(3);
    assertThat(last().totals().futureCreatedAt()).isZero();
  }

  @Test
  void aPostDatedInTheFutureIsADeadLetterAndChangesNothingElse() throws Exception {
    start(new StreamingConfig.Transform(Duration.ofMinutes(2), 5, Duration.ofMinutes(5)));
    Instant now = T0.plusSeconds(5 * 60 + 30);
    sendAt(
        now,
        post("a", T0.plusSeconds(5 * 60), "good", "en"),
        post("b", T0.plusSeconds(200), "bad", "en"));
    String future = post("2100", Instant.parse("2100-01-01T00:00:00Z"), "I love the future", "en");
    sendAt(now, future, post("c", T0.plusSeconds(5 * 60 + 10), "good", "en"));
    // had the 2100 post moved the watermark, this post of an open minute would be late
    sendAt(now, post("d", T0.plusSeconds(4 * 60), "great", "en"));

    assertThat(watermarkOfLastBatch())
        .isEqualTo(T0.plusSeconds(5 * 60 + 10).minusSeconds(120).toEpochMilli());
    assertThat(bucket("all", T0.plusSeconds(4 * 60)).aggregate().count()).isEqualTo(1);
    assertThat(bucket("all", T0.plusSeconds(5 * 60)).aggregate().count()).isEqualTo(2);
    assertThat(SINK.keySet())
        .noneMatch(k -> k.endsWith("@" + Instant.parse("2100-01-01T00:00:00Z").getEpochSecond()));
    assertThat(last().totals().latePosts()).isZero();
    assertThat(last().totals().futureCreatedAt()).isEqualTo(1);
    assertThat(last().totals().deadLetters()).isEqualTo(1);
    DeadLetter d =
        BATCHES.stream()
            .flatMap(b -> b.deadLetters().stream())
            .map(l -> EventJson.parseDeadLetter(l).orThrow())
            .findFirst()
            .orElseThrow();
    assertThat(d.reason())
        .startsWith(
            "future-created-at: field 'createdAt' is 2100-01-01T00:00:00Z, more than 5m after its Kafka append time");
    assertThat(d.raw()).contains("\"id\":\"2100\"");
  }

  @Test
  void aPostSentAgainIsCountedOnceWithinAPartialAcrossPartialsAndAcrossBatches() throws Exception {
    start(transform(5));
    String a = post("1001", T0.plusSeconds(1), "I love it", "en", "apple");
    String b = post("at://did:plc:x/app.bsky.feed.post/3k", T0.plusSeconds(2), "awful", "en");
    String c = post("1003", T0.plusSeconds(3), "fine", "en", "apple");
    send(a, b, c);
    Aggregate once = bucket("all", T0).aggregate();
    Aggregate appleOnce = bucket("apple", T0).aggregate();
    assertThat(once.count()).isEqualTo(3);

    // the same posts again, twice each in one batch over two partitions, and a new one
    send(a, b, c, c, b, a, post("1004", T0.plusSeconds(4), "good", "en"));
    assertThat(bucket("all", T0).aggregate().count()).isEqualTo(4);
    assertThat(bucket("apple", T0).aggregate()).isEqualTo(appleOnce);
    assertThat(last().duplicatePosts()).isEqualTo(6);
    assertThat(last().batch().posts()).isEqualTo(7); // records: 1 counted + 6 duplicates
    assertThat(last().totals().posts()).isEqualTo(10);

    // only duplicates: nothing changes, nothing is emitted
    send(a, b);
    assertThat(last().buckets()).isEmpty();
    assertThat(last().duplicatePosts()).isEqualTo(2);
    assertThat(bucket("all", T0).aggregate().count()).isEqualTo(4);
    assertThat(bucket("all", T0).aggregate().scored()).isEqualTo(4);
    assertThat(once.count()).isEqualTo(3);
  }

  @Test
  void aRestartedQueryStillKnowsWhichPostsItCounted(@TempDir Path dir) throws Exception {
    StreamingConfig.Transform t = transform(5);
    Path checkpoint = dir.resolve("checkpoint");
    start(t, checkpoint, UnaryOperator.identity());
    String a = post("2001", T0.plusSeconds(1), "I love it", "en");
    String b = post("2002", T0.plusSeconds(2), "awful", "en");
    send(a, b);
    query.stop();

    start(t, checkpoint, UnaryOperator.identity()); // same input, same checkpoint: state restored
    send(b, a, post("2003", T0.plusSeconds(3), "good", "en"));
    assertThat(bucket("all", T0).aggregate().count()).isEqualTo(3);
    assertThat(last().duplicatePosts()).isEqualTo(2);
    assertThat(last().totals().posts()).isEqualTo(5); // totals came back from the checkpoint
  }

  /** Armed by a test: the next task of a first stage attempt fails with a fetch failure. */
  static final AtomicBoolean FETCH_FAIL = new AtomicBoolean();

  /** Armed by a test: the next first attempt of a task fails after reading two records. */
  static final AtomicBoolean TASK_FAIL = new AtomicBoolean();

  static final AtomicInteger INJECTED = new AtomicInteger();

  /**
   * Downstream of the shuffle: a fetch failure, as when an executor holding map output is lost.
   * Spark then drops that executor's map output, runs the map stage (reading, parsing, partials)
   * again, then this stage.
   */
  static final class FetchFailOnce implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws Exception {
      TaskContext tc = TaskContext.get();
      if (tc.stageAttemptNumber() == 0 && FETCH_FAIL.compareAndSet(true, false)) {
        MapOutputTrackerMaster tracker = (MapOutputTrackerMaster) SparkEnv.get().mapOutputTracker();
        int shuffle = 0; // local mode: the latest shuffle registered is this batch's
        for (Object id : JavaConverters.setAsJavaSet(tracker.shuffleStatuses().keySet())) {
          shuffle = Math.max(shuffle, (Integer) id);
        }
        INJECTED.incrementAndGet();
        throw new FetchFailedException(
            SparkEnv.get().blockManager().blockManagerId(),
            shuffle,
            0L,
            0,
            tc.partitionId(),
            "injected by MoodTransformTest",
            null);
      }
      return rows;
    }
  }

  /** Upstream of the partials: a task's first attempt dies halfway through its partition. */
  static final class FailFirstAttemptHalfway implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      boolean fail = TaskContext.get().attemptNumber() == 0 && TASK_FAIL.compareAndSet(true, false);
      return new Iterator<>() {
        int read;

        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          if (fail && ++read > 2) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected by MoodTransformTest");
          }
          return rows.next();
        }
      };
    }
  }

  /** Stages Spark submitted again (attempt ≥ 1) since the listener was added. */
  static final class Resubmissions extends SparkListener {
    final List<String> stages = new CopyOnWriteArrayList<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
      if (e.stageInfo().attemptNumber() > 0) {
        stages.add(e.stageInfo().stageId() + "." + e.stageInfo().attemptNumber());
      }
    }
  }

  /** One batch after warm-up: 3 dead letters, 3 late posts, 2 posts of an open minute. */
  private void sendTheFaultyBatch() {
    send(
        "not json",
        post("x-late-1", T0.plusSeconds(60), "good", "en"),
        "{\"id\":\"x\"}",
        post("x-late-2", T0.plusSeconds(61), "bad", "en"),
        post("x-in-time", T0.plusSeconds(240), "good", "en"),
        "also not json",
        post("x-late-3", T0.plusSeconds(62), "bad", "en"),
        post("x-in-time-2", T0.plusSeconds(241), "good", "en"));
  }

  private static void assertTheFaultyBatchCountedExactly() {
    MoodTransform.Batch b = last();
    assertThat(b.deadLetters()).hasSize(3);
    assertThat(b.batch()).isEqualTo(new Totals(5, 3, 3, 0));
    assertThat(b.totals()).isEqualTo(new Totals(7, 3, 3, 0));
    assertThat(bucket("all", T0.plusSeconds(240)).aggregate().count()).isEqualTo(3);
  }

  @Test
  void countsStayExactWhenALostExecutorMakesSparkRunTheMapStageAgain() throws Exception {
    // The accumulator code this replaced counted 6 dead letters and 6 late posts here.
    Resubmissions resubmitted = new Resubmissions();
    spark.sparkContext().addSparkListener(resubmitted);
    try {
      start(
          transform(5),
          null,
          out -> out.mapPartitions(new FetchFailOnce(), Encoders.row(out.schema())));
      send(
          post("now", T0.plusSeconds(5 * 60), "good", "en"),
          post("open", T0.plusSeconds(250), "ok", "en"));
      INJECTED.set(0);
      FETCH_FAIL.set(true);
      sendTheFaultyBatch();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertThat(INJECTED.get()).isEqualTo(1);
      assertThat(resubmitted.stages)
          .as("the map stage and this stage ran again")
          .hasSizeGreaterThanOrEqualTo(2);
      assertTheFaultyBatchCountedExactly();
    } finally {
      FETCH_FAIL.set(false);
      spark.sparkContext().removeSparkListener(resubmitted);
    }
  }

  @Test
  void countsStayExactWhenATaskFailsHalfwayAndIsRetried() throws Exception {
    start(
        transform(5),
        null,
        in -> in.mapPartitions(new FailFirstAttemptHalfway(), Encoders.row(in.schema())),
        UnaryOperator.identity());
    send(
        post("now", T0.plusSeconds(5 * 60), "good", "en"),
        post("open", T0.plusSeconds(250), "ok", "en"));
    INJECTED.set(0);
    TASK_FAIL.set(true);
    try {
      sendTheFaultyBatch();
    } finally {
      TASK_FAIL.set(false);
    }
    assertThat(INJECTED.get()).isEqualTo(1);
    assertTheFaultyBatchCountedExactly();
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
}
