package io.moodstream.schema.kafka;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import java.time.Duration;
import java.util.List;

/**
 * Every Kafka topic Moodstream uses, declared here and nowhere else. Partitions and retention come
 * from configuration; the names are the contract.
 */
public final class KafkaTopics {
  private KafkaTopics() {}

  /**
   * A topic's declaration.
   *
   * @param name the topic name
   * @param key what the record key holds
   * @param value what the record value holds (and its JSON Schema)
   * @param partitions the config key of its partition count
   * @param retention the config key of its retention
   */
  public record Topic(
      String name,
      String key,
      String value,
      ConfigKey<Integer> partitions,
      ConfigKey<Duration> retention) {

    /** The settings this topic is created with under the given configuration. */
    public Settings settings(MoodstreamConfig config) {
      return new Settings(
          name,
          config.get(partitions),
          config.get(CommonConfig.KAFKA_REPLICATION_FACTOR).shortValue(),
          config.get(retention).toMillis(),
          config.get(CommonConfig.KAFKA_MIN_INSYNC_REPLICAS));
    }
  }

  /**
   * A topic as it is to be created: {@code retentionMs} is Kafka's {@code retention.ms}, {@code
   * minInsyncReplicas} its {@code min.insync.replicas}.
   */
  public record Settings(
      String name,
      int partitions,
      short replicationFactor,
      long retentionMs,
      int minInsyncReplicas) {}

  public static final Topic POSTS =
      new Topic(
          "moodstream.posts",
          "post id (UTF-8)",
          "binary post record (PostCodec, first byte 0x8D) or post event JSON"
              + " (post-event.schema.json)",
          CommonConfig.POSTS_PARTITIONS,
          CommonConfig.POSTS_RETENTION);

  public static final Topic DELETES =
      new Topic(
          "moodstream.deletes",
          "post id (UTF-8)",
          "delete event JSON (delete-event.schema.json)",
          CommonConfig.DELETES_PARTITIONS,
          CommonConfig.DELETES_RETENTION);

  public static final Topic DLQ =
      new Topic(
          "moodstream.dlq",
          "none, or the source's id when one could be read",
          "dead letter JSON: raw record + reason + source (dead-letter.schema.json)",
          CommonConfig.DLQ_PARTITIONS,
          CommonConfig.DLQ_RETENTION);

  public static final List<Topic> ALL = List.of(POSTS, DELETES, DLQ);
}
