package io.moodstream.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final RateLimiter limiter = new RateLimiter("score calls", 2, 3, nanos::get);

  void advanceMillis(long ms) {
    nanos.addAndGet(ms * 1_000_000);
  }

  @Test
  void aBurstThenTheRateAndTheWaitUntilATokenIsBack() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.waitSeconds("a")).as("burst %d", i).isZero();
    }
    assertThat(limiter.waitSeconds("a")).isEqualTo(1);
    advanceMillis(499);
    assertThat(limiter.waitSeconds("a")).isEqualTo(1);
    advanceMillis(2);
    assertThat(limiter.waitSeconds("a")).as("2 per second: a token after 500 ms").isZero();
    assertThat(limiter.waitSeconds("a")).isEqualTo(1);
    advanceMillis(60_000);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.waitSeconds("a")).as("refilled up to the burst only").isZero();
    }
    assertThat(limiter.waitSeconds("a")).isEqualTo(1);
  }

  @Test
  void addressesHaveTheirOwnBuckets() {
    for (int i = 0; i < 3; i++) {
      limiter.take("a");
    }
    assertThatThrownBy(() -> limiter.take("a"))
        .isInstanceOfSatisfying(
            LimitException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.retryAfterSeconds()).isEqualTo(1);
              assertThat(e.getMessage()).contains("score calls");
            });
    limiter.take("b");
  }

  @Test
  void slowRatesWaitWholeSecondsAndZeroMeansNoLimit() {
    RateLimiter perMinute = new RateLimiter("reads", 30 / 60.0, 1, nanos::get);
    perMinute.take("a");
    assertThat(perMinute.waitSeconds("a")).isEqualTo(2);
    RateLimiter off = new RateLimiter("reads", 0, 1, nanos::get);
    for (int i = 0; i < 1_000; i++) {
      off.take("a");
    }
    assertThat(off.enabled()).isFalse();
  }

  @Test
  void theNumberOfAddressesRememberedIsBounded() {
    for (int i = 0; i < RateLimiter.MAX_ADDRESSES + 10; i++) {
      limiter.waitSeconds("10.0." + (i >> 8) + "." + (i & 255));
    }
    assertThat(limiter.addresses()).isEqualTo(RateLimiter.MAX_ADDRESSES);
  }

  @Test
  void theLeastRecentlySeenAddressIsForgottenFirst() {
    for (int i = 0; i < 3; i++) {
      limiter.waitSeconds("a");
    }
    for (int i = 1; i < RateLimiter.MAX_ADDRESSES; i++) {
      limiter.waitSeconds("10.0." + (i >> 8) + "." + (i & 255));
    }
    assertThat(limiter.waitSeconds("a")).as("full: 'a' seen again, its bucket still empty").isOne();
    limiter.waitSeconds("192.168.0.1"); // one more: the eldest seen (10.0.0.1) goes, not 'a'
    assertThat(limiter.waitSeconds("a")).as("'a' still remembered").isOne();
    assertThat(limiter.addresses()).isEqualTo(RateLimiter.MAX_ADDRESSES);
  }
}
