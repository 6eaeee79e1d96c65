package io.moodstream.ingest.source.live;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a stream that has been silent for too long (a stall), so the blocked reader wakes up and
 * the source reconnects. {@link #activity()} is called for every byte batch or line read.
 */
public final class Watchdog implements AutoCloseable {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ingest-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final long silenceNanos;
  private final Closeable stream;
  private final ScheduledFuture<?> task;
  private volatile long last = System.nanoTime();
  private volatile boolean fired;

  public Watchdog(Duration silence, Closeable stream) {
    this.silenceNanos = silence.toNanos();
    this.stream = stream;
    long period = Math.max(5, Math.min(1000, silence.toMillis() / 4));
    task = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  public void activity() {
    last = System.nanoTime();
  }

  /** Whether the stream was closed for silence. */
  public boolean fired() {
    return fired;
  }

  private void check() {
    if (!fired && System.nanoTime() - last > silenceNanos) {
      fired = true;
      try {
        stream.close();
      } catch (IOException e) {
        // closing is all we wanted
      }
    }
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
