package io.moodstream.rest.http;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per refused or failed request (status, method, path, client, error code), at most
 * {@link #LINES_PER_SECOND} a second so that a flood of bad requests cannot flood the log: the
 * lines left out are counted and the next line says how many. Never logs headers (credentials) or a
 * stack trace; the path is cut to {@link #MAX_PATH} characters.
 */
public final class ErrorLog {
  private static final Logger LOG = LoggerFactory.getLogger("io.moodstream.rest.requests");
  static final int LINES_PER_SECOND = 20;
  static final int MAX_PATH = 200;

  private final LongSupplier nanos;
  private final java.util.concurrent.atomic.AtomicLong refused =
      new java.util.concurrent.atomic.AtomicLong();
  private long windowStart;
  private int lines;
  private long suppressed;

  public ErrorLog(LongSupplier nanos) {
    this.nanos = nanos;
    this.windowStart = nanos.getAsLong();
  }

  public void refused(int status, String method, String path, String client, String error) {
    refused.incrementAndGet();
    long skipped;
    synchronized (this) {
      long now = nanos.getAsLong();
      if (now - windowStart >= 1_000_000_000L) {
        windowStart = now;
        lines = 0;
      }
      if (lines >= LINES_PER_SECOND) {
        suppressed++;
        return;
      }
      lines++;
      skipped = suppressed;
      suppressed = 0;
    }
    String leftOut = skipped > 0 ? " (" + skipped + " similar line(s) left out)" : "";
    LOG.info("{} {} {} from {}: {}{}", status, method, printable(path), client, error, leftOut);
  }

  /** Refused or failed requests reported so far (logged or left out). */
  public long refusedCount() {
    return refused.get();
  }

  /** The path as it may be logged: control characters escaped, cut to {@link #MAX_PATH}. */
  static String printable(String path) {
    if (path == null) {
      return "-";
    }
    StringBuilder b = new StringBuilder(Math.min(path.length(), MAX_PATH) + 8);
    for (int i = 0; i < path.length() && b.length() < MAX_PATH; i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (path.length() > MAX_PATH) {
      b.append("…(").append(path.length()).append(" chars)");
    }
    return b.toString();
  }
}
