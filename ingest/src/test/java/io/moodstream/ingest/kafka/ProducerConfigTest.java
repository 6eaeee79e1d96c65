package io.moodstream.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.ingest.IngestConfig;
import io.moodstream.schema.config.MoodstreamConfig;
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
}
