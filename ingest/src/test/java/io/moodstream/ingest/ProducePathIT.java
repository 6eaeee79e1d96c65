package io.moodstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.broker.KafkaBroker;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.ingest.core.RecordingSink;
import io.moodstream.ingest.core.SourcePost;
import io.moodstream.ingest.core.TopicMatcher;
import io.moodstream.ingest.kafka.Kafka;
import io.moodstream.ingest.kafka.KafkaEventSink;
import io.moodstream.ingest.kafka.TestSpools;
import io.moodstream.ingest.source.synthetic.SyntheticPosts;
import io.moodstream.ingest.source.synthetic.SyntheticSource;
import io.moodstream.schema.ApplyReport;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.PostCodec;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Reject;
import io.moodstream.schema.event.Source;
import io.moodstream.schema.kafka.KafkaTopicApplier;
import io.moodstream.schema.kafka.KafkaTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducePathIT {
  @TempDir Path dir;

  @Test
  void syntheticPostsArriveOnKafkaKeyedByIdAndEqualToWhatWasGenerated() throws Exception {
    KafkaBroker kafka = Kafka.broker();
    Map<String, String> env = Kafka.env(kafka.bootstrapServers(), dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = {
      "--source",
      "synthetic",
      "--seed",
      "11",
      "--rate",
      "5",
      "--topics",
      "coffee,climate change",
      "--from",
      "2026-03-01T00:00:00Z",
      "--to",
      "2026-03-01T00:10:00Z"
    };
    int code =
        IngestMain.run(
            args,
            keys -> MoodstreamConfig.load(keys, env, null),
            new Lifecycle(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("posts produced", "0 spooled");
    assertThat(Files.readString(dir.resolve("status.json")))
        .contains("\"state\":\"done\"", "synthetic/posts");

    // the same run into memory
    RecordingSink expected = new RecordingSink();
    TopicMatcher m = TopicMatcher.of(List.of("coffee", "climate change"));
    new SyntheticSource(
            new SyntheticPosts(11, m.topics()),
            5,
            false,
            Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-03-01T00:10:00Z"),
            0,
            Clock.systemUTC())
        .run(
            new Ingestor(Source.SYNTHETIC, m, expected, new Metrics(), Clock.systemUTC()),
            new Lifecycle());
    Set<String> ids = expected.posts.stream().map(PostEvent::id).collect(Collectors.toSet());
    assertThat(ids).hasSizeGreaterThan(500);

    List<ConsumerRecord<byte[], byte[]>> got =
        Kafka.readKeys(kafka.bootstrapServers(), KafkaTopics.POSTS.name(), ids, ids.size());
    assertThat(got).hasSize(ids.size());
    Set<PostEvent> consumed = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : got) {
      assertThat(PostCodec.isBinary(r.value())).as("posts are binary by default").isTrue();
      PostEvent p = PostCodec.decode(r.value()).orThrow();
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(p.id());
      consumed.add(p);
    }
    assertThat(consumed).isEqualTo(new HashSet<>(expected.posts));
  }

  @Test
  void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndSource() throws Exception {
    KafkaBroker kafka = Kafka.broker();
    MoodstreamConfig config = Kafka.config(Kafka.env(kafka.bootstrapServers(), dir));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      new KafkaTopicApplier(admin, 30_000).apply(config);
    }
    Metrics metrics = new Metrics();
    String marker = "dlq-" + System.nanoTime();
    try (KafkaEventSink sink =
        KafkaEventSink.create(config, TestSpools.of(dir), metrics, "replay")) {
      Ingestor in =
          new Ingestor(Source.REPLAY, TopicMatcher.of(List.of()), sink, metrics, Clock.systemUTC());
      in.reject("{\"broken\": " + marker, Reject.malformed("Unexpected end-of-input"), null);
      in.post(
          new SourcePost(
              marker, Instant.now(), "x".repeat(1_048_576), "en", "u", "h", null, List.of()),
          () -> "{\"id_str\":\"" + marker + "\",\"text\":\"" + "x".repeat(1_048_576) + "\"}");
      sink.flush();
    }
    List<ConsumerRecord<byte[], byte[]>> got =
        Kafka.read(
            kafka.bootstrapServers(),
            KafkaTopics.DLQ.name(),
            r -> new String(r.value(), StandardCharsets.UTF_8).contains(marker),
            l -> l.size() >= 2,
            Duration.ofSeconds(60));
    assertThat(got).hasSize(2);
    DeadLetter malformed =
        EventJson.parseDeadLetter(new String(got.get(0).value(), StandardCharsets.UTF_8)).orThrow();
    assertThat(malformed.reason()).startsWith("record is not valid JSON");
    assertThat(malformed.source()).isEqualTo("replay");
    assertThat(got.get(0).key()).isNull();
    DeadLetter big =
        EventJson.parseDeadLetter(new String(got.get(1).value(), StandardCharsets.UTF_8)).orThrow();
    assertThat(big.reason()).contains("field 'text' is 1048576 characters", "truncated");
    assertThat(new String(got.get(1).key(), StandardCharsets.UTF_8)).isEqualTo(marker);
    assertThat(metrics.get("replay", "dlq.malformed-json")).isEqualTo(1);
    assertThat(metrics.get("replay", "dlq.text-too-long")).isEqualTo(1);
  }

  @Test
  void aReplayOfAMixedFileSendsPostsDeletesAndDeadLettersToTheirTopics() throws Exception {
    KafkaBroker kafka = Kafka.broker();
    Map<String, String> env = Kafka.env(kafka.bootstrapServers(), dir);
    env.put("MOODSTREAM_INGEST_KAFKA_POST_FORMAT", "json"); // for consumers that read JSON
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        IngestMain.run(
            new String[] {
              "replay",
              "--speed",
              "max",
              "--topics",
              "coffee",
              "src/test/resources/replay/v1-mixed.jsonl"
            },
            keys -> MoodstreamConfig.load(keys, env, null),
            new Lifecycle(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String summary = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(summary)
        .contains("10 read, 2 posts produced, 1 deletes")
        .contains(
            "dead letters: 5 (invalid-field 1, invalid-utf8 1, malformed-json 1, missing-field 2)")
        .contains("skipped:      2 (notice.limit 1, notice.scrub_geo 1)");
    var posts =
        Kafka.readKeys(
            kafka.bootstrapServers(), KafkaTopics.POSTS.name(), Set.of("1050296000000000001"), 1);
    assertThat(posts.get(0).value()[0]).isEqualTo((byte) '{');
    assertThat(EventJson.parsePost(posts.get(0).value()).orThrow().topics()).containsExactly("all");
    var deletes =
        Kafka.readKeys(
            kafka.bootstrapServers(), KafkaTopics.DELETES.name(), Set.of("1050118621198921728"), 1);
    assertThat(EventJson.parseDelete(deletes.get(0).value()).orThrow().source().wireName())
        .isEqualTo("replay");
    var dead =
        Kafka.read(
            kafka.bootstrapServers(),
            KafkaTopics.DLQ.name(),
            r ->
                new String(r.value(), StandardCharsets.UTF_8).contains("bad time")
                    || new String(r.value(), StandardCharsets.UTF_8).contains("unterminated"),
            l -> l.size() >= 2,
            Duration.ofSeconds(30));
    assertThat(dead).hasSize(2);
    assertThat(dead)
        .extracting(
            r ->
                EventJson.parseDeadLetter(new String(r.value(), StandardCharsets.UTF_8))
                    .orThrow()
                    .reason())
        .anyMatch(r -> r.contains("created_at"))
        .anyMatch(r -> r.startsWith("record is not valid JSON"));
  }

  @Test
  void topicCreationIsIdempotent() throws Exception {
    KafkaBroker kafka = Kafka.broker();
    MoodstreamConfig config = Kafka.config(Kafka.env(kafka.bootstrapServers(), dir));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      KafkaTopicApplier a = new KafkaTopicApplier(admin, 30_000);
      a.apply(config);
      ApplyReport again = a.apply(config);
      assertThat(again.upToDate()).isTrue();
      assertThat(again.describe()).isEqualTo("Kafka topics: no changes");
      assertThat(admin.listTopics().names().get())
          .containsAll(KafkaTopics.ALL.stream().map(KafkaTopics.Topic::name).toList());
      assertThat(postsPartitions(admin)).isEqualTo(4);
    }
  }

  @Test
  void aPartitionCountDiffersFromTheConfigurationOnlyWhenItIsConfigured() throws Exception {
    // its own broker: the shared one's topics have the default count, which other tests assert
    try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.Options.defaults(dir.resolve("kb")))) {
      Map<String, String> env = Kafka.env(kafka.bootstrapServers(), dir);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        KafkaTopicApplier a = new KafkaTopicApplier(admin, 30_000);
        Map<String, String> two = new HashMap<>(env);
        two.put("MOODSTREAM_KAFKA_TOPIC_POSTS_PARTITIONS", "2"); // as up's stack on 2 cores
        a.apply(Kafka.config(two));

        // a command with the default count (4) leaves the topic as is, and says nothing of it
        assertThat(a.apply(Kafka.config(env)).notes()).isEmpty();

        Map<String, String> three = new HashMap<>(env);
        three.put("MOODSTREAM_KAFKA_TOPIC_POSTS_PARTITIONS", "3");
        assertThat(a.apply(Kafka.config(three)).notes())
            .containsExactly("moodstream.posts has 2 partitions, configured 3 (left as is)");
        assertThat(postsPartitions(admin)).isEqualTo(2);
      }
    }
  }

  private static int postsPartitions(Admin admin) throws Exception {
    String posts = KafkaTopics.POSTS.name();
    return admin
        .describeTopics(List.of(posts))
        .allTopicNames()
        .get()
        .get(posts)
        .partitions()
        .size();
  }

  @Test
  void aTruncatedArchiveDeliversItsReadablePartAndExitsThreeNamingTheDamage() throws Exception {
    KafkaBroker kafka = Kafka.broker();
    Path state = dir.resolve("state-damaged");
    Map<String, String> env = Kafka.env(kafka.bootstrapServers(), state);
    // 600 statuses with unique ids, in 100 kB bzip2 blocks; cut inside the third quarter
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    io.moodstream.ingest.source.replay.V1Generator.write(
        raw, 977, 600, Instant.parse("2013-08-03T12:00:00Z"), 7);
    ByteArrayOutputStream bz = new ByteArrayOutputStream();
    try (var z =
        new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(bz, 1)) {
      z.write(raw.toByteArray());
    }
    byte[] all = bz.toByteArray();
    Path f = dir.resolve("damaged.json.bz2");
    Files.write(f, java.util.Arrays.copyOf(all, all.length * 3 / 4));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        IngestMain.run(
            new String[] {"--source", "replay", f.toString()},
            keys -> MoodstreamConfig.load(keys, env, null),
            new Lifecycle(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(e).isEqualTo(3);
    assertThat(e).contains("damaged input file", f.toString(), "delivered before the damage");
    long produced =
        Long.parseLong(
            out.toString(StandardCharsets.UTF_8)
                .replaceAll("(?s).*read, ([0-9,]+) posts produced.*", "$1")
                .replace(",", ""));
    assertThat(produced).isPositive();
    java.util.regex.Pattern idStr = java.util.regex.Pattern.compile("\"id_str\":\"(\\d+)\"");
    Set<String> ids =
        raw.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> !l.startsWith("{\"delete\""))
            .map(idStr::matcher)
            .filter(java.util.regex.Matcher::find)
            .map(m -> m.group(1))
            .collect(Collectors.toSet());
    List<ConsumerRecord<byte[], byte[]>> got =
        Kafka.readKeys(kafka.bootstrapServers(), KafkaTopics.POSTS.name(), ids, produced);
    assertThat(got).hasSize((int) produced);
  }
}
