package io.moodstream.ingest.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop signal shared by a source and the main: {@link #stop()} (SIGTERM, Ctrl-C, end of a test)
 * makes {@link #stopping()} true, wakes every {@link #sleep}, and closes what a source registered
 * (an HTTP stream, a WebSocket) so blocked reads return. Also the production {@link Sleeper}.
 */
public final class Lifecycle implements Sleeper {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<AutoCloseable> closers = new CopyOnWriteArrayList<>();
  private volatile boolean stopping;

  public boolean stopping() {
    return stopping;
  }

  public void stop() {
    if (stopping) {
      return;
    }
    stopping = true;
    stopped.countDown();
    closers.forEach(Lifecycle::close);
  }

  /** Closes {@code c} on stop (at once if already stopping); returns a handle to unregister. */
  public AutoCloseable onStop(AutoCloseable c) {
    closers.add(c);
    if (stopping) {
      close(c);
    }
    return () -> closers.remove(c);
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing {} on stop: {}", c, e.toString());
    }
  }

  /** Sleeps, returning early when stopped. */
  @Override
  public void sleep(Duration d) throws InterruptedException {
    if (!d.isNegative() && !d.isZero()) {
      stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
    }
  }
}
