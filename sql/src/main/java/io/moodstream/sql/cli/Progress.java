package io.moodstream.sql.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A progress line for long runs, on stderr: at most one every {@code everyMillis}, none at all for
 * runs shorter than that. On a terminal each line overwrites the previous one.
 */
final class Progress {
  private final PrintStream err;
  private final String what;
  private final long total;
  private final long everyMillis;
  private final boolean terminal;
  private final LongSupplier clock;
  private final long started;
  private long lastPrinted = -1;
  private boolean printed;

  /**
   * @param what what is counted, e.g. "buckets"
   * @param total an upper bound of the count, or 0 when unknown
   */
  Progress(
      PrintStream err,
      String what,
      long total,
      long everyMillis,
      boolean terminal,
      LongSupplier clock) {
    this.err = err;
    this.what = what;
    this.total = total;
    this.everyMillis = everyMillis;
    this.terminal = terminal;
    this.clock = clock;
    this.started = clock.getAsLong();
  }

  /**
   * Reports {@code done}; prints when rows have been arriving for {@code everyMillis} and the last
   * line is that old, so a short run prints none.
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
    if (now - lastPrinted < everyMillis) {
      return;
    }
    lastPrinted = now;
    printed = true;
    String line =
        String.format(
            "export: %,d %s%s, %.0f s",
            done,
            what,
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
