package io.moodstream.streaming;

import io.moodstream.schema.cli.Cli;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.storage.HBaseClients;
import io.moodstream.storage.StatusFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code ./moodstream stream}: runs, stops or shows the Spark streaming job. */
@Command(
    name = "moodstream stream",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    subcommandsRepeatable = false,
    synopsisSubcommandLabel = "[run | stop | status]",
    description = {
      "Runs (the default), stops or shows the Spark job: moodstream.posts -> per-topic minute"
          + " aggregates, extremes and hour/day rollups in HBase; deletes from moodstream.deletes;"
          + " rejected records to moodstream.dlq. Resumes from its checkpoint.",
      ""
    },
    footer = {
      "",
      "SIGTERM stops cleanly too. Configuration: moodstream.properties, MOODSTREAM_* variables, and",
      "under spark-submit --conf spark.moodstream.<key>=<value> (which wins; secrets never):",
      "  kafka.bootstrap.servers, kafka.client.* and kafka.client.config (Kafka security),",
      "  hbase.zookeeper.quorum, hbase.zookeeper.port (else hbase-site.xml / HBASE_CONF_DIR),",
      "  streaming.checkpoint.location (else spark.sql.streaming.checkpointLocation),",
      "  streaming.shuffle.partitions (unless spark.sql.shuffle.partitions is set),",
      "  streaming.trigger.interval, streaming.max.offsets.per.trigger,",
      "  streaming.kafka.fetch.max.wait, streaming.starting.offsets, streaming.watermark,",
      "  streaming.extremes.k, posts.max.clock.skew (createdAt vs Kafka append time),",
      "  streaming.spark.master, streaming.tables.wait, streaming.status.file, streaming.stop.file",
      "  (the last two: a path or a Hadoop FileSystem URI such as hdfs:///moodstream/run/stream.stop)",
      "All in streaming/README.md and docs/CONFIGURATION.md."
    })
public final class StreamMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(StreamMain.class);

  static final String UNTIL_CAUGHT_UP =
      "process the backlog (Trigger.AvailableNow) and exit: backfills, replays";

  @Option(names = "--until-caught-up", description = UNTIL_CAUGHT_UP)
  boolean untilCaughtUp;

  private final PrintStream out;
  private final PrintStream err;

  StreamMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new StreamMain(out, err), args, out, err);
  }

  /** Without a subcommand: {@code run}. */
  @Override
  public Integer call() throws IOException {
    return run(untilCaughtUp);
  }

  @Command(
      name = "run",
      description = "Runs the Spark job (the default); resumes from its checkpoint.")
  int run(@Option(names = "--until-caught-up", description = UNTIL_CAUGHT_UP) boolean until)
      throws IOException {
    MoodstreamConfig config = config();
    return runJob(config, until || untilCaughtUp, config.get(StreamingConfig.STOP_FILE), err);
  }

  @Command(
      name = "stop",
      description = "Asks a running job to stop cleanly (it finishes its running batch).")
  int stop() throws IOException {
    String stopMarker = config().get(StreamingConfig.STOP_FILE);
    StatusFiles.write(stopMarker, "stop\n".getBytes(StandardCharsets.UTF_8));
    out.println("asked the streaming job to stop (" + StatusFiles.describe(stopMarker) + ")");
    return 0;
  }

  @Command(
      name = "status",
      description = "Prints the job's status file (rates, watermark, late posts).")
  int status() throws IOException {
    String statusFile = config().get(StreamingConfig.STATUS_FILE);
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

  private MoodstreamConfig config() {
    MoodstreamConfig config =
        MoodstreamConfig.load(
            StreamingConfig.KEYS,
            MoodstreamConfig.Overrides.sparkConf(StreamJob.asMap(new SparkConf())));
    config.warnings().forEach(w -> err.println("warning: " + w));
    return config;
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
