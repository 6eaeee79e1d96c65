package io.moodstream.local;

import io.moodstream.schema.config.MoodstreamConfig;
import java.time.Duration;

/**
 * When a crashed child is started again: after {@code firstBackoff}, doubling up to {@code
 * maxBackoff}; at most {@code budget} restarts, a count that starts again from zero once the child
 * has been up for {@code healthyPeriod}. A child that crashes once more after its budget is spent
 * has failed.
 */
record RestartPolicy(
    int budget, Duration firstBackoff, Duration maxBackoff, Duration healthyPeriod) {
  RestartPolicy {
    if (budget < 0) {
      throw new IllegalArgumentException("budget must be >= 0");
    }
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("backoff must be 0 <= first <= max");
    }
  }

  static RestartPolicy from(MoodstreamConfig c) {
    return new RestartPolicy(
        c.get(LocalConfig.RESTART_BUDGET),
        c.get(LocalConfig.RESTART_BACKOFF),
        c.get(LocalConfig.RESTART_BACKOFF_MAX),
        c.get(LocalConfig.RESTART_HEALTHY_PERIOD));
  }

  /** The wait before restart number {@code n} (1-based): first, 2×first, 4×first, … ≤ max. */
  Duration backoff(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("restart numbers start at 1");
    }
    Duration d = firstBackoff;
    for (int i = 1; i < n && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
