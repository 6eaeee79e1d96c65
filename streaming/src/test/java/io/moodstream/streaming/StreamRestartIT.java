package io.moodstream.streaming;

import static io.moodstream.streaming.MoodTransformTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.broker.KafkaBroker;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.Step;
import io.moodstream.schema.kafka.KafkaTopics;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.BucketReader;
import io.moodstream.storage.HBaseClients;
import io.moodstream.storage.testing.MiniHBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once effect: the job killed with SIGKILL (a child JVM) and restarted, or stopped cleanly
 * (SIGTERM, stop file) and restarted, ends with HBase rows identical to an uninterrupted run over
 * the same input.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamRestartIT {
  private static final Instant T0 = Instant.parse("2026-11-24T09:57:00Z");
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
    "not bad at all",
    "so sad today",
    "amazing work team",
    "boring meeting",
    "lol this is funny",
    "I am furious"
  };
  private static final int POSTS = 3000;
  private static final int BAD_RECORDS = 6; // one every 500 posts

  /** Small batches: the kill lands in the middle of many. */
  private static final Map<String, String> SMALL_BATCHES =
      Map.of(
          StreamingConfig.MAX_OFFSETS_PER_TRIGGER.envName(), "200",
          StreamingConfig.TRIGGER_INTERVAL.envName(), "0s");

  @TempDir static Path dir;
  private static KafkaBroker kafka;
  private static HBaseLayout layout;
  private static Map<String, Map<String, String>> uninterrupted;
  private static JsonNode referenceStatus;
  private static List<String> posts;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaBroker.start(KafkaBroker.Options.defaults(dir.resolve("kafka")));
    ItSupport.createTopics(kafka.bootstrapServers(), 2);
    layout = MiniHBase.layout();
    Random random = new Random(42);
    posts = new ArrayList<>();
    for (int i = 0; i < POSTS; i++) {
      // ~1 post per 60 ms of event time over 6 minutes; every 97th is 4 minutes late
      Instant at = T0.plusMillis(i * 60L).minusSeconds(i % 97 == 96 ? 240 : 0);
      String topic = random.nextBoolean() ? "apple" : "pear";
      posts.add(
          post("p" + i, at, TEXTS[random.nextInt(TEXTS.length)], i % 31 == 0 ? "fr" : "en", topic));
      if (i % 500 == 7) {
        posts.add("{\"not\":\"a post\"}");
      }
    }
    ItSupport.send(kafka.bootstrapServers(), KafkaTopics.POSTS.name(), posts);
    List<String> deletes = new ArrayList<>();
    for (int i = 0; i < POSTS; i += 150) {
      deletes.add("{\"source\":\"synthetic\",\"id\":\"p" + i + "\"}");
    }
    ItSupport.send(kafka.bootstrapServers(), KafkaTopics.DELETES.name(), deletes);
  }

  @AfterAll
  static void stop() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Map<String, String> env(String run) {
    return ItSupport.env(kafka.bootstrapServers(), dir.resolve(run), SMALL_BATCHES);
  }

  @Test
  @Order(1)
  void anUninterruptedRunStoresTheReference() throws Exception {
    MiniHBase.truncate(layout);
    Map<String, String> env = env("reference");
    MoodstreamConfig c = ItSupport.config(env);
    SparkSession spark = StreamJob.session(c);
    try (StreamJob job = new StreamJob(spark, c, HBaseClients.connect(c))) {
      job.start(true);
      job.runUntilStopped(dir.resolve("reference/stop").toString(), () -> false);
      // every post is in topic "all": the posts its minutes hold plus the late ones are all posts
      long stored = 0;
      try (Connection hbase = HBaseClients.connect(c)) {
        for (Bucket b :
            new BucketReader(hbase, layout)
                .aggregates(
                    Step.MINUTE,
                    PostEvent.ALL,
                    T0.minusSeconds(3600).getEpochSecond(),
                    T0.plusSeconds(3600).getEpochSecond())) {
          stored += b.aggregate().count();
        }
      }
      // every post is read once: the stored ones plus the late ones are all of them
      Totals totals = job.progress().totals();
      assertThat(totals.latePosts()).isGreaterThan(0).isEqualTo(POSTS - stored);
      assertThat(totals.posts()).isEqualTo(POSTS);
      assertThat(totals.deadLetters()).isEqualTo(BAD_RECORDS);
      referenceStatus = status(dir.resolve("reference"));
      assertThat(referenceStatus.get("latePostsTotal").asLong()).isEqualTo(totals.latePosts());
    } finally {
      spark.stop();
    }
    uninterrupted = ItSupport.snapshot(layout);
    assertThat(uninterrupted.get("agg_1m")).hasSizeGreaterThan(10);
    assertThat(uninterrupted.get("agg_1h")).isNotEmpty();
    assertThat(uninterrupted.get("extremes_1m")).isNotEmpty();
    assertThat(uninterrupted.get("post_refs").keySet()).anyMatch(k -> k.contains(" d:"));
  }

  @Test
  @Order(2)
  void aJobKilledWithSigkillAndRestartedEndsWithTheSameRows() throws Exception {
    MiniHBase.truncate(layout);
    Path run = Files.createDirectories(dir.resolve("killed"));
    Path logs = Files.createDirectories(Path.of("target", "it-logs", "killed"));
    Map<String, String> env = env("killed");
    Process first = ItSupport.startChild(env, run, logs.resolve("first.log"), "--until-caught-up");
    awaitCommits(run, 3, first, logs);
    assertThat(first.isAlive()).as("still working when killed").isTrue();
    first.destroyForcibly(); // SIGKILL
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isEqualTo(137);
    assertThat(ItSupport.snapshot(layout)).isNotEqualTo(uninterrupted);

    Process second =
        ItSupport.startChild(env, run, logs.resolve("second.log"), "--until-caught-up");
    assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(second.exitValue()).as(log(logs.resolve("second.log"))).isZero();
    assertThat(ItSupport.snapshot(layout)).isEqualTo(uninterrupted);
    // the totals come from the job's state: the killed batch's replay counted nothing twice
    assertSameTotals(status(run), referenceStatus);
  }

  private static JsonNode status(Path run) throws IOException {
    return new ObjectMapper().readTree(Files.readString(run.resolve("status.json")));
  }

  private static void assertSameTotals(JsonNode actual, JsonNode expected) {
    for (String total : List.of("postsTotal", "latePostsTotal", "deadLettersTotal")) {
      assertThat(actual.get(total).asLong()).as(total).isEqualTo(expected.get(total).asLong());
    }
  }

  @Test
  @Order(3)
  void aCleanStopLetsTheRunningBatchCommitAndARestartEndsWithTheSameRows() throws Exception {
    MiniHBase.truncate(layout);
    Path run = Files.createDirectories(dir.resolve("stopped"));
    Path logs = Files.createDirectories(Path.of("target", "it-logs", "stopped"));
    Map<String, String> env = env("stopped");

    Process first = ItSupport.startChild(env, run, logs.resolve("first.log"), "run");
    awaitCommits(run, 2, first, logs);
    long sigterm = System.nanoTime();
    first.destroy(); // SIGTERM
    assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - sigterm)).isLessThan(Duration.ofSeconds(30));
    assertThat(Files.readString(logs.resolve("first.log"))).contains("stop requested");
    assertEveryPlannedBatchCommitted(run);

    Process second = ItSupport.startChild(env, run, logs.resolve("second.log"));
    awaitRunning(run.resolve("status.json"), second);
    Files.writeString(run.resolve("stop"), "stop\n"); // what `./moodstream stream stop` writes
    assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(log(logs.resolve("second.log"))).isZero();
    assertEveryPlannedBatchCommitted(run);
    assertThat(Files.exists(run.resolve("stop"))).isFalse();

    Process third = ItSupport.startChild(env, run, logs.resolve("third.log"), "--until-caught-up");
    assertThat(third.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(third.exitValue()).as(log(logs.resolve("third.log"))).isZero();
    assertThat(ItSupport.snapshot(layout)).isEqualTo(uninterrupted);
    assertSameTotals(status(run), referenceStatus);
  }

  @Test
  @Order(4)
  void theSamePostsSentAgainLeaveEveryCellAsASingleSendDid() throws Exception {
    MiniHBase.truncate(layout);
    Map<String, String> env = env("twice");
    MoodstreamConfig c = ItSupport.config(env);
    // the single send, in the reference's batches (same topic contents, same offsets)
    runUntilCaughtUp(c, "twice");
    assertThat(ItSupport.snapshot(layout)).isEqualTo(uninterrupted);

    // then every post again, as an archive replayed twice or ingest restarted from the start
    // after kill -9: each copy is a duplicate of its still-open minute, or late (minute closed)
    ItSupport.send(kafka.bootstrapServers(), KafkaTopics.POSTS.name(), posts);
    ProgressReporter second = runUntilCaughtUp(c, "twice");
    assertThat(second.duplicatePostsThisRun()).isPositive();
    assertThat(second.totals().posts()).isEqualTo(2L * POSTS);
    assertThat(second.totals().deadLetters()).isEqualTo(2L * BAD_RECORDS);
    assertThat(second.duplicatePostsThisRun() + second.totals().latePosts())
        .isEqualTo(POSTS + referenceStatus.get("latePostsTotal").asLong());
    assertThat(ItSupport.snapshot(layout)).isEqualTo(uninterrupted);
  }

  /** Runs the job in this JVM until caught up; its progress reporter, for its counts. */
  private static ProgressReporter runUntilCaughtUp(MoodstreamConfig c, String run)
      throws Exception {
    SparkSession spark = StreamJob.session(c);
    try (StreamJob job = new StreamJob(spark, c, HBaseClients.connect(c))) {
      job.start(true);
      job.runUntilStopped(dir.resolve(run + "/stop").toString(), () -> false);
      return job.progress();
    } finally {
      spark.stop();
    }
  }

  /**
   * After a clean stop each query has committed every batch it ran; at most the one batch planned
   * after the stop request (parked before writing anything) is left to replay.
   */
  private static void assertEveryPlannedBatchCommitted(Path run) throws IOException {
    for (String q : List.of("posts", "deletes")) {
      Path cp = run.resolve("checkpoint").resolve(q);
      assertThat(count(cp.resolve("offsets")) - count(cp.resolve("commits")))
          .as(q)
          .isBetween(0L, 1L);
    }
  }

  private static void awaitCommits(Path run, long n, Process p, Path logs) throws Exception {
    Path commits = run.resolve("checkpoint/posts/commits");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (count(commits) < n) {
      assertThat(p.isAlive()).as("job died: " + log(logs.resolve("first.log"))).isTrue();
      assertThat(System.nanoTime()).as("no %d commits within 3 minutes", n).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** Waits until the job's status file says it runs (its queries started and made progress). */
  private static void awaitRunning(Path status, Process p) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!Files.exists(status) || !Files.readString(status).contains("\"running\"")) {
      assertThat(p.isAlive()).as("job died").isTrue();
      assertThat(System.nanoTime()).as("not running within 2 minutes").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  static long count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().matches("\\d+")).count();
    }
  }

  private static String log(Path log) {
    try {
      String s = Files.readString(log);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
