package io.moodstream.ingest.kafka;

import io.moodstream.broker.KafkaBroker;
import io.moodstream.ingest.IngestConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** One real broker (child JVM) shared by the ITs of this module, and helpers to read it back. */
public final class Kafka {
  private static KafkaBroker broker;

  private Kafka() {}

  public static synchronized KafkaBroker broker() throws Exception {
    if (broker == null || !broker.isAlive()) {
      Path dir = Files.createTempDirectory("ingest-it-kafka");
      broker = KafkaBroker.start(KafkaBroker.Options.defaults(dir));
      KafkaBroker b = broker;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      b.close();
                      try (var paths = Files.walk(dir)) {
                        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                          Files.deleteIfExists(p);
                        }
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } catch (java.io.IOException e) {
                      // a temp dir left behind
                    }
                  }));
    }
    return broker;
  }

  /** Environment for {@code MoodstreamConfig.load}: this broker, a state dir, fast timeouts. */
  public static Map<String, String> env(String bootstrap, Path stateDir) {
    Map<String, String> env = new HashMap<>();
    env.put("MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("MOODSTREAM_INGEST_STATE_DIR", stateDir.toString());
    env.put("MOODSTREAM_INGEST_KAFKA_LINGER", "5ms");
    return env;
  }

  public static MoodstreamConfig config(Map<String, String> env) {
    return MoodstreamConfig.load(IngestConfig.KEYS, env, null);
  }

  /**
   * Reads a topic from the beginning until it holds {@code count} records whose keys are among
   * {@code keys} (or a minute has passed), keeping those.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readKeys(
      String bootstrap, String topic, Set<String> keys, long count) {
    return read(
        bootstrap,
        topic,
        r -> keys.contains(key(r)),
        l -> l.size() >= count,
        Duration.ofMinutes(1));
  }

  /** A record's key as text. */
  public static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8);
  }

  /**
   * Reads a topic from the beginning until {@code done} holds for what was read (or the timeout),
   * keeping the records {@code keep} accepts.
   */
  public static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrap,
      String topic,
      Predicate<ConsumerRecord<byte[], byte[]>> keep,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
      Duration timeout) {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrap);
    c.put("group.id", "it-" + UUID.randomUUID());
    c.put("auto.offset.reset", "earliest");
    c.put("enable.auto.commit", "false");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !done.test(out)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (keep.test(r)) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }
}
