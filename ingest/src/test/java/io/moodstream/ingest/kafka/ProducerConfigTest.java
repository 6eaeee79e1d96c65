package io.moodstream.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.ingest.IngestConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.Author;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.PostCodec;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerConfigTest {
  @Test
  void theProducerIsIdempotentAcksAllCompressedAndBatched() {
    Map<String, Object> p =
        KafkaEventSink.producerConfig(
            MoodstreamConfig.load(IngestConfig.KEYS, Map.of(), null), "c");
    assertThat(p)
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024)
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
        .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
    // Kafka refuses delivery.timeout.ms < linger.ms + request.timeout.ms
    int delivery = (int) p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
    int request = (int) p.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
    assertThat(delivery).isGreaterThanOrEqualTo(20 + request).isEqualTo(120_000);
  }

  @Test
  void shortDeliveryTimeoutsStayValid() {
    Map<String, Object> p =
        KafkaEventSink.producerConfig(
            MoodstreamConfig.load(
                IngestConfig.KEYS,
                Map.of(
                    "MOODSTREAM_INGEST_KAFKA_DELIVERY_TIMEOUT",
                    "1s",
                    "MOODSTREAM_INGEST_KAFKA_LINGER",
                    "50ms"),
                null),
            "c");
    int delivery = (int) p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
    int request = (int) p.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
    assertThat(delivery).isGreaterThanOrEqualTo(50 + request);
    new org.apache.kafka.clients.producer.ProducerConfig(
        new java.util.HashMap<>(
            Map.of(
                "bootstrap.servers",
                "x:1",
                "key.serializer",
                org.apache.kafka.common.serialization.ByteArraySerializer.class,
                "value.serializer",
                org.apache.kafka.common.serialization.ByteArraySerializer.class,
                "delivery.timeout.ms",
                delivery,
                "request.timeout.ms",
                request,
                "linger.ms",
                50)));
  }

  @Test
  void postsAreWrittenBinaryByDefaultAndAsJsonOnRequest() {
    PostEvent post =
        new PostEvent(
            "1",
            Source.REPLAY,
            Instant.parse("2026-11-24T21:56:35Z"),
            "hi",
            null,
            new Author("a", "h"),
            List.of("all"),
            null);
    String format =
        MoodstreamConfig.load(IngestConfig.KEYS, Map.of(), null).get(IngestConfig.POST_FORMAT);
    assertThat(KafkaEventSink.postFormat(format).apply(post)).isEqualTo(PostCodec.encode(post));
    String json =
        MoodstreamConfig.load(
                IngestConfig.KEYS, Map.of("MOODSTREAM_INGEST_KAFKA_POST_FORMAT", "json"), null)
            .get(IngestConfig.POST_FORMAT);
    assertThat(KafkaEventSink.postFormat(json).apply(post)).isEqualTo(EventJson.toJson(post));
  }
}
