package io.moodstream.rest.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets per client address: each address may spend {@code burst} tokens at once and gets
 * {@code perSecond} back every second. Remembers at most {@link #MAX_ADDRESSES} addresses (the
 * least recently seen forgotten first, which only ever gives a forgotten address a full bucket), so
 * its memory is bounded whatever the number of clients. Thread-safe; time is injected.
 */
public final class RateLimiter {
  static final int MAX_ADDRESSES = 100_000;

  private final String what;
  private final double perSecond;
  private final double burst;
  private final LongSupplier nanos;
  private final Map<String, double[]> buckets =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
          return size() > MAX_ADDRESSES; // the least recently seen goes
        }
      };

  /**
   * @param what what is limited, for the error message ("score calls")
   * @param perSecond tokens per second; 0 = no limit
   * @param burst bucket size
   * @param nanos the clock ({@link System#nanoTime} in production)
   */
  public RateLimiter(String what, double perSecond, double burst, LongSupplier nanos) {
    this.what = what;
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
    this.nanos = nanos;
  }

  public boolean enabled() {
    return perSecond > 0;
  }

  /**
   * Takes one token of {@code address}'s bucket.
   *
   * @throws LimitException 429 with the seconds until a token is back, when the bucket is empty
   */
  public void take(String address) {
    long wait = waitSeconds(address);
    if (wait > 0) {
      throw LimitException.rateLimited(what, wait);
    }
  }

  /** Takes a token and returns 0, or returns the whole seconds until one is back. */
  long waitSeconds(String address) {
    if (!enabled()) {
      return 0;
    }
    long now = nanos.getAsLong();
    synchronized (buckets) {
      // {tokens, last refill nanos}
      double[] b = buckets.computeIfAbsent(address, a -> new double[] {burst, now});
      double tokens = Math.min(burst, b[0] + (now - (long) b[1]) / 1e9 * perSecond);
      b[1] = now;
      if (tokens >= 1) {
        b[0] = tokens - 1;
        return 0;
      }
      b[0] = tokens;
      return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
  }

  int addresses() {
    synchronized (buckets) {
      return buckets.size();
    }
  }
}
