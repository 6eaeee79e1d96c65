package io.moodstream.schema.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keys shared by every module: where Kafka and HBase are, and the tunables of the topics and tables
 * declared in {@code io.moodstream.schema.kafka.KafkaTopics} and {@code
 * io.moodstream.schema.hbase.HBaseLayout}. Module-specific keys live in the module's own config
 * class and are loaded together with {@link #KEYS}.
 */
public final class CommonConfig {
  private CommonConfig() {}

  public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS =
      ConfigKey.string(
          "kafka.bootstrap.servers", "127.0.0.1:9092", "Kafka brokers, host:port[,host:port]");

  public static final ConfigKey<Map<String, String>> KAFKA_CLIENT =
      ConfigKey.prefix(
          "kafka.client",
          "any Kafka client property, handed unchanged to every Kafka client Moodstream creates"
              + " (ingest, schema apply, the job's source and dead-letter writer, the local stack):"
              + " kafka.client.security.protocol=SSL, kafka.client.ssl.truststore.location=..."
              + " Properties holding passwords or keys are secrets (environment or _FILE only)",
          KafkaClientConfig::sensitivity);

  public static final ConfigKey<String> KAFKA_CLIENT_CONFIG =
      ConfigKey.string(
          "kafka.client.config",
          "",
          "a Kafka client properties file (e.g. an MSK client.properties) applied to every Kafka"
              + " client before the kafka.client.* keys, which win; may hold passwords");

  public static final ConfigKey<Integer> KAFKA_REPLICATION_FACTOR =
      ConfigKey.integer(
          "kafka.replication.factor",
          1,
          1,
          7,
          "replication factor of the topics schema apply creates");

  public static final ConfigKey<Integer> KAFKA_MIN_INSYNC_REPLICAS =
      ConfigKey.integer(
          "kafka.min.insync.replicas",
          1,
          1,
          7,
          "min.insync.replicas of the topics schema apply creates: with acks=all, a write needs"
              + " this many replicas (3 brokers: replication 3, min ISR 2)");

  public static final ConfigKey<Integer> POSTS_PARTITIONS =
      ConfigKey.integer(
          "kafka.topic.posts.partitions",
          4,
          1,
          10_000,
          "partitions of moodstream.posts: the Spark job reads one task per partition");

  public static final ConfigKey<Duration> POSTS_RETENTION =
      ConfigKey.duration(
          "kafka.topic.posts.retention",
          Duration.ofDays(7),
          Duration.ofMinutes(1),
          "how long moodstream.posts keeps posts (replays from Kafka reach back this far)");

  public static final ConfigKey<Integer> DELETES_PARTITIONS =
      ConfigKey.integer(
          "kafka.topic.deletes.partitions", 1, 1, 10_000, "partitions of moodstream.deletes");

  public static final ConfigKey<Duration> DELETES_RETENTION =
      ConfigKey.duration(
          "kafka.topic.deletes.retention",
          Duration.ofDays(30),
          Duration.ofMinutes(1),
          "how long moodstream.deletes keeps delete events");

  public static final ConfigKey<Integer> DLQ_PARTITIONS =
      ConfigKey.integer("kafka.topic.dlq.partitions", 1, 1, 10_000, "partitions of moodstream.dlq");

  public static final ConfigKey<Duration> DLQ_RETENTION =
      ConfigKey.duration(
          "kafka.topic.dlq.retention",
          Duration.ofDays(30),
          Duration.ofMinutes(1),
          "how long moodstream.dlq keeps rejected records for inspection");

  public static final ConfigKey<String> HBASE_ZOOKEEPER_QUORUM =
      ConfigKey.string(
          "hbase.zookeeper.quorum",
          "127.0.0.1",
          "ZooKeeper hosts of the HBase cluster, comma-separated");

  public static final ConfigKey<Integer> HBASE_ZOOKEEPER_PORT =
      ConfigKey.integer("hbase.zookeeper.port", 2181, 1, 65_535, "ZooKeeper client port of HBase");

  public static final ConfigKey<String> HBASE_COMPRESSION =
      ConfigKey.choice(
          "hbase.compression",
          "GZ",
          List.of("NONE", "GZ", "SNAPPY", "LZ4", "ZSTD"),
          "compression of every Moodstream column family (SNAPPY/LZ4/ZSTD need the codec on the"
              + " region servers, as on EMR)");

  public static final ConfigKey<Integer> HBASE_TABLE_REGIONS =
      ConfigKey.integer(
          "hbase.table.regions",
          1,
          1,
          256,
          "regions each table keyed by topic and time (agg_1m/1h/1d, extremes_1m) is created with,"
              + " split evenly on the row key's salt byte so topics spread over region servers"
              + " from the start (a cluster: a few per region server); applies when schema apply"
              + " creates a table, not to tables that exist");

  public static final ConfigKey<Duration> HBASE_EXTREMES_TTL =
      ConfigKey.duration(
          "hbase.extremes.ttl",
          Duration.ofDays(90),
          Duration.ofHours(1),
          "how long the extreme posts (which hold post text) are kept");

  public static final ConfigKey<Duration> POSTS_MAX_CLOCK_SKEW =
      ConfigKey.duration(
          "posts.max.clock.skew",
          Duration.ofMinutes(5),
          Duration.ZERO,
          "how far a post's createdAt may lie ahead of the clock that receives it (ingest's clock;"
              + " in the Spark job, the post's Kafka append time) before the post goes to the"
              + " dead-letter topic as future-created-at instead of moving the watermark");

  /** All of the above, in documentation order. */
  public static final List<ConfigKey<?>> KEYS =
      List.of(
          KAFKA_BOOTSTRAP_SERVERS,
          KAFKA_CLIENT,
          KAFKA_CLIENT_CONFIG,
          KAFKA_REPLICATION_FACTOR,
          KAFKA_MIN_INSYNC_REPLICAS,
          POSTS_PARTITIONS,
          POSTS_RETENTION,
          DELETES_PARTITIONS,
          DELETES_RETENTION,
          DLQ_PARTITIONS,
          DLQ_RETENTION,
          HBASE_ZOOKEEPER_QUORUM,
          HBASE_ZOOKEEPER_PORT,
          HBASE_COMPRESSION,
          HBASE_EXTREMES_TTL,
          HBASE_TABLE_REGIONS,
          POSTS_MAX_CLOCK_SKEW);

  /** {@link #KEYS} and then a module's own keys: what that module's {@code load} is given. */
  public static List<ConfigKey<?>> plus(List<ConfigKey<?>> own) {
    return Stream.concat(KEYS.stream(), own.stream()).toList();
  }
}
