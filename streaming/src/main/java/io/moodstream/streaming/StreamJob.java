package io.moodstream.streaming;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.KafkaClientConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.DeleteEvent;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.ParseResult;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.kafka.KafkaTopics;
import io.moodstream.storage.StatusFiles;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the job: two streaming queries in one Spark session, each with its own checkpoint under the
 * checkpoint root ({@link #checkpointRoot}):
 *
 * <ol>
 *   <li>{@code posts}: {@link MoodTransform#outputs} of {@code moodstream.posts} → {@link
 *       HBaseSink#writeBuckets} (minutes, extremes, rollups); its rejected records → {@code
 *       moodstream.dlq}; its totals → the status file;
 *   <li>{@code deletes}: {@code moodstream.deletes} → {@link HBaseSink#applyDeletes} (invalid ones
 *       → {@code moodstream.dlq}).
 * </ol>
 */
public final class StreamJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamJob.class);
  static final String POSTS = "posts";
  static final String DELETES = "deletes";
  static final long DELETES_MIN_INTERVAL_MS = 1_000;

  private final SparkSession spark;
  private final MoodstreamConfig config;
  private final Connection connection;
  private final HBaseSink sink;
  private final ProgressReporter progress;
  private final String checkpointRoot;
  private final Map<String, String> kafkaOptions;
  private final Configuration hadoopConf;
  private final List<StreamingQuery> queries = new ArrayList<>();
  private final java.util.Set<String> parked = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  public StreamJob(SparkSession spark, MoodstreamConfig config, Connection connection)
      throws IOException {
    this.spark = spark;
    this.config = config;
    this.connection = connection;
    HBaseLayout layout = HBaseLayout.from(config);
    try {
      await(() -> requireTables(connection, layout), config.get(StreamingConfig.TABLES_WAIT), 500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the HBase tables", e);
    }
    this.sink = new HBaseSink(connection, layout, config.get(StreamingConfig.EXTREMES_K));
    this.checkpointRoot = checkpointRoot(config, asMap(spark.sparkContext().getConf()));
    this.kafkaOptions = KafkaClientConfig.sparkOptions(config);
    this.hadoopConf = spark.sparkContext().hadoopConfiguration();
    this.progress =
        new ProgressReporter(
            config.get(StreamingConfig.STATUS_FILE), hadoopConf, Clock.systemUTC());
    spark.streams().addListener(progress);
  }

  /** The Spark session: local master unless spark-submit set one, and {@link #sessionSettings}. */
  public static SparkSession session(MoodstreamConfig c) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName("moodstream-stream");
    if (!conf.contains("spark.master")) {
      b.master(c.get(StreamingConfig.SPARK_MASTER)).config("spark.ui.enabled", false);
    }
    sessionSettings(c, asMap(conf)).forEach(b::config);
    return b.getOrCreate();
  }

  /** SparkConf's entries as a map (on the driver: spark-submit's {@code --conf} settings). */
  public static Map<String, String> asMap(SparkConf conf) {
    Map<String, String> m = new TreeMap<>();
    for (scala.Tuple2<String, String> e : conf.getAll()) {
      m.put(e._1(), e._2());
    }
    return m;
  }

  /**
   * What the job sets in its session. Settings Spark users own are left to SparkConf when it has
   * them ({@code spark.sql.shuffle.partitions}, {@code spark.sql.streaming.metricsEnabled}); the
   * rest the job needs: a checkpoint on local disk written without child processes ({@link
   * LocalCheckpointFileSystem}; unless SparkConf names a checkpoint manager or file system), UTC,
   * and no no-data micro-batches (in update mode they only evict expired state, which the next
   * batch with data does as well, and each costs a full batch's fixed overhead). Spark's own
   * streaming metrics are on ({@code metrics.properties} decides where they go:
   * streaming/conf/metrics.properties.example).
   */
  static Map<String, String> sessionSettings(MoodstreamConfig c, Map<String, String> sparkConf) {
    Map<String, String> s = new LinkedHashMap<>();
    if (!sparkConf.containsKey("spark.sql.shuffle.partitions")) {
      s.put("spark.sql.shuffle.partitions", c.get(StreamingConfig.SHUFFLE_PARTITIONS).toString());
    }
    if (!sparkConf.containsKey("spark.sql.streaming.metricsEnabled")) {
      s.put("spark.sql.streaming.metricsEnabled", "true");
    }
    if (StatusFiles.isLocal(checkpointRoot(c, sparkConf))
        && !sparkConf.containsKey(CHECKPOINT_MANAGER)
        && !sparkConf.containsKey(LOCAL_FS_IMPL)) {
      s.put(CHECKPOINT_MANAGER, FileSystemBasedCheckpointFileManager.class.getName());
      s.put(LOCAL_FS_IMPL, LocalCheckpointFileSystem.class.getName());
      s.put(LOCAL_FS_IMPL_NO_CACHE, "true");
    }
    s.put("spark.sql.session.timeZone", "UTC");
    s.put("spark.sql.streaming.noDataMicroBatches.enabled", "false");
    s.put("spark.sql.streaming.stopTimeout", "30000");
    return s;
  }

  static final String CHECKPOINT_MANAGER = "spark.sql.streaming.checkpointFileManagerClass";
  static final String LOCAL_FS_IMPL = "spark.hadoop.fs.file.impl";

  /** Else a {@code file:} file system cached earlier in the JVM would be used, not ours. */
  static final String LOCAL_FS_IMPL_NO_CACHE = "spark.hadoop.fs.file.impl.disable.cache";

  /**
   * The checkpoint root (queries below it: {@code posts}, {@code deletes}): {@code
   * streaming.checkpoint.location} when set explicitly, else SparkConf's {@code
   * spark.sql.streaming.checkpointLocation} when set (Spark's own convention: root/queryName), else
   * the key's default.
   */
  static String checkpointRoot(MoodstreamConfig c, Map<String, String> sparkConf) {
    String spark = sparkConf.get("spark.sql.streaming.checkpointLocation");
    if (!c.isExplicit(StreamingConfig.CHECKPOINT_LOCATION) && spark != null && !spark.isBlank()) {
      return spark.endsWith("/") ? spark.substring(0, spark.length() - 1) : spark;
    }
    return c.get(StreamingConfig.CHECKPOINT_LOCATION);
  }

  /** A start-up check that may fail until another process is ready. */
  @FunctionalInterface
  interface Check {
    void run() throws IOException;
  }

  /**
   * Runs {@code check} until it passes; a failure ({@link IOException} or {@link
   * IllegalStateException}) is retried every {@code everyMillis} until {@code wait} has passed,
   * then thrown.
   */
  static void await(Check check, Duration wait, long everyMillis)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    boolean logged = false;
    while (true) {
      try {
        check.run();
        if (logged) {
          LOG.info("HBase and its tables are there: starting");
        }
        return;
      } catch (IOException | IllegalStateException e) {
        if (System.nanoTime() >= deadline) {
          throw e;
        }
        if (!logged) {
          LOG.info("waiting up to {} for HBase and its tables: {}", wait, e.getMessage());
          logged = true;
        }
        Thread.sleep(everyMillis);
      }
    }
  }

  static void requireTables(Connection connection, HBaseLayout layout) throws IOException {
    try (Admin admin = connection.getAdmin()) {
      for (HBaseLayout.TableSpec t : layout.tables()) {
        if (!admin.tableExists(TableName.valueOf(layout.qualified(t.name())))) {
          throw new IllegalStateException(
              "HBase table "
                  + layout.qualified(t.name())
                  + " does not exist: run ./moodstream schema apply first");
        }
      }
    }
  }

  public ProgressReporter progress() {
    return progress;
  }

  /** Starts the two queries; {@code untilCaughtUp} runs them with Trigger.AvailableNow. */
  public void start(boolean untilCaughtUp) throws TimeoutException {
    Duration interval = config.get(StreamingConfig.TRIGGER_INTERVAL);
    Trigger trigger =
        untilCaughtUp ? Trigger.AvailableNow() : Trigger.ProcessingTime(interval.toMillis());
    // deletes are rare and need no sub-second reaction; a 0s trigger would make the idle query ask
    // the broker for its latest offsets every 10 ms, taking CPU from the posts query
    Trigger deleteTrigger =
        untilCaughtUp
            ? trigger
            : Trigger.ProcessingTime(Math.max(interval.toMillis(), DELETES_MIN_INTERVAL_MS));
    StreamingConfig.Transform t = StreamingConfig.Transform.from(config);
    LOG.info(
        "starting: Kafka {} ({}), checkpoint {}, trigger {}, watermark {}, k {}",
        config.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS),
        KafkaClientConfig.describe(kafkaOptions),
        checkpointRoot,
        untilCaughtUp ? "AvailableNow" : interval,
        t.watermark(),
        t.k());

    queries.add(
        writer(MoodTransform.outputs(kafka(KafkaTopics.POSTS.name()), t), POSTS, trigger)
            .outputMode(OutputMode.Update())
            .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (df, id) -> posts(df, id))
            .start());

    queries.add(
        writer(
                kafka(KafkaTopics.DELETES.name()).select("value", "timestamp"),
                DELETES,
                deleteTrigger)
            .foreachBatch(
                (VoidFunction2<Dataset<Row>, Long>)
                    (df, id) -> {
                      gate(DELETES);
                      deletes(df.collectAsList());
                    })
            .start());
  }

  /**
   * Called first in every batch: once a stop is under way, a batch that has not started writing
   * parks here until {@link #stopGracefully} stops its query. Its offsets are logged but it is not
   * committed, so a restart replays it; batches already past the gate finish and commit.
   */
  private void gate(String query) throws InterruptedException {
    if (!stopping) {
      return;
    }
    parked.add(query);
    LOG.info("[{}] stopping: the next batch waits for the stop (replayed on restart)", query);
    while (true) {
      Thread.sleep(1_000); // interrupted by StreamingQuery.stop()
    }
  }

  /**
   * One batch of the posts query, on the driver: its outputs are collected (changed buckets, dead
   * letters, totals: small), the buckets written to HBase, the dead letters sent to the DLQ (at
   * least once: before the batch commits), and the totals reported.
   */
  private void posts(Dataset<Row> df, long id) throws Exception {
    gate(POSTS);
    long t0 = System.nanoTime();
    MoodTransform.Batch b = MoodTransform.Batch.of(df.collectAsList());
    long t1 = System.nanoTime();
    HBaseSink.Written w = sink.writeBuckets(b.buckets());
    LOG.debug(
        "[posts] batch {}: aggregated in {} ms, wrote {} in {} ms",
        id,
        (t1 - t0) / 1_000_000,
        w,
        (System.nanoTime() - t1) / 1_000_000);
    if (!b.deadLetters().isEmpty()) {
      toDeadLetterTopic(b.deadLetters());
      LOG.info("[posts] batch {}: {} rejected record(s)", id, b.deadLetters().size());
    }
    progress.postsBatch(POSTS, id, b);
  }

  private void deletes(List<Row> rows) throws IOException {
    Map<String, Instant> deletions = new LinkedHashMap<>();
    List<String> rejected = new ArrayList<>();
    for (Row r : rows) {
      byte[] value = (byte[]) r.get(0);
      Instant at = ((Timestamp) r.get(1)).toInstant();
      ParseResult<DeleteEvent> parsed = EventJson.parseDelete(value);
      if (parsed instanceof ParseResult.Accepted<DeleteEvent> p) {
        deletions.merge(p.value().id(), at, (a, b) -> a.isBefore(b) ? a : b);
      } else {
        rejected.add(PostParsing.deadLetter(value, (ParseResult.Rejected<?>) parsed));
      }
    }
    if (!rejected.isEmpty()) {
      toDeadLetterTopic(rejected);
      progress.deleteDeadLetters(rejected.size());
    }
    sink.applyDeletes(deletions);
    progress.deletes(deletions.size());
  }

  /**
   * Sends dead letters to {@code moodstream.dlq} before the batch commits: a batch replayed after a
   * crash sends its dead letters again (at least once), none is lost.
   */
  private void toDeadLetterTopic(List<String> values) {
    spark
        .createDataset(values, Encoders.STRING())
        .toDF("value")
        .write()
        .format("kafka")
        .options(kafkaOptions)
        .option("topic", KafkaTopics.DLQ.name())
        .save();
  }

  private Dataset<Row> kafka(String topic) {
    DataStreamReader r =
        spark
            .readStream()
            .format("kafka")
            .option("subscribe", topic)
            .option("startingOffsets", config.get(StreamingConfig.STARTING_OFFSETS))
            .option(
                "kafka.fetch.max.wait.ms",
                config.get(StreamingConfig.KAFKA_FETCH_MAX_WAIT).toMillis());
    int max = config.get(StreamingConfig.MAX_OFFSETS_PER_TRIGGER);
    if (max > 0) {
      r = r.option("maxOffsetsPerTrigger", max);
    }
    // bootstrap.servers and the kafka.client.* pass-through (security), which win
    return r.options(kafkaOptions).load();
  }

  private DataStreamWriter<Row> writer(Dataset<Row> df, String name, Trigger trigger) {
    return df.writeStream()
        .queryName(name)
        .option("checkpointLocation", checkpointRoot + "/" + name)
        .trigger(trigger);
  }

  /**
   * Runs until every query ends by itself (AvailableNow), {@code stopRequested} turns true, or the
   * stop marker appears (a local path or a Hadoop FileSystem URI, {@link StatusFiles}; a remote one
   * is looked at once a second); then stops cleanly. A failed query stops the others and is
   * rethrown.
   */
  public void runUntilStopped(String stopMarker, BooleanSupplier stopRequested)
      throws StreamingQueryException, InterruptedException, TimeoutException {
    progress.state("running");
    long markerEveryNanos = StatusFiles.isLocal(stopMarker) ? 0 : 1_000_000_000L;
    long nextMarkerCheck = System.nanoTime();
    while (true) {
      boolean anyActive = false;
      for (StreamingQuery q : queries) {
        if (q.exception().isDefined()) {
          stopGracefully();
          throw q.exception().get();
        }
        anyActive |= q.isActive();
      }
      if (!anyActive) {
        LOG.info("every query has caught up and ended");
        awaitLastProgress();
        progress.state("caught-up");
        return;
      }
      boolean marker = false;
      if (System.nanoTime() - nextMarkerCheck >= 0) {
        marker = stopMarkerPresent(stopMarker);
        nextMarkerCheck = System.nanoTime() + markerEveryNanos;
      }
      if (stopRequested.getAsBoolean() || marker) {
        LOG.info("stop requested: letting running batches commit");
        stopGracefully();
        return;
      }
      Thread.sleep(200);
    }
  }

  private boolean stopMarkerPresent(String marker) {
    try {
      return StatusFiles.exists(marker, hadoopConf);
    } catch (IOException e) {
      LOG.warn("cannot look for the stop marker {}: {}", marker, e.toString());
      return false;
    }
  }

  /**
   * Stops each query between batches: lets the batch that is writing finish and commit (up to 60
   * s), while the next batch of each query parks at its {@link #gate}; then stops the queries.
   */
  public void stopGracefully() throws TimeoutException, InterruptedException {
    stopping = true;
    progress.state("stopping");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (StreamingQuery q : queries) {
      while (q.isActive()
          && q.status().isTriggerActive()
          && !parked.contains(q.name())
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      q.stop();
    }
    awaitLastProgress();
    progress.state("stopped");
  }

  /**
   * Progress events reach listeners asynchronously: waits (up to 10 s) until the reporter has
   * handled each query's last batch, so its totals and the status file are final.
   */
  private void awaitLastProgress() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    for (StreamingQuery q : queries) {
      StreamingQueryProgress last = q.lastProgress();
      if (last != null && !progress.awaitBatch(q.name(), last.batchId(), deadline)) {
        LOG.warn("[{}] progress of batch {} not reported in time", q.name(), last.batchId());
      }
    }
  }

  @Override
  public void close() throws IOException {
    spark.streams().removeListener(progress);
    connection.close();
  }
}
