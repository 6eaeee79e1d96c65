package io.moodstream.ingest.source.live;

import java.time.Duration;

/**
 * The reconnect delays the streaming platforms document (Twitter v1.1, X API v2):
 *
 * <ul>
 *   <li>{@link Kind#NETWORK} (TCP/IP errors, a dropped connection, a stall, a {@code disconnect}
 *       notice): linear, 250 ms more each attempt, up to 16 s;
 *   <li>{@link Kind#HTTP} (an HTTP error such as 500 or 503): exponential from 5 s, doubling, up to
 *       320 s;
 *   <li>{@link Kind#RATE_LIMIT} (HTTP 420 or 429): exponential from 60 s, doubling; the platforms
 *       name no cap, this one stops doubling at 960 s (16 min).
 * </ul>
 *
 * Each kind counts its own attempts; {@link #reset()} (after a connection that was accepted) starts
 * them all over. Not thread-safe.
 */
public final class Backoff {
  public enum Kind {
    NETWORK("network"),
    HTTP("http"),
    RATE_LIMIT("rate-limit");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  static final Duration NETWORK_STEP = Duration.ofMillis(250);
  static final Duration NETWORK_CAP = Duration.ofSeconds(16);
  static final Duration HTTP_FIRST = Duration.ofSeconds(5);
  static final Duration HTTP_CAP = Duration.ofSeconds(320);
  static final Duration RATE_FIRST = Duration.ofSeconds(60);
  static final Duration RATE_CAP = Duration.ofSeconds(960);

  private int network;
  private int http;
  private int rate;

  /** The delay before the next attempt after a failure of this kind. */
  public Duration next(Kind kind) {
    return switch (kind) {
      case NETWORK -> min(NETWORK_STEP.multipliedBy(++network), NETWORK_CAP);
      case HTTP -> min(HTTP_FIRST.multipliedBy(1L << Math.min(http++, 20)), HTTP_CAP);
      case RATE_LIMIT -> min(RATE_FIRST.multipliedBy(1L << Math.min(rate++, 20)), RATE_CAP);
    };
  }

  public void reset() {
    network = 0;
    http = 0;
    rate = 0;
  }

  /** The kind of a failed HTTP answer, or null when retrying cannot help. */
  public static Kind ofStatus(int status) {
    return switch (status) {
      case 420, 429 -> Kind.RATE_LIMIT;
      case 400, 401, 403, 404, 406, 413, 416 -> null;
      default -> status <= 0 ? Kind.NETWORK : Kind.HTTP;
    };
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
