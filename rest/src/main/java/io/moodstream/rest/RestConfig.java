package io.moodstream.rest;

import io.moodstream.rest.live.LiveHub;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import java.time.Duration;
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
          "JSON status file of the streaming job: /metrics publishes its numbers, /health/ready"
              + " checks its age (empty = none)");

  public static final ConfigKey<Duration> HBASE_TIMEOUT =
      ConfigKey.duration(
          "rest.hbase.timeout",
          Duration.ofSeconds(5),
          Duration.ofMillis(100),
          "longest a request waits for its HBase reads before it answers 503 with Retry-After");

  public static final ConfigKey<Integer> HBASE_THREADS =
      ConfigKey.integer(
          "rest.hbase.threads",
          8,
          1,
          256,
          "threads that run HBase-bound work (the bulkhead); requests never wait on HBase on the"
              + " HTTP threads");

  public static final ConfigKey<Integer> HBASE_QUEUE =
      ConfigKey.integer(
          "rest.hbase.queue",
          32,
          0,
          10_000,
          "HBase-bound requests that may wait for a bulkhead thread; beyond that they answer 503");

  public static final ConfigKey<Duration> READY_TIMEOUT =
      ConfigKey.duration(
          "rest.ready.timeout",
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          "how long /health/ready waits for HBase to answer a one-row scan");

  public static final ConfigKey<Duration> READY_STREAM_MAX_AGE =
      ConfigKey.duration(
          "rest.ready.stream.max.age",
          Duration.ofMinutes(2),
          Duration.ZERO,
          "the streaming job's status is fresh while it was rewritten at most this long ago (the"
              + " job rewrites it at least every 10 s, idle or not); 0 = /health/ready ignores it");

  public static final ConfigKey<Duration> SHUTDOWN_GRACE =
      ConfigKey.duration(
          "rest.shutdown.grace",
          Duration.ofSeconds(10),
          Duration.ZERO,
          "on SIGTERM: how long in-flight requests may take to finish before they are cut");

  public static final ConfigKey<Integer> SSE_MAX_CLIENTS =
      ConfigKey.integer(
          "rest.sse.max.clients",
          1_000,
          1,
          1_000_000,
          "live (SSE) clients at once; more are answered 503 with Retry-After");

  public static final ConfigKey<Integer> SSE_MAX_CLIENTS_PER_ADDRESS =
      ConfigKey.integer(
          "rest.sse.max.clients.per.address",
          20,
          1,
          1_000_000,
          "live (SSE) clients at once from one client address; more are answered 503");

  public static final ConfigKey<Integer> SSE_QUEUE_BYTES =
      ConfigKey.integer(
          "rest.sse.queue.bytes",
          512 * 1024,
          4 * 1024,
          64 * 1024 * 1024,
          "events waiting to be written to one live client, in bytes; a client that falls further"
              + " behind is disconnected");

  public static final ConfigKey<Duration> SSE_WRITE_TIMEOUT =
      ConfigKey.duration(
          "rest.sse.write.timeout",
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          "longest a live client's connection may take no write (it stopped reading and its"
              + " buffers are full) before it is closed");

  public static final ConfigKey<Integer> SCORE_RATE =
      ConfigKey.integer(
          "rest.ratelimit.score",
          20,
          0,
          1_000_000,
          "/api/v1/score calls per second per client address (token bucket); 0 = no limit");

  public static final ConfigKey<Integer> SCORE_BURST =
      ConfigKey.integer(
          "rest.ratelimit.score.burst",
          40,
          1,
          1_000_000,
          "/api/v1/score calls a client address may make at once before the rate applies");

  public static final ConfigKey<Integer> EXPENSIVE_RATE =
      ConfigKey.integer(
          "rest.ratelimit.expensive",
          30,
          0,
          1_000_000,
          "expensive range reads per minute per client address (token bucket); 0 = no limit");

  public static final ConfigKey<Integer> EXPENSIVE_BURST =
      ConfigKey.integer(
          "rest.ratelimit.expensive.burst",
          10,
          1,
          1_000_000,
          "expensive range reads a client address may make at once before the rate applies");

  public static final ConfigKey<Integer> EXPENSIVE_BUCKETS =
      ConfigKey.integer(
          "rest.ratelimit.expensive.buckets",
          10_000,
          1,
          Integer.MAX_VALUE,
          "a series or extremes read is expensive when it covers more stored buckets than this"
              + " (e.g. 5 minute steps over 7 days: 10,080 minute buckets per topic)");

  public static final ConfigKey<Integer> RESPONSE_MAX_BYTES =
      ConfigKey.integer(
          "rest.response.max.bytes",
          16 * 1024 * 1024,
          64 * 1024,
          Integer.MAX_VALUE,
          "largest JSON or CSV answer, in bytes before compression; a larger one is refused with"
              + " 400 (ask fewer topics, a coarser step or a shorter range)");

  public static final ConfigKey<Integer> CACHE_MAX_BYTES =
      ConfigKey.integer(
          "rest.cache.max.bytes",
          64 * 1024 * 1024,
          1024 * 1024,
          Integer.MAX_VALUE,
          "memory the settled-bucket cache may hold, in bytes (least recently used evicted)");

  public static final ConfigKey<String> AUTH_TOKEN =
      ConfigKey.secret(
          "rest.auth.token",
          "bearer token required on /api/* and /metrics (Authorization: Bearer <token>); unset ="
              + " no authentication");

  public static final List<ConfigKey<?>> KEYS =
      CommonConfig.plus(
          List.of(
              PORT,
              BIND_ADDRESS,
              CORS_ORIGINS,
              LIVE_POLL_INTERVAL,
              STREAM_STATUS_FILE,
              HBASE_TIMEOUT,
              HBASE_THREADS,
              HBASE_QUEUE,
              READY_TIMEOUT,
              READY_STREAM_MAX_AGE,
              SHUTDOWN_GRACE,
              SSE_MAX_CLIENTS,
              SSE_MAX_CLIENTS_PER_ADDRESS,
              SSE_QUEUE_BYTES,
              SSE_WRITE_TIMEOUT,
              SCORE_RATE,
              SCORE_BURST,
              EXPENSIVE_RATE,
              EXPENSIVE_BURST,
              EXPENSIVE_BUCKETS,
              RESPONSE_MAX_BYTES,
              CACHE_MAX_BYTES,
              AUTH_TOKEN));

  /**
   * How HBase is read.
   *
   * @param timeout longest a request waits for its HBase work
   * @param threads bulkhead threads
   * @param queue bulkhead queue slots
   */
  public record HBaseAccess(Duration timeout, int threads, int queue) {}

  /**
   * Probes and stopping.
   *
   * @param readyTimeout how long the readiness probe waits for HBase
   * @param streamMaxAge age beyond which the stream status is stale ({@link Duration#ZERO}:
   *     ignored)
   * @param shutdownGrace how long in-flight requests may take on shutdown
   */
  public record Health(Duration readyTimeout, Duration streamMaxAge, Duration shutdownGrace) {}

  /**
   * Token-bucket rate limits per client address.
   *
   * @param scorePerSecond score calls per second (0 = none)
   * @param scoreBurst score bucket size
   * @param expensivePerMinute expensive reads per minute (0 = none)
   * @param expensiveBurst expensive bucket size
   * @param expensiveBuckets stored buckets beyond which a read is expensive
   */
  public record RateLimits(
      int scorePerSecond,
      int scoreBurst,
      int expensivePerMinute,
      int expensiveBurst,
      int expensiveBuckets) {}

  /**
   * The resolved settings of the service.
   *
   * @param port TCP port (0 = any free port, for tests)
   * @param bindAddress listen address
   * @param corsOrigins allowed origins; empty = no CORS headers at all
   * @param livePollInterval poll period of the live pollers
   * @param streamStatusFile where the streaming job's status is, if configured
   * @param hbase how HBase is read
   * @param health probes and stopping
   * @param sse live client limits
   * @param rates rate limits
   * @param responseMaxBytes largest answer
   * @param cacheMaxBytes memory of the settled-bucket cache
   * @param authToken the bearer token, if authentication is on (never logged)
   */
  public record Settings(
      int port,
      String bindAddress,
      List<String> corsOrigins,
      Duration livePollInterval,
      Optional<String> streamStatusFile,
      HBaseAccess hbase,
      Health health,
      LiveHub.Limits sse,
      RateLimits rates,
      long responseMaxBytes,
      long cacheMaxBytes,
      Optional<String> authToken) {
    public Settings {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be in 0..65535");
      }
      corsOrigins = List.copyOf(corsOrigins);
      authToken = authToken.filter(t -> !t.isBlank());
    }

    public static Settings from(MoodstreamConfig config) {
      String status = config.get(STREAM_STATUS_FILE).trim();
      return new Settings(
          config.get(PORT),
          config.get(BIND_ADDRESS),
          config.get(CORS_ORIGINS),
          config.get(LIVE_POLL_INTERVAL),
          status.isEmpty() ? Optional.empty() : Optional.of(status),
          new HBaseAccess(
              config.get(HBASE_TIMEOUT), config.get(HBASE_THREADS), config.get(HBASE_QUEUE)),
          new Health(
              config.get(READY_TIMEOUT),
              config.get(READY_STREAM_MAX_AGE),
              config.get(SHUTDOWN_GRACE)),
          new LiveHub.Limits(
              config.get(SSE_MAX_CLIENTS),
              config.get(SSE_MAX_CLIENTS_PER_ADDRESS),
              config.get(SSE_QUEUE_BYTES),
              config.get(SSE_WRITE_TIMEOUT)),
          new RateLimits(
              config.get(SCORE_RATE),
              config.get(SCORE_BURST),
              config.get(EXPENSIVE_RATE),
              config.get(EXPENSIVE_BURST),
              config.get(EXPENSIVE_BUCKETS)),
          config.get(RESPONSE_MAX_BYTES),
          config.get(CACHE_MAX_BYTES),
          Optional.ofNullable(config.get(AUTH_TOKEN)));
    }

    public Settings withPort(int p) {
      return new Settings(
          p,
          bindAddress,
          corsOrigins,
          livePollInterval,
          streamStatusFile,
          hbase,
          health,
          sse,
          rates,
          responseMaxBytes,
          cacheMaxBytes,
          authToken);
    }

    /** Whether the listen address reaches beyond this machine. */
    public boolean bindsBeyondLoopback() {
      String a = bindAddress.trim();
      return !(a.equals("localhost") || a.startsWith("127.") || a.equals("::1"));
    }

    /** Like the record's, with the token masked: settings may be logged. */
    @Override
    public String toString() {
      return "Settings[port="
          + port
          + ", bindAddress="
          + bindAddress
          + ", corsOrigins="
          + corsOrigins
          + ", livePollInterval="
          + livePollInterval
          + ", streamStatusFile="
          + streamStatusFile
          + ", hbase="
          + hbase
          + ", health="
          + health
          + ", sse="
          + sse
          + ", rates="
          + rates
          + ", responseMaxBytes="
          + responseMaxBytes
          + ", cacheMaxBytes="
          + cacheMaxBytes
          + ", authToken="
          + (authToken.isPresent() ? "<secret>" : "none")
          + "]";
    }
  }
}
