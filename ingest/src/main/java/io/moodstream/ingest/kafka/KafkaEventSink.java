package io.moodstream.ingest.kafka;

import io.moodstream.ingest.IngestConfig;
import io.moodstream.ingest.core.EventSink;
import io.moodstream.ingest.core.FatalSourceException;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.schema.config.KafkaClientConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.DeleteEvent;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.PostCodec;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.kafka.KafkaTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to Kafka with an idempotent producer ({@code acks=all}), key = post id, value = a
 * post's {@link PostCodec} record (or its JSON with {@code ingest.kafka.post.format=json}), and the
 * JSON of {@link EventJson} for deletes and dead letters. A record the producer gives up on (after
 * {@code ingest.kafka.delivery.timeout} of retries, or when a send cannot even start) goes to the
 * {@link Spool}; {@link #resendSpool()} sends spooled records again at the next start.
 */
public final class KafkaEventSink implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);

  private final Producer<byte[], byte[]> producer;
  private final Spool spool;
  private final Metrics metrics;
  private final String source;
  private final Duration closeTimeout;
  private final AtomicBoolean warned = new AtomicBoolean();
  private final java.util.concurrent.atomic.LongAdder delivered;
  private final long maxBlockNanos;
  private final Function<PostEvent, byte[]> postFormat;

  /** While Kafka is unreachable, records go straight to the spool until this time (nanoTime). */
  private volatile long spoolUntil;

  private volatile boolean down;

  /** How long records go straight to the spool after a send blocked for {@code max.block}. */
  static final Duration SPOOL_WHILE_DOWN = Duration.ofSeconds(10);

  public KafkaEventSink(
      Producer<byte[], byte[]> producer,
      Spool spool,
      Metrics metrics,
      String source,
      Duration closeTimeout,
      Duration maxBlock,
      Function<PostEvent, byte[]> postFormat) {
    this.postFormat = postFormat;
    this.maxBlockNanos = maxBlock.toNanos();
    this.delivered = metrics.counter(source, "kafka.delivered");
    this.producer = producer;
    this.spool = spool;
    this.metrics = metrics;
    this.source = source;
    this.closeTimeout = closeTimeout;
  }

  /** A sink with a new producer configured from {@code config}. */
  public static KafkaEventSink create(
      MoodstreamConfig config, Spool spool, Metrics metrics, String source) {
    Map<String, Object> p = producerConfig(config, "moodstream-ingest-" + source);
    return new KafkaEventSink(
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()),
        spool,
        metrics,
        source,
        config.get(IngestConfig.DELIVERY_TIMEOUT).plusSeconds(5),
        config.get(IngestConfig.MAX_BLOCK),
        postFormat(config.get(IngestConfig.POST_FORMAT)));
  }

  /** The writer of {@code ingest.kafka.post.format}'s value. */
  public static Function<PostEvent, byte[]> postFormat(String name) {
    return switch (name) {
      case "binary" -> PostCodec::encode;
      case "json" -> EventJson::toJson;
      default -> throw new IllegalArgumentException("unknown post format " + name);
    };
  }

  /**
   * The producer settings: idempotent, acks=all, compressed, batched for throughput; then the
   * {@code kafka.client.*} pass-through ({@link KafkaClientConfig}), which wins.
   */
  public static Map<String, Object> producerConfig(MoodstreamConfig c, String clientId) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, c.get(IngestConfig.COMPRESSION));
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, c.get(IngestConfig.BATCH_SIZE));
    long linger = c.get(IngestConfig.LINGER).toMillis();
    p.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, c.get(IngestConfig.BUFFER_MB) * 1024L * 1024L);
    long delivery = c.get(IngestConfig.DELIVERY_TIMEOUT).toMillis();
    long request = Math.max(1, Math.min(30_000, delivery - linger));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(delivery, linger + request));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, c.get(IngestConfig.MAX_BLOCK).toMillis());
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
    p.putAll(KafkaClientConfig.properties(c));
    return p;
  }

  @Override
  public void post(PostEvent post) {
    send(KafkaTopics.POSTS.name(), key(post.id()), postFormat.apply(post));
  }

  @Override
  public void delete(DeleteEvent delete) {
    send(KafkaTopics.DELETES.name(), key(delete.id()), EventJson.toJson(delete));
  }

  @Override
  public void deadLetter(DeadLetter letter, String key) {
    send(KafkaTopics.DLQ.name(), key == null ? null : key(key), EventJson.toJson(letter));
  }

  private static byte[] key(String id) {
    return id.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Sends one record; on failure it goes to the spool, never lost silently. A send that blocked for
   * the whole {@code max.block} (no metadata: Kafka is unreachable) makes the following records go
   * straight to the spool for {@link #SPOOL_WHILE_DOWN}, so a source is not slowed to one record
   * per {@code max.block} while Kafka is down.
   */
  public void send(String topic, byte[] key, byte[] value) {
    if (spool.full()) {
      throw new FatalSourceException(
          String.format(
              java.util.Locale.ROOT,
              "the spool is full (%,d MiB in %s, ingest.spool.max.mb = %,d): Kafka has not"
                  + " taken records for a while; stopping so that no record is lost. Bring Kafka"
                  + " back (the spool is re-sent at the next start) or raise the bound",
              spool.bytes() >> 20,
              spool.file().getParent(),
              spool.maxBytes() >> 20));
    }
    sendOrSpool(topic, key, value);
  }

  private void sendOrSpool(String topic, byte[] key, byte[] value) {
    long start = System.nanoTime();
    if (down) {
      if (start - spoolUntil < 0) {
        spool(topic, key, value, null);
        return;
      }
      down = false; // try Kafka again
    }
    Delivery d = new Delivery(topic, key, value);
    boolean failed;
    try {
      producer.send(new ProducerRecord<>(topic, key, value), d);
      failed = d.failed; // the producer fails a record it could not even queue inside send()
    } catch (KafkaException | IllegalStateException e) {
      spool(topic, key, value, e);
      failed = true;
    }
    long blocked = System.nanoTime() - start;
    if (failed && blocked >= maxBlockNanos * 9 / 10) {
      spoolUntil = System.nanoTime() + SPOOL_WHILE_DOWN.toNanos();
      down = true;
      LOG.warn(
          "[{}] a send waited {} ms for Kafka: spooling records for {} s before trying again",
          source,
          blocked / 1_000_000,
          SPOOL_WHILE_DOWN.toSeconds());
    }
  }

  private final class Delivery implements Callback {
    private final String topic;
    private final byte[] key;
    private final byte[] value;
    volatile boolean failed;

    Delivery(String topic, byte[] key, byte[] value) {
      this.topic = topic;
      this.key = key;
      this.value = value;
    }

    @Override
    public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata m, Exception e) {
      if (e == null) {
        delivered.increment();
      } else {
        failed = true;
        spool(topic, key, value, e);
      }
    }
  }

  private void spool(String topic, byte[] key, byte[] value, Exception e) {
    if (warned.compareAndSet(false, true)) {
      LOG.warn(
          "[{}] Kafka did not take a record ({}): spooling undelivered records to {} for re-sending"
              + " at the next start",
          source,
          e == null ? "Kafka unreachable" : e.toString(),
          spool.file());
    }
    spool.append(topic, key, value);
    metrics.inc(source, "kafka.spooled");
  }

  /**
   * Sends the records spooled by earlier runs; those that fail again are spooled again.
   *
   * @return how many records were taken from the spool
   */
  public long resendSpool() throws IOException {
    Spool.Taken taken = spool.take();
    if (taken.isEmpty()) {
      return 0;
    }
    LOG.info("[{}] re-sending the records spooled by an earlier run", source);
    long n = taken.forEach(e -> sendOrSpool(e.topic(), e.key(), e.value()));
    producer.flush();
    taken.done();
    metrics.add(source, "kafka.resent", n);
    LOG.info("[{}] re-sent {} spooled record(s)", source, n);
    return n;
  }

  @Override
  public void flush() {
    try {
      producer.flush();
    } catch (KafkaException e) {
      LOG.warn("[{}] flush: {}", source, e.toString());
    }
  }

  @Override
  public void close() {
    try {
      producer.close(closeTimeout);
    } catch (KafkaException e) {
      LOG.warn("[{}] closing the producer: {}", source, e.toString());
    }
    spool.close();
  }
}
