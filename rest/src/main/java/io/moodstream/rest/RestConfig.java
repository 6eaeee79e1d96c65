package io.moodstream.rest;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configuration keys of {@code ./moodstream serve}, declared in one place, and the resolved
 * settings as a record.
 */
public final class RestConfig {
  private RestConfig() {}

  public static final ConfigKey<Integer> PORT =
      ConfigKey.integer("rest.port", 8080, 1, 65_535, "TCP port of the REST service and dashboard");

  public static final ConfigKey<String> BIND_ADDRESS =
      ConfigKey.string(
          "rest.bind.address",
          "127.0.0.1",
          "address the service listens on (0.0.0.0 for every interface)");

  public static final ConfigKey<List<String>> CORS_ORIGINS =
      ConfigKey.list(
          "rest.cors.origins",
          List.of(),
          "origins allowed to call the API from a browser (comma-separated, * for any); empty"
              + " = CORS off");

  public static final ConfigKey<Duration> LIVE_POLL_INTERVAL =
      ConfigKey.duration(
          "rest.live.poll.interval",
          Duration.ofSeconds(1),
          Duration.ofMillis(100),
          "how often the one poller per live topic scans the latest minutes in HBase");

  public static final ConfigKey<String> STREAM_STATUS_FILE =
      ConfigKey.string(
          "rest.stream.status.file",
          "",
          "JSON status file of the streaming job whose numbers /metrics republishes (empty ="
              + " none)");

  public static final ConfigKey<Duration> HBASE_TIMEOUT =
      ConfigKey.duration(
          "rest.hbase.timeout",
          Duration.ofSeconds(5),
          Duration.ofMillis(100),
          "longest an HBase read may take before the request answers 503");

  public static final List<ConfigKey<?>> KEYS = keys();

  private static List<ConfigKey<?>> keys() {
    List<ConfigKey<?>> k = new ArrayList<>(CommonConfig.KEYS);
    k.addAll(
        List.of(
            PORT,
            BIND_ADDRESS,
            CORS_ORIGINS,
            LIVE_POLL_INTERVAL,
            STREAM_STATUS_FILE,
            HBASE_TIMEOUT));
    return List.copyOf(k);
  }

  /**
   * The resolved settings of the service.
   *
   * @param port TCP port (0 = any free port, for tests)
   * @param bindAddress listen address
   * @param corsOrigins allowed origins; empty = no CORS headers at all
   * @param livePollInterval poll period of the live pollers
   * @param streamStatusFile the streaming job's status file, if configured
   */
  public record Settings(
      int port,
      String bindAddress,
      List<String> corsOrigins,
      Duration livePollInterval,
      Optional<Path> streamStatusFile) {
    public Settings {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be in 0..65535");
      }
      corsOrigins = List.copyOf(corsOrigins);
    }

    public static Settings from(MoodstreamConfig config) {
      String status = config.get(STREAM_STATUS_FILE).trim();
      return new Settings(
          config.get(PORT),
          config.get(BIND_ADDRESS),
          config.get(CORS_ORIGINS),
          config.get(LIVE_POLL_INTERVAL),
          status.isEmpty() ? Optional.empty() : Optional.of(Path.of(status)));
    }

    /** Loopback, any free port, no CORS, 1 s polling: for tests and benchmarks. */
    public static Settings forTests() {
      return new Settings(0, "127.0.0.1", List.of(), Duration.ofMillis(200), Optional.empty());
    }

    public Settings withPort(int p) {
      return new Settings(p, bindAddress, corsOrigins, livePollInterval, streamStatusFile);
    }

    public Settings withCorsOrigins(List<String> origins) {
      return new Settings(port, bindAddress, origins, livePollInterval, streamStatusFile);
    }

    public Settings withStreamStatusFile(Path p) {
      return new Settings(port, bindAddress, corsOrigins, livePollInterval, Optional.ofNullable(p));
    }
  }
}
