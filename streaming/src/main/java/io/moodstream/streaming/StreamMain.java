package io.moodstream.streaming;

import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.storage.HBaseClients;
import io.moodstream.storage.StatusFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ./moodstream stream}: runs, stops or shows the Spark streaming job. */
public final class StreamMain {
  private static final Logger LOG = LoggerFactory.getLogger(StreamMain.class);

  static final String USAGE =
      """
      Usage: moodstream stream [run] [--until-caught-up]
             moodstream stream stop
             moodstream stream status

      Commands:
        run (default)       run the Spark job: moodstream.posts -> per-topic minute aggregates,
                            extremes and hour/day rollups in HBase; deletes from moodstream.deletes;
                            rejected records to moodstream.dlq. Resumes from its checkpoint.
          --until-caught-up process the backlog (Trigger.AvailableNow) and exit: backfills, replays
        stop                ask a running job to stop cleanly (it finishes its running batch)
        status              print the job's status file (rates, watermark, late posts)

      Options:
        -h, --help          this help

      SIGTERM stops cleanly too. Configuration: moodstream.properties, MOODSTREAM_* variables, and
      under spark-submit --conf spark.moodstream.<key>=<value> (which wins; secrets never):
        kafka.bootstrap.servers, kafka.client.* and kafka.client.config (Kafka security),
        hbase.zookeeper.quorum, hbase.zookeeper.port (else hbase-site.xml / HBASE_CONF_DIR),
        streaming.checkpoint.location (else spark.sql.streaming.checkpointLocation),
        streaming.shuffle.partitions (unless spark.sql.shuffle.partitions is set),
        streaming.trigger.interval, streaming.max.offsets.per.trigger,
        streaming.kafka.fetch.max.wait, streaming.starting.offsets, streaming.watermark,
        streaming.extremes.k, posts.max.clock.skew (createdAt vs Kafka append time),
        streaming.spark.master, streaming.tables.wait, streaming.status.file, streaming.stop.file
        (the last two: a path or a Hadoop FileSystem URI such as hdfs:///moodstream/run/stream.stop)
      All in streaming/README.md and docs/CONFIGURATION.md.
      """;

  private StreamMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> a = List.of(args);
    if (a.contains("-h") || a.contains("--help")) {
      out.print(USAGE);
      return 0;
    }
    String cmd = a.isEmpty() || a.get(0).startsWith("--") ? "run" : a.get(0);
    List<String> opts = a.isEmpty() || a.get(0).startsWith("--") ? a : a.subList(1, a.size());
    List<String> allowed =
        switch (cmd) {
          case "run" -> List.of("--until-caught-up");
          case "stop", "status" -> List.of();
          default -> null;
        };
    if (allowed == null) {
      err.println(
          "moodstream stream: unknown command '" + cmd + "' (expected run, stop or status)");
      err.print(USAGE);
      return 2;
    }
    for (String o : opts) {
      if (!allowed.contains(o)) {
        err.println("moodstream stream " + cmd + ": unknown option '" + o + "'");
        err.print(USAGE);
        return 2;
      }
    }
    MoodstreamConfig config;
    try {
      config =
          MoodstreamConfig.load(
              StreamingConfig.KEYS,
              MoodstreamConfig.Overrides.sparkConf(StreamJob.asMap(new SparkConf())));
    } catch (ConfigException e) {
      err.println("moodstream stream: " + e.getMessage());
      return 2;
    }
    config.warnings().forEach(w -> err.println("warning: " + w));
    String stopMarker = config.get(StreamingConfig.STOP_FILE);
    String statusFile = config.get(StreamingConfig.STATUS_FILE);
    try {
      switch (cmd) {
        case "stop" -> {
          StatusFiles.write(stopMarker, "stop\n".getBytes(StandardCharsets.UTF_8));
          out.println("asked the streaming job to stop (" + StatusFiles.describe(stopMarker) + ")");
          return 0;
        }
        case "status" -> {
          Optional<StatusFiles.Content> status = StatusFiles.read(statusFile);
          if (status.isEmpty()) {
            err.println(
                "moodstream stream: no status file at "
                    + StatusFiles.describe(statusFile)
                    + " (job never ran?)");
            return 1;
          }
          out.print(new String(status.get().bytes(), StandardCharsets.UTF_8));
          return 0;
        }
        default -> {
          return runJob(config, opts.contains("--until-caught-up"), stopMarker, err);
        }
      }
    } catch (IOException e) {
      err.println("moodstream stream: " + e.getMessage());
      return 1;
    }
  }

  private static int runJob(
      MoodstreamConfig config, boolean untilCaughtUp, String stopMarker, PrintStream err)
      throws IOException {
    LOG.info("configuration:\n{}", config.describe());
    AtomicBoolean stopRequested = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    // Before Spark's own hooks (priority 50 stops the SparkContext): let the running batch commit.
    org.apache.hadoop.util.ShutdownHookManager.get()
        .addShutdownHook(
            () -> {
              stopRequested.set(true);
              try {
                stopped.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            100,
            70,
            TimeUnit.SECONDS);
    SparkSession spark = StreamJob.session(config);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    StatusFiles.delete(stopMarker, hadoop); // a marker left from an earlier stop
    Connection connection;
    try {
      connection = HBaseClients.connect(config, HBaseClients.Timeouts.JOB);
    } catch (IOException e) {
      err.println("moodstream stream: cannot connect to HBase: " + e.getMessage());
      stopped.countDown();
      return 1;
    }
    try (StreamJob job = new StreamJob(spark, config, connection)) {
      job.start(untilCaughtUp);
      job.runUntilStopped(stopMarker, stopRequested::get);
      return 0;
    } catch (IllegalStateException e) {
      err.println("moodstream stream: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      err.println(
          "moodstream stream: cannot reach HBase (ZooKeeper "
              + HBaseClients.where(connection.getConfiguration())
              + "): "
              + root);
      return 1;
    } catch (Exception e) {
      LOG.error("the streaming job failed", e);
      err.println("moodstream stream: the job failed: " + e);
      return 1;
    } finally {
      stopped.countDown();
      StatusFiles.delete(stopMarker, hadoop);
    }
  }
}
