package io.moodstream.streaming;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import java.time.Duration;
import java.util.List;

/** The keys of the streaming job (documented in streaming/README.md), loaded with {@link #KEYS}. */
public final class StreamingConfig {
  private StreamingConfig() {}

  public static final ConfigKey<String> SPARK_MASTER =
      ConfigKey.string(
          "streaming.spark.master",
          "local[*]",
          "Spark master for ./moodstream stream (ignored under spark-submit, which sets its own)");

  public static final ConfigKey<String> CHECKPOINT_LOCATION =
      ConfigKey.string(
          "streaming.checkpoint.location",
          "var/checkpoints/stream",
          "checkpoint root: a local path, hdfs://... or s3://...; one per job, never shared. Unless"
              + " set explicitly, SparkConf's spark.sql.streaming.checkpointLocation is the root"
              + " when it is set");

  public static final ConfigKey<Integer> SHUFFLE_PARTITIONS =
      ConfigKey.integer(
          "streaming.shuffle.partitions",
          4,
          1,
          10_000,
          "spark.sql.shuffle.partitions (applied only when SparkConf does not set it): state-store"
              + " partitions of the aggregation; fixed once a checkpoint exists");

  public static final ConfigKey<Duration> TRIGGER_INTERVAL =
      ConfigKey.duration(
          "streaming.trigger.interval",
          Duration.ofMillis(500),
          Duration.ZERO,
          "micro-batch interval; 0s starts the next batch as soon as the previous one ends");

  public static final ConfigKey<Integer> MAX_OFFSETS_PER_TRIGGER =
      ConfigKey.integer(
          "streaming.max.offsets.per.trigger",
          0,
          0,
          Integer.MAX_VALUE,
          "most Kafka records one micro-batch reads (over all partitions); 0 = no limit");

  public static final ConfigKey<Duration> KAFKA_FETCH_MAX_WAIT =
      ConfigKey.duration(
          "streaming.kafka.fetch.max.wait",
          Duration.ofMillis(5),
          Duration.ZERO,
          "fetch.max.wait.ms of the job's Kafka consumers: how long the broker may hold a fetch"
              + " that finds too little data. A batch reads a fixed offset range, so waiting only"
              + " delays it; Kafka's 500 ms default added ~450 ms to every small batch");

  public static final ConfigKey<String> STARTING_OFFSETS =
      ConfigKey.choice(
          "streaming.starting.offsets",
          "earliest",
          List.of("earliest", "latest"),
          "where a job without a checkpoint starts reading; a checkpoint always wins");

  public static final ConfigKey<Duration> WATERMARK =
      ConfigKey.duration(
          "streaming.watermark",
          Duration.ofMinutes(2),
          Duration.ZERO,
          "how late (in event time) a post may arrive and still count; later ones are counted as"
              + " late and dropped");

  public static final ConfigKey<Integer> EXTREMES_K =
      ConfigKey.integer(
          "streaming.extremes.k", 5, 1, 100, "most positive / most negative posts kept per minute");

  public static final ConfigKey<String> STATUS_FILE =
      ConfigKey.string(
          "streaming.status.file",
          "var/run/stream-status.json",
          "JSON progress file rewritten after every batch (read by ./moodstream status and REST):"
              + " a local path or a Hadoop FileSystem URI (hdfs:///..., s3a://...)");

  public static final ConfigKey<String> STOP_FILE =
      ConfigKey.string(
          "streaming.stop.file",
          "var/run/stream.stop",
          "marker file: when it appears, the job finishes its running batch and exits; a local path"
              + " or a Hadoop FileSystem URI (hdfs:///..., s3a://...) reachable from the driver");

  public static final ConfigKey<Duration> TABLES_WAIT =
      ConfigKey.duration(
          "streaming.tables.wait",
          Duration.ZERO,
          Duration.ZERO,
          "how long the job waits at start for HBase to answer and its tables to exist (the local"
              + " stack starts it while HBase is still starting, so Spark's start-up overlaps"
              + " HBase's); 0s: fail at once");

  /** The job's own keys, in documentation order. */
  public static final List<ConfigKey<?>> OWN_KEYS =
      List.of(
          SPARK_MASTER,
          CHECKPOINT_LOCATION,
          SHUFFLE_PARTITIONS,
          TRIGGER_INTERVAL,
          MAX_OFFSETS_PER_TRIGGER,
          KAFKA_FETCH_MAX_WAIT,
          STARTING_OFFSETS,
          WATERMARK,
          EXTREMES_K,
          STATUS_FILE,
          STOP_FILE,
          TABLES_WAIT);

  /** {@link CommonConfig#KEYS} and the job's own. */
  public static final List<ConfigKey<?>> KEYS = CommonConfig.plus(OWN_KEYS);

  /**
   * The settings of the transformation itself.
   *
   * @param watermark how late a post may arrive and still count
   * @param k extreme posts kept per minute and direction
   * @param maxClockSkew how far createdAt may lie ahead of the Kafka append time
   */
  public record Transform(Duration watermark, int k, Duration maxClockSkew)
      implements java.io.Serializable {
    public Transform {
      if (k < 1) {
        throw new IllegalArgumentException("k must be at least 1");
      }
    }

    public static Transform from(MoodstreamConfig c) {
      return new Transform(
          c.get(WATERMARK), c.get(EXTREMES_K), c.get(CommonConfig.POSTS_MAX_CLOCK_SKEW));
    }
  }
}
