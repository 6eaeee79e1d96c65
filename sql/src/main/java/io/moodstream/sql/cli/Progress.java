package io.moodstream.sql.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * The export's progress line for long runs, on stderr: at most one every {@link #EVERY_MILLIS},
 * none at all for runs shorter than that. On a terminal each line overwrites the previous one.
 */
final class Progress {
  static final long EVERY_MILLIS = 2_000;

  private final PrintStream err;
  private final long total;
  private final boolean terminal;
  private final LongSupplier clock;
  private final long started;
  private long lastPrinted = -1;
  private boolean printed;

  /**
   * @param total an upper bound of the buckets counted, or 0 when unknown
   */
  Progress(PrintStream err, long total, boolean terminal, LongSupplier clock) {
    this.err = err;
    this.total = total;
    this.terminal = terminal;
    this.clock = clock;
    this.started = clock.getAsLong();
  }

  /**
   * Reports {@code done}; prints when rows have been arriving for {@link #EVERY_MILLIS} and the
   * last line is that old, so a short run prints none.
   */
  synchronized void update(long done) {
    long now = clock.getAsLong();
    if (done <= 0) {
      return;
    }
    if (lastPrinted < 0) {
      lastPrinted = now; // the first rows: the clock of the progress lines starts here
      return;
    }
    if (now - lastPrinted < EVERY_MILLIS) {
      return;
    }
    lastPrinted = now;
    printed = true;
    String line =
        String.format(
            "export: %,d buckets%s, %.0f s",
            done,
            total > 0
                ? String.format(" of at most %,d (%d%%)", total, Math.min(100, done * 100 / total))
                : "",
            (now - started) / 1000.0);
    if (terminal) {
      err.print("\r" + line + "   ");
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Ends the progress line (on a terminal) before the final message. */
  synchronized void finish() {
    if (printed && terminal) {
      err.println();
    }
  }
}
