package io.moodstream.rest;

import io.moodstream.rest.store.HBaseBucketStore;
import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.storage.HBaseClients;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ./moodstream serve [--port N]}: parses, wires, serves until stopped. */
public final class ServeMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServeMain.class);

  private ServeMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    ServeOptions options;
    try {
      options = ServeOptions.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      err.println("moodstream serve: " + e.getMessage());
      err.println("Try 'moodstream serve --help'.");
      return 2;
    }
    if (options.help()) {
      out.print(ServeOptions.USAGE);
      return 0;
    }
    MoodstreamConfig config;
    try {
      config = MoodstreamConfig.load(RestConfig.KEYS);
    } catch (ConfigException e) {
      err.println("moodstream serve: " + e.getMessage());
      return 2;
    }
    config.warnings().forEach(w -> LOG.warn("{}", w));
    RestConfig.Settings settings = RestConfig.Settings.from(config);
    if (options.port().isPresent()) {
      settings = settings.withPort(options.port().get());
    }

    Configuration hbase = hbaseConfiguration(config);
    try (Connection connection = ConnectionFactory.createConnection(hbase);
        RestServer server =
            RestServer.start(
                RestServices.create(
                    new HBaseBucketStore(connection, HBaseLayout.from(config)),
                    settings,
                    Clock.systemUTC()))) {
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "serve-shutdown"));
      err.println(
          "moodstream serve: listening on http://"
              + settings.bindAddress()
              + ":"
              + server.port()
              + "/");
      stop.await();
      LOG.info("stopping");
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (Exception e) {
      err.println("moodstream serve: failed to start: " + e.getMessage());
      LOG.debug("start failure", e);
      return 1;
    }
  }

  /**
   * The HBase client settings of the service: where HBase is ({@link HBaseClients}), and short
   * timeouts ({@code rest.hbase.timeout}) so that a request answers 503 quickly when HBase is down
   * instead of retrying for minutes.
   */
  public static Configuration hbaseConfiguration(MoodstreamConfig config) {
    return HBaseClients.configuration(
        config, HBaseClients.Timeouts.within(config.get(RestConfig.HBASE_TIMEOUT)));
  }

  public static void applyTimeouts(Configuration c, Duration timeout) {
    HBaseClients.Timeouts.within(timeout).applyTo(c);
  }
}
