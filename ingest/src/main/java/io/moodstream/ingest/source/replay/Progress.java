package io.moodstream.ingest.source.replay;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on a terminal: records, rate, bytes of the input and ETA. */
final class Progress {
  private final PrintStream out;
  private final boolean enabled;
  private final long totalBytes;
  private final long startNanos = System.nanoTime();
  private long nextNanos = startNanos + 500_000_000L;
  private boolean printed;

  Progress(PrintStream out, boolean enabled, long totalBytes) {
    this.out = out;
    this.enabled = enabled;
    this.totalBytes = totalBytes;
  }

  void tick(long records, long bytes) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now < nextNanos) {
      return;
    }
    nextNanos = now + 500_000_000L;
    out.print("\r" + line(records, bytes, now - startNanos, totalBytes) + "   ");
    out.flush();
    printed = true;
  }

  void done() {
    if (printed) {
      out.println();
    }
  }

  static String line(long records, long bytes, long elapsedNanos, long totalBytes) {
    double s = Math.max(elapsedNanos, 1) / 1e9;
    double rate = records / s;
    String eta = "--:--";
    if (bytes > 0 && totalBytes > 0) {
      long left = (long) ((totalBytes - bytes) * (s / bytes));
      eta = String.format(Locale.ROOT, "%d:%02d", left / 60, left % 60);
    }
    int width = 24;
    int filled = totalBytes > 0 ? (int) Math.min(width, width * bytes / totalBytes) : 0;
    return String.format(
        Locale.ROOT,
        "[%s%s] %,d records  %,.0f/s  %.1f/%.1f MB  ETA %s",
        "#".repeat(filled),
        ".".repeat(width - filled),
        records,
        rate,
        bytes / 1e6,
        totalBytes / 1e6,
        eta);
  }
}
