package io.moodstream.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.broker.KafkaBroker;
import io.moodstream.ingest.core.FatalSourceException;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.ingest.core.SourcePost;
import io.moodstream.ingest.core.TopicMatcher;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.Source;
import io.moodstream.schema.kafka.KafkaTopicApplier;
import io.moodstream.schema.kafka.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker of its own, stopped mid-run: what it did not take is spooled, then re-sent; a spool that
 * reaches its bound stops the source with a clear error, and still loses nothing.
 */
class SpoolResendIT {
  @TempDir Path dir;

  /**
   * The config of an ingest whose sends to {@code kafka} time out within seconds, plus {@code
   * extra}; the topics are created.
   */
  private static MoodstreamConfig timingOutFast(
      KafkaBroker kafka, Path state, Map<String, String> extra) throws Exception {
    Map<String, String> env = Kafka.env(kafka.bootstrapServers(), state);
    env.put("MOODSTREAM_INGEST_KAFKA_DELIVERY_TIMEOUT", "3s");
    env.put("MOODSTREAM_INGEST_KAFKA_MAX_BLOCK", "4s");
    env.putAll(extra);
    MoodstreamConfig config = Kafka.config(env);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      new KafkaTopicApplier(admin, 30_000).apply(config);
    }
    return config;
  }

  @Test
  void recordsUndeliverableWhileTheBrokerIsDownAreSpooledAndResentOnTheNextStart()
      throws Exception {
    Path brokerDir = dir.resolve("kafka");
    Path state = dir.resolve("state");
    // fixed ports: the restarted broker must be the same node at the same addresses
    KafkaBroker.Options opts =
        KafkaBroker.Options.defaults(brokerDir)
            .withPorts(KafkaBroker.freePort(), KafkaBroker.freePort());
    KafkaBroker kafka = KafkaBroker.start(opts);
    MoodstreamConfig config = timingOutFast(kafka, state, Map.of());
    Metrics metrics = new Metrics();
    Set<String> ids = new HashSet<>();
    try (KafkaEventSink sink =
        KafkaEventSink.create(config, TestSpools.of(state), metrics, "replay")) {
      Ingestor in =
          new Ingestor(
              Source.REPLAY, TopicMatcher.of(List.of("tea")), sink, metrics, Clock.systemUTC());
      in.post(
          new SourcePost("warmup", Instant.now(), "tea", "en", "u", "h", null, List.of()),
          () -> "");
      sink.flush();
      kafka.kill(); // SIGKILL: nothing is acknowledged from here on
      for (int i = 0; i < 200; i++) {
        String id = "spooled-" + i;
        ids.add(id);
        in.post(
            new SourcePost(id, Instant.now(), "tea #" + i, "en", "u", "h", null, List.of()),
            () -> "");
      }
      sink.flush();
    }
    // at least once: every record is in the spool (a timed-out send may be counted twice)
    long spooled = metrics.get("replay", "kafka.spooled");
    assertThat(spooled).isBetween(200L, 210L);
    assertThat(Files.size(state.resolve("spool.bin"))).isPositive();

    try (KafkaBroker again = KafkaBroker.start(opts)) {
      Metrics m2 = new Metrics();
      // the next start, with default timeouts (a broker recovering from SIGKILL takes a moment)
      MoodstreamConfig next = Kafka.config(Kafka.env(again.bootstrapServers(), state));
      try (KafkaEventSink sink = KafkaEventSink.create(next, TestSpools.of(state), m2, "replay")) {
        assertThat(sink.resendSpool()).isEqualTo(spooled);
      }
      assertThat(m2.get("replay", "kafka.delivered")).isEqualTo(spooled);
      assertThat(m2.get("replay", "kafka.spooled")).isZero();
      try (var files = Files.list(state)) {
        assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("spool")))
            .isEmpty();
      }
      var got = Kafka.readKeys(again.bootstrapServers(), KafkaTopics.POSTS.name(), ids, spooled);
      assertThat(got.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).distinct())
          .hasSize(200);
    }
  }

  @Test
  void aFullSpoolStopsTheSourceLoudlyAndEverythingAcceptedIsStillDelivered() throws Exception {
    Path state = dir.resolve("state-full");
    KafkaBroker.Options opts =
        KafkaBroker.Options.defaults(dir.resolve("kafka-full"))
            .withPorts(KafkaBroker.freePort(), KafkaBroker.freePort());
    KafkaBroker kafka = KafkaBroker.start(opts);
    MoodstreamConfig config =
        timingOutFast(kafka, state, Map.of("MOODSTREAM_INGEST_SPOOL_MAX_MB", "1"));
    Metrics metrics = new Metrics();
    Set<String> accepted = new HashSet<>();
    String padding = "tea ".repeat(250); // ~1 KB a post: the 1 MiB bound is reached in ~1,000
    FatalSourceException stop = null;
    try (KafkaEventSink sink =
        KafkaEventSink.create(
            config,
            new Spool(state, 1 << 20, Duration.ofSeconds(1), System::nanoTime),
            metrics,
            "replay")) {
      Ingestor in =
          new Ingestor(
              Source.REPLAY, TopicMatcher.of(List.of("tea")), sink, metrics, Clock.systemUTC());
      kafka.kill();
      for (int i = 0; i < 5_000 && stop == null; i++) {
        String id = "full-" + i;
        try {
          in.post(
              new SourcePost(id, Instant.now(), padding + i, "en", "u", "h", null, List.of()),
              () -> "");
          accepted.add(id);
        } catch (FatalSourceException e) {
          stop = e;
        }
      }
      sink.flush();
    }
    assertThat(stop).as("the source was stopped").isNotNull();
    assertThat(stop.getMessage()).contains("the spool is full", "ingest.spool.max.mb");
    assertThat(accepted.size()).isBetween(500, 1_500);

    try (KafkaBroker again = KafkaBroker.start(opts)) {
      MoodstreamConfig next = Kafka.config(Kafka.env(again.bootstrapServers(), state));
      try (KafkaEventSink sink =
          KafkaEventSink.create(next, TestSpools.of(state), new Metrics(), "replay")) {
        assertThat(sink.resendSpool()).isGreaterThanOrEqualTo(accepted.size());
      }
      var got =
          Kafka.read(
              again.bootstrapServers(),
              KafkaTopics.POSTS.name(),
              r -> accepted.contains(new String(r.key(), StandardCharsets.UTF_8)),
              l ->
                  l.stream()
                          .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                          .distinct()
                          .count()
                      >= accepted.size(),
              Duration.ofSeconds(60));
      assertThat(got.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).distinct())
          .hasSize(accepted.size());
    }
  }
}
