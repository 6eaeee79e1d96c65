package io.moodstream.streaming;

import static io.moodstream.streaming.MoodTransformTest.assertSameAggregate;
import static io.moodstream.streaming.MoodTransformTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.broker.KafkaBroker;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.PostCodec;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.Step;
import io.moodstream.schema.kafka.KafkaTopics;
import io.moodstream.sentiment.SentimentScorer;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.BucketReader;
import io.moodstream.storage.Extremes;
import io.moodstream.storage.HBaseClients;
import io.moodstream.storage.testing.MiniHBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Table;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The job in this JVM on a real Kafka broker and the HBase mini cluster. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamJobIT {
  private static final SentimentScorer VADER = SentimentScorer.standard();

  /** Two minutes before midnight: the posts cross an hour and a day boundary. */
  private static final Instant T0 = Instant.parse("2026-11-23T23:58:00Z");

  private static final String[] TEXTS = {
    "I love this so much, wonderful!",
    "This is the worst, I hate it.",
    "The train leaves at nine.",
    "Pretty good, thanks :)",
    "Awful service, never again!!",
    "Great game tonight",
    "meh",
    "What a terrible, horrible day",
    "Best news ever!!!",
    "not bad at all"
  };

  @TempDir static Path dir;
  private static KafkaBroker kafka;
  private static HBaseLayout layout;
  private static SparkSession spark;
  private static Map<String, String> env;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaBroker.start(KafkaBroker.Options.defaults(dir.resolve("kafka")));
    ItSupport.createTopics(kafka.bootstrapServers(), 2);
    layout = MiniHBase.layout();
    MiniHBase.truncate(layout);
    env = ItSupport.env(kafka.bootstrapServers(), dir, Map.of());
    spark = StreamJob.session(ItSupport.config(env));
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static void runUntilCaughtUp() throws Exception {
    MoodstreamConfig c = ItSupport.config(env);
    try (StreamJob job = new StreamJob(spark, c, HBaseClients.connect(c))) {
      job.start(true);
      job.runUntilStopped(dir.resolve("stop").toString(), () -> false);
    }
  }

  static List<String> posts() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Instant at = T0.plusSeconds(i * 6L); // 4 minutes: 23:58, 23:59, 00:00, 00:01
      out.add(post("p" + i, at, TEXTS[i % TEXTS.length], "en", i % 2 == 0 ? "apple" : "pear"));
    }
    out.add(post("de1", T0.plusSeconds(3), "Ich liebe es", "de", "apple"));
    return out;
  }

  @Test
  @Order(1)
  void postsBecomeMinuteRowsExtremesAndRollupsEqualToMergingTheirParts() throws Exception {
    // one topic, both encodings: every other post as ingest writes it (binary), the rest as JSON
    List<byte[]> records = new ArrayList<>();
    List<String> posts = posts();
    for (int i = 0; i < posts.size(); i++) {
      String json = posts.get(i);
      records.add(
          i % 2 == 1
              ? PostCodec.encode(EventJson.parsePost(json).orThrow())
              : json.getBytes(StandardCharsets.UTF_8));
    }
    records.add("{\"broken".getBytes(StandardCharsets.UTF_8));
    records.add(post("", T0, "no id", "en").getBytes(StandardCharsets.UTF_8));
    byte[] cut = PostCodec.encode(EventJson.parsePost(posts.get(0)).orThrow());
    records.add(Arrays.copyOf(cut, cut.length - 2)); // a truncated binary record
    ItSupport.sendBytes(kafka.bootstrapServers(), KafkaTopics.POSTS.name(), records);
    runUntilCaughtUp();

    BucketReader reader = new BucketReader(MiniHBase.connection(), layout);
    long from = T0.getEpochSecond() - 86_400;
    long to = T0.getEpochSecond() + 2 * 86_400;
    List<Bucket> minutes = reader.aggregates(Step.MINUTE, "all", from, to);
    assertThat(minutes)
        .as("minute rows")
        .extracting(Bucket::start)
        .containsExactly(
            T0.getEpochSecond(),
            T0.getEpochSecond() + 60,
            T0.getEpochSecond() + 120,
            T0.getEpochSecond() + 180);
    for (Bucket m : minutes) {
      Aggregate expected = Aggregate.EMPTY;
      for (int i = 0; i < 40; i++) {
        long at = T0.getEpochSecond() + i * 6L;
        if (Step.MINUTE.alignDown(at) == m.start()) {
          expected =
              expected.merge(Aggregate.ofScored(VADER.score(TEXTS[i % TEXTS.length]).compound()));
        }
      }
      if (m.start() == T0.getEpochSecond()) {
        expected = expected.merge(Aggregate.ofUnscored()); // the German post
      }
      assertSameAggregate(m.aggregate(), expected, "minute row " + m.start());
    }
    assertThat(reader.aggregates(Step.MINUTE, "apple", from, to)).as("minute rows").hasSize(4);

    // rollups: each hour is the merge of its minutes, each day the merge of its hours
    List<Bucket> hours = reader.aggregates(Step.HOUR, "all", from, to);
    assertThat(hours).as("rollups").hasSize(2);
    for (Bucket h : hours) {
      Aggregate merged = Aggregate.EMPTY;
      for (Bucket m : minutes) {
        if (Step.HOUR.alignDown(m.start()) == h.start()) {
          merged = merged.merge(m.aggregate());
        }
      }
      assertThat(h.aggregate()).as("rollups: hour %s", h.start()).isEqualTo(merged);
    }
    List<Bucket> days = reader.aggregates(Step.DAY, "all", from, to);
    assertThat(days).as("rollups").hasSize(2);
    for (Bucket d : days) {
      Aggregate merged = Aggregate.EMPTY;
      for (Bucket h : hours) {
        if (Step.DAY.alignDown(h.start()) == d.start()) {
          merged = merged.merge(h.aggregate());
        }
      }
      assertThat(d.aggregate()).as("rollups: day %s", d.start()).isEqualTo(merged);
    }
    assertThat(days.stream().mapToLong(d -> d.aggregate().count()).sum())
        .as("rollups")
        .isEqualTo(41);

    // extremes: best first, only clearly positive / negative posts, at most k
    List<Extremes> ext = reader.extremes("all", from, to);
    assertThat(ext).as("extremes").hasSize(4);
    for (Extremes e : ext) {
      assertThat(e.positive())
          .as("extremes")
          .isSortedAccordingTo(ExtremePost.MOST_POSITIVE_FIRST)
          .hasSizeLessThanOrEqualTo(5);
      assertThat(e.negative())
          .as("extremes")
          .isSortedAccordingTo(ExtremePost.MOST_NEGATIVE_FIRST)
          .hasSizeLessThanOrEqualTo(5);
      assertThat(e.positive())
          .as("extremes")
          .allSatisfy(p -> assertThat(p.compound()).isGreaterThanOrEqualTo(0.05));
      assertThat(e.negative())
          .as("extremes")
          .allSatisfy(p -> assertThat(p.compound()).isLessThanOrEqualTo(-0.05));
    }
    assertThat(ext.get(0).positive()).as("extremes").isNotEmpty();

    // the three bad records are on the DLQ, named by the stage that rejected them; the binary one
    // with its bytes in Base64
    List<DeadLetter> letters =
        ItSupport.readAll(kafka.bootstrapServers(), KafkaTopics.DLQ.name()).stream()
            .map(l -> EventJson.parseDeadLetter(l).orThrow())
            .toList();
    assertThat(letters).as("dead letters").hasSize(3);
    assertThat(letters)
        .as("dead letters")
        .allSatisfy(d -> assertThat(d.source()).isEqualTo("streaming"));
    assertThat(letters)
        .as("dead letters")
        .extracting(DeadLetter::raw)
        .contains("{\"broken", PostCodec.readable(Arrays.copyOf(cut, cut.length - 2)));
    assertThat(letters)
        .as("dead letters")
        .anySatisfy(d -> assertThat(d.reason()).startsWith("bad-binary: "));

    JsonNode status = new ObjectMapper().readTree(Files.readString(dir.resolve("status.json")));
    assertThat(status.get("state").asText()).as("status file").isEqualTo("caught-up");
    assertThat(status.get("queries").get("posts").get("batchId").asLong())
        .as("status file")
        .isGreaterThanOrEqualTo(0);
    assertThat(status.get("deadLettersTotal").asLong()).as("status file").isEqualTo(3);
  }

  @Test
  @Order(2)
  void aDeletedPostLeavesItsExtremesRowsAndStaysOut() throws Exception {
    BucketReader reader = new BucketReader(MiniHBase.connection(), layout);
    long minute = T0.getEpochSecond() + 180;
    ExtremePost best = reader.extremes("all", minute, minute + 60).get(0).positive().get(0);
    String topic = Integer.parseInt(best.id().substring(1)) % 2 == 0 ? "apple" : "pear";
    assertThat(reader.extremes(topic, minute, minute + 60).get(0).positive())
        .as("before the delete: the best post is in its topic's extremes")
        .contains(best);

    ItSupport.send(
        kafka.bootstrapServers(),
        KafkaTopics.DELETES.name(),
        List.of(
            "{\"source\":\"synthetic\",\"id\":\"" + best.id() + "\"}", "{\"id\":\"no source\"}"));
    runUntilCaughtUp();
    assertThat(reader.extremes("all", minute, minute + 60).get(0).positive())
        .as("after the delete: extremes")
        .doesNotContain(best);
    assertThat(reader.extremes(topic, minute, minute + 60).get(0).positive())
        .as("after the delete: extremes")
        .doesNotContain(best);
    try (Table refs =
        MiniHBase.connection()
            .getTable(TableName.valueOf(layout.qualified(HBaseLayout.POST_REFS_TABLE)))) {
      assertThat(
              refs.get(new Get(best.id().getBytes(StandardCharsets.UTF_8)))
                  .getValue(HBaseLayout.DELETED_FAMILY, HBaseLayout.DELETED_QUALIFIER))
          .as("after the delete: post_refs marks it deleted")
          .isNotNull();
    }

    // a new post in the same minute rewrites the row from state: the deleted post stays out
    ItSupport.send(
        kafka.bootstrapServers(),
        KafkaTopics.POSTS.name(),
        List.of(post("fresh", Instant.ofEpochSecond(minute + 30), "I adore it, fantastic!", "en")));
    runUntilCaughtUp();
    List<ExtremePost> pos = reader.extremes("all", minute, minute + 60).get(0).positive();
    assertThat(pos)
        .as("new post after the delete")
        .extracting(ExtremePost::id)
        .contains("fresh")
        .doesNotContain(best.id());
    assertThat(
            reader.aggregates(Step.MINUTE, "all", minute, minute + 60).get(0).aggregate().count())
        .as("new post after the delete")
        .isEqualTo(11);
    // the delete with no source went to the DLQ too
    assertThat(ItSupport.readAll(kafka.bootstrapServers(), KafkaTopics.DLQ.name()))
        .as("delete without source")
        .anySatisfy(l -> assertThat(l).contains("no source"));
    assertThat(pos)
        .as("new post after the delete: extremes order")
        .isSortedAccordingTo(Comparator.comparingDouble(ExtremePost::compound).reversed());
  }
}
