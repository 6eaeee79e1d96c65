package io.moodstream.ingest;

import io.moodstream.ingest.core.DamagedInputException;
import io.moodstream.ingest.core.EventSink;
import io.moodstream.ingest.core.FatalSourceException;
import io.moodstream.ingest.core.IngestSource;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.ingest.core.Summary;
import io.moodstream.ingest.core.TopicMatcher;
import io.moodstream.ingest.kafka.KafkaEventSink;
import io.moodstream.ingest.kafka.Spool;
import io.moodstream.schema.cli.Cli;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.KafkaClientConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.Source;
import io.moodstream.schema.kafka.KafkaTopicApplier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./moodstream ingest}: parses the command line and configuration, wires a source to the
 * Kafka sink, installs the stop handlers and prints the summary. The work is in {@link #run}.
 */
@Command(
    name = "moodstream ingest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    customSynopsis = "moodstream ingest [--source] SOURCE [options] [PATH...]",
    description = {
      "Sources:",
      "  synthetic              realistic generated posts (default): --rate, --seed, --from/--to",
      "  replay PATH...         files or directories: v1.1 status JSON lines (plain, .gz, .bz2),",
      "                         the Archive Team layout yyyy/mm/dd/HH/MM.json.bz2 (also in a .tar),",
      "                         X API v2 JSON lines, Moodstream post JSONL",
      "  twitter-v1             Twitter API v1.1 statuses/filter (or sample) through twitter4j",
      "  x-v2                   X API v2 filtered stream; syncs the stream rules to the topics",
      "  bluesky                Bluesky Jetstream (app.bsky.feed.post), resumes from its cursor",
      ""
    },
    footer = {
      "",
      "Stops cleanly on SIGTERM or Ctrl-C: stops reading, flushes to Kafka, prints a summary, exit 0.",
      "Exit codes: 0 done or stopped, 1 the source failed (or the spool is full), 2 bad usage or",
      "configuration, 3 damaged input (every record before the damage was delivered).",
      "Configuration: moodstream.properties or MOODSTREAM_* variables; the keys are listed in",
      "ingest/README.md (kafka.bootstrap.servers, ingest.track, ingest.state.dir, ...);",
      "Kafka security: kafka.client.* / kafka.client.config (docs/CONFIGURATION.md); posts dated",
      "more than posts.max.clock.skew (5m) ahead of this machine's clock go to the DLQ.",
      "Secrets come from the environment only: MOODSTREAM_INGEST_X_BEARER_TOKEN,",
      "MOODSTREAM_INGEST_TWITTER_{CONSUMER_KEY,CONSUMER_SECRET,ACCESS_TOKEN,ACCESS_SECRET}."
    })
public final class IngestMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

  @Mixin IngestArgs.Line line = new IngestArgs.Line();
  @Spec CommandSpec spec;

  private final ConfigLoader loader;
  private final Lifecycle life;
  private final PrintStream out;
  private final PrintStream err;

  private IngestMain(ConfigLoader loader, Lifecycle life, PrintStream out, PrintStream err) {
    this.loader = loader;
    this.life = life;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    Lifecycle life = new Lifecycle();
    installStopHandlers(life);
    int code = run(args, MoodstreamConfig::load, life, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Loads configuration for a list of keys (the environment in production, a map in tests). */
  public interface ConfigLoader {
    MoodstreamConfig load(List<io.moodstream.schema.config.ConfigKey<?>> keys);
  }

  /**
   * Runs one ingest until the source ends or {@code life} is stopped.
   *
   * @return the exit code: 0 done or stopped cleanly, 1 the source failed, 2 bad usage/config, 3
   *     damaged input (records before the damage delivered)
   */
  public static int run(
      String[] argv, ConfigLoader loader, Lifecycle life, PrintStream out, PrintStream err) {
    return Cli.execute(new IngestMain(loader, life, out, err), argv, out, err);
  }

  @Override
  public Integer call() {
    IngestArgs args;
    try {
      args = line.args();
    } catch (IllegalArgumentException e) {
      throw Cli.usageError(spec, e.getMessage());
    }
    return ingest(args, loader.load(IngestConfig.KEYS), life, out, err);
  }

  private static int ingest(
      IngestArgs args, MoodstreamConfig config, Lifecycle life, PrintStream out, PrintStream err) {
    config.warnings().forEach(w -> err.println("warning: " + w));
    String sourceName = args.source() != null ? args.source() : config.get(IngestConfig.SOURCE);
    Source source = Source.fromWireName(sourceName).orElseThrow();
    List<String> terms = args.topics() != null ? args.topics() : config.get(IngestConfig.TRACK);
    TopicMatcher matcher = TopicMatcher.of(terms);
    Path stateDir = Path.of(config.get(IngestConfig.STATE_DIR));
    Clock clock = Clock.systemUTC();

    IngestSource src;
    try {
      src = Sources.create(source, args, config, matcher, stateDir, clock, life, out, err);
    } catch (ConfigException | FatalSourceException e) {
      err.println("moodstream ingest " + sourceName + ": " + e.getMessage());
      return 2;
    }
    if (src == null) { // e.g. x-v2 --dry-run: done without Kafka
      return 0;
    }

    String bootstrap = config.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS);
    if (config.get(IngestConfig.CREATE_TOPICS)) {
      applyTopics(config, err);
    }
    Metrics metrics = new Metrics();
    Spool spool =
        new Spool(
            stateDir,
            (long) config.get(IngestConfig.SPOOL_MAX_MB) << 20,
            config.get(IngestConfig.SPOOL_FSYNC_INTERVAL),
            System::nanoTime);
    Instant started = clock.instant();
    ScheduledExecutorService status =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ingest-status");
              t.setDaemon(true);
              return t;
            });
    Path statusFile = stateDir.resolve("status.json");
    int code = 0;
    MetricsEndpoint endpoint = null;
    try (KafkaEventSink sink = KafkaEventSink.create(config, spool, metrics, sourceName)) {
      try {
        long resent = sink.resendSpool();
        if (resent > 0) {
          err.println("re-sent " + resent + " record(s) from the spool of an earlier run");
        }
      } catch (java.io.IOException e) {
        err.println("warning: cannot read the spool in " + stateDir + ": " + e);
      }
      status.scheduleAtFixedRate(
          () -> {
            spool.syncIfDue();
            writeStatus(statusFile, sourceName, "running", started, clock, metrics);
          },
          0,
          2,
          TimeUnit.SECONDS);
      endpoint = startMetricsEndpoint(config, sourceName, metrics, spool, err);
      LOG.info(
          "[{}] producing to Kafka at {}; topics: {}", sourceName, bootstrap, matcher.topics());
      Ingestor ingestor =
          new Ingestor(
              source, matcher, sink, metrics, clock, config.get(CommonConfig.POSTS_MAX_CLOCK_SKEW));
      try {
        src.run(ingestor, life);
      } catch (FatalSourceException e) {
        err.println("moodstream ingest " + sourceName + ": " + e.getMessage());
        code = 1;
      } catch (DamagedInputException e) {
        err.println("moodstream ingest " + sourceName + ": " + e.getMessage() + ":");
        e.damages().forEach(d -> err.println("  " + d));
        code = 3;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.error("[{}] source failed", sourceName, e);
        err.println("moodstream ingest " + sourceName + ": failed: " + e);
        code = 1;
      }
      flushQuietly(sink);
    } finally {
      if (endpoint != null) {
        endpoint.close();
      }
      status.shutdownNow();
      writeStatus(
          statusFile, sourceName, life.stopping() ? "stopped" : "done", started, clock, metrics);
    }
    out.print(Summary.render(sourceName, metrics, Duration.between(started, clock.instant())));
    if (metrics.get(sourceName, "kafka.spooled") > 0) {
      out.println(
          "  "
              + metrics.get(sourceName, "kafka.spooled")
              + " record(s) are in "
              + spool.file()
              + " and will be re-sent at the next start");
    }
    return code;
  }

  /**
   * The scrape endpoint when {@code ingest.metrics.port} is set (else null); a failure is a
   * warning.
   */
  static MetricsEndpoint startMetricsEndpoint(
      MoodstreamConfig config, String source, Metrics metrics, Spool spool, PrintStream err) {
    int port = config.get(IngestConfig.METRICS_PORT);
    if (port < 0) {
      return null;
    }
    String bind = config.get(IngestConfig.METRICS_BIND_ADDRESS);
    try {
      MetricsEndpoint e =
          MetricsEndpoint.start(bind, port, source, metrics, spool::bytes, spool.maxBytes());
      LOG.info("[{}] metrics at http://{}:{}/metrics", source, bind, e.port());
      return e;
    } catch (java.io.IOException | RuntimeException e) {
      err.println(
          "warning: no metrics endpoint on " + bind + ":" + port + " (" + e.getMessage() + ")");
      return null;
    }
  }

  private static void flushQuietly(EventSink sink) {
    try {
      sink.flush();
    } catch (RuntimeException e) {
      LOG.warn("flush: {}", e.toString());
    }
  }

  /** The admin client's settings: short timeouts, then the kafka.client.* pass-through. */
  static Map<String, Object> adminConfig(MoodstreamConfig config) {
    Map<String, Object> a = new java.util.HashMap<>();
    a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    a.putAll(KafkaClientConfig.properties(config));
    return a;
  }

  static void applyTopics(MoodstreamConfig config, PrintStream err) {
    try (Admin admin = Admin.create(adminConfig(config))) {
      err.println(new KafkaTopicApplier(admin, 15_000).apply(config).describe());
    } catch (Exception e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      err.println(
          "warning: cannot check the Kafka topics at "
              + config.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)
              + " ("
              + c
              + "); going on: undeliverable records are spooled");
    }
  }

  private static void writeStatus(
      Path file, String source, String state, Instant started, Clock clock, Metrics m) {
    try {
      Summary.writeStatus(file, source, state, started, clock.instant(), m);
    } catch (Exception e) {
      LOG.debug("cannot write {}: {}", file, e.toString());
    }
  }

  /**
   * SIGTERM and Ctrl-C stop the source instead of the JVM, so the main thread flushes, prints the
   * summary and exits 0. Falls back to a shutdown hook where signals cannot be handled.
   */
  @SuppressWarnings("removal")
  static void installStopHandlers(Lifecycle life) {
    for (String sig : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(
            new sun.misc.Signal(sig),
            s -> {
              if (life.stopping()) { // a second Ctrl-C: give up at once
                Runtime.getRuntime().halt(130);
              }
              System.err.println(
                  "moodstream ingest: SIG" + sig + " received, stopping (flushing to Kafka) ...");
              life.stop();
            });
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        Runtime.getRuntime().addShutdownHook(new Thread(life::stop, "ingest-stop"));
      }
    }
  }
}
