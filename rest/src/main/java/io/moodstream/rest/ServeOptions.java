package io.moodstream.rest;

import java.util.List;
import java.util.Optional;

/**
 * The arguments of {@code ./moodstream serve}.
 *
 * @param help {@code --help} was given
 * @param port {@code --port N}, overriding {@code rest.port}
 */
public record ServeOptions(boolean help, Optional<Integer> port) {

  public static final String USAGE =
      """
      Usage: moodstream serve [--port N]

      Runs the REST service over HBase and serves the D3 dashboard at http://<rest.bind.address>:<port>/.

      Endpoints: GET /api/v1/topics, /api/v1/series, /api/v1/extremes, /api/v1/live (SSE),
      /api/v1/score, /api/openapi.json, /health/live, /health/ready, /health, /metrics.

      Options:
        --port N     TCP port (1..65535); overrides rest.port (default 8080)
        -h, --help   print this help and exit

      Configuration (moodstream.properties or MOODSTREAM_* variables; every key in rest/README.md):
      rest.port, rest.bind.address, rest.cors.origins, rest.live.poll.interval,
      rest.stream.status.file, rest.hbase.timeout|threads|queue, rest.ready.timeout,
      rest.ready.stream.max.age, rest.shutdown.grace, rest.sse.max.clients[.per.address],
      rest.sse.queue.bytes, rest.sse.write.timeout, rest.ratelimit.score[.burst],
      rest.ratelimit.expensive[.burst|.buckets], rest.response.max.bytes, rest.cache.max.bytes,
      hbase.zookeeper.quorum, hbase.zookeeper.port. Secret (environment or _FILE only):
      MOODSTREAM_REST_AUTH_TOKEN, a bearer token required on /api/* and /metrics.

      On SIGTERM: readiness turns 503, live clients are told to reconnect, in-flight requests get
      rest.shutdown.grace to finish.

      Exit status: 0 stopped normally, 1 failed to start, 2 bad arguments or configuration.
      """;

  /**
   * Parses arguments; {@link IllegalArgumentException} with a readable message when they are bad.
   */
  public static ServeOptions parse(List<String> args) {
    boolean help = false;
    Optional<Integer> port = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-h", "--help" -> help = true;
        case "--port" -> {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("--port needs a value");
          }
          port = Optional.of(parsePort(args.get(++i)));
        }
        default -> {
          if (a.startsWith("--port=")) {
            port = Optional.of(parsePort(a.substring("--port=".length())));
          } else {
            throw new IllegalArgumentException("unknown argument '" + a + "'");
          }
        }
      }
    }
    return new ServeOptions(help, port);
  }

  private static int parsePort(String s) {
    try {
      int p = Integer.parseInt(s.trim());
      if (p >= 1 && p <= 65_535) {
        return p;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--port must be a number between 1 and 65535, was '" + s + "'");
  }
}
