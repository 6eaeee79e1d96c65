package io.moodstream.ingest.source.replay;

import io.moodstream.ingest.core.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Replays at a speed: 1 = the original pace (gaps between posts kept), N = N times faster, 0 = as
 * fast as possible. The first event sets the origin; an event earlier than one already sent (out of
 * order) is sent at once.
 */
final class Pacer {
  private final double speed;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;
  private long originEventMs = Long.MIN_VALUE;
  private long originNanos;

  Pacer(double speed, Sleeper sleeper, LongSupplier nanoTime) {
    this.speed = speed;
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
  }

  void await(Instant eventTime) throws InterruptedException {
    if (speed <= 0 || eventTime == null) {
      return;
    }
    long ms = eventTime.toEpochMilli();
    if (originEventMs == Long.MIN_VALUE) {
      originEventMs = ms;
      originNanos = nanoTime.getAsLong();
      return;
    }
    long dueNanos = (long) ((ms - originEventMs) * 1_000_000L / speed);
    long wait = dueNanos - (nanoTime.getAsLong() - originNanos);
    if (wait > 1_000_000L) { // below a millisecond is not worth a sleep
      sleeper.sleep(Duration.ofNanos(wait));
    }
  }
}
