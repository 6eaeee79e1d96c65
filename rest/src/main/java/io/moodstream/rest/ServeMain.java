package io.moodstream.rest;

import io.moodstream.rest.store.HBaseBucketStore;
import io.moodstream.schema.cli.Cli;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.storage.HBaseClients;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./moodstream serve [--port N]}: parses, wires, serves until stopped. */
@Command(
    name = "moodstream serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the REST service over HBase and serves the D3 dashboard at"
          + " http://<rest.bind.address>:<port>/.",
      "",
      "Endpoints: GET /api/v1/topics, /api/v1/series, /api/v1/extremes, /api/v1/live (SSE),"
          + " /api/v1/score, /api/openapi.json, /health/live, /health/ready, /health, /metrics.",
      ""
    },
    footer = {
      "",
      "Configuration (moodstream.properties or MOODSTREAM_* variables; every key in rest/README.md):",
      "rest.port, rest.bind.address, rest.cors.origins, rest.live.poll.interval,",
      "rest.stream.status.file, rest.hbase.timeout|threads|queue, rest.ready.timeout,",
      "rest.ready.stream.max.age, rest.shutdown.grace, rest.sse.max.clients[.per.address],",
      "rest.sse.queue.bytes, rest.sse.write.timeout, rest.ratelimit.score[.burst],",
      "rest.ratelimit.expensive[.burst|.buckets], rest.response.max.bytes, rest.cache.max.bytes,",
      "hbase.zookeeper.quorum, hbase.zookeeper.port. Secret (environment or _FILE only):",
      "MOODSTREAM_REST_AUTH_TOKEN, a bearer token required on /api/* and /metrics.",
      "",
      "On SIGTERM: readiness turns 503, live clients are told to reconnect, in-flight requests get",
      "rest.shutdown.grace to finish.",
      "",
      "Exit status: 143 (SIGTERM) or 130 (Ctrl-C) after a clean stop by signal, 1 failed to start,",
      "2 bad arguments or configuration."
    })
public final class ServeMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeMain.class);

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port (1..65535); overrides rest.port (default 8080)")
  Integer port;

  @Spec CommandSpec spec;

  private final PrintStream err;

  ServeMain(PrintStream err) {
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new ServeMain(err), args, out, err);
  }

  @Override
  public Integer call() {
    if (port != null && (port < 1 || port > 65_535)) {
      throw Cli.usageError(spec, "--port must be a number between 1 and 65535, was '" + port + "'");
    }
    MoodstreamConfig config = MoodstreamConfig.load(RestConfig.KEYS);
    config.warnings().forEach(w -> LOG.warn("{}", w));
    RestConfig.Settings settings = RestConfig.Settings.from(config);
    if (port != null) {
      settings = settings.withPort(port);
    }

    Configuration hbase = hbaseConfiguration(config);
    RestServices services;
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    try (Connection connection = ConnectionFactory.createConnection(hbase)) {
      try {
        services =
            RestServices.create(
                new HBaseBucketStore(connection, HBaseLayout.from(config)),
                settings,
                Clock.systemUTC());
      } catch (IllegalArgumentException e) {
        err.println("moodstream serve: " + e.getMessage());
        return 2;
      }
      try (RestServer server = RestServer.start(services)) {
        // SIGTERM / Ctrl-C: let main stop the server gracefully, and keep the JVM alive until it
        // has (a shutdown hook that returns lets the JVM halt mid-stop).
        Duration grace = settings.health().shutdownGrace();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      stop.countDown();
                      try {
                        stopped.await(grace.toMillis() + 10_000, TimeUnit.MILLISECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    },
                    "serve-shutdown"));
        err.println(
            "moodstream serve: listening on http://"
                + settings.bindAddress()
                + ":"
                + server.port()
                + "/");
        if (settings.bindsBeyondLoopback() && settings.authToken().isEmpty()) {
          for (String line : RestServer.openWarning(settings.bindAddress())) {
            err.println("moodstream serve: " + line);
          }
        }
        stop.await();
        LOG.info("stopping (in-flight requests get up to {} s)", grace.toSeconds());
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (Exception e) {
      err.println("moodstream serve: failed to start: " + e.getMessage());
      LOG.debug("start failure", e);
      return 1;
    } finally {
      stopped.countDown();
    }
  }

  /**
   * The HBase client settings of the service: where HBase is and how long it may take, from {@link
   * HBaseClients} (the project's one place for client timeouts: {@code Timeouts.within(
   * rest.hbase.timeout)}, so a read ends soon after the bulkhead gave up on it), plus bounded
   * connection pools (by default HBase's client grows them to 256 threads under load).
   */
  public static Configuration hbaseConfiguration(MoodstreamConfig config) {
    Configuration c =
        HBaseClients.configuration(
            config, HBaseClients.Timeouts.within(config.get(RestConfig.HBASE_TIMEOUT)));
    boundPools(c);
    return c;
  }

  /** The HBase connection's thread pools, bounded: the bulkhead bounds the callers anyway. */
  static void boundPools(Configuration c) {
    c.setInt("hbase.hconnection.threads.max", 16);
    c.setInt("hbase.hconnection.threads.core", 4);
    c.setInt("hbase.hconnection.meta.lookup.threads.max", 4);
    c.setInt("hbase.hconnection.meta.lookup.threads.core", 1);
  }
}
