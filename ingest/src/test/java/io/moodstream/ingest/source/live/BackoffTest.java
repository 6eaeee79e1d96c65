package io.moodstream.ingest.source.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.ingest.source.live.Backoff.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static List<Long> seconds(Backoff b, Kind k, int n) {
    List<Long> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(b.next(k).toMillis());
    }
    return l;
  }

  @Test
  void networkErrorsBackOffLinearlyBy250msUpTo16s() {
    List<Long> ms = seconds(new Backoff(), Kind.NETWORK, 70);
    assertThat(ms.subList(0, 4)).containsExactly(250L, 500L, 750L, 1000L);
    assertThat(ms.get(63)).isEqualTo(16_000L);
    assertThat(ms.get(69)).isEqualTo(16_000L);
  }

  @Test
  void httpErrorsBackOffExponentiallyFrom5sUpTo320s() {
    assertThat(seconds(new Backoff(), Kind.HTTP, 9))
        .containsExactly(
            5_000L, 10_000L, 20_000L, 40_000L, 80_000L, 160_000L, 320_000L, 320_000L, 320_000L);
  }

  @Test
  void rateLimitsBackOffExponentiallyFrom60s() {
    assertThat(seconds(new Backoff(), Kind.RATE_LIMIT, 6))
        .containsExactly(60_000L, 120_000L, 240_000L, 480_000L, 960_000L, 960_000L);
  }

  @Test
  void eachKindCountsOnItsOwnAndResetStartsOver() {
    Backoff b = new Backoff();
    assertThat(b.next(Kind.NETWORK)).isEqualTo(Duration.ofMillis(250));
    assertThat(b.next(Kind.RATE_LIMIT)).isEqualTo(Duration.ofSeconds(60));
    assertThat(b.next(Kind.NETWORK)).isEqualTo(Duration.ofMillis(500));
    assertThat(b.next(Kind.HTTP)).isEqualTo(Duration.ofSeconds(5));
    b.reset();
    assertThat(b.next(Kind.RATE_LIMIT)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void statusCodesAreSortedIntoKindsAndFatal() {
    assertThat(Backoff.ofStatus(420)).isEqualTo(Kind.RATE_LIMIT);
    assertThat(Backoff.ofStatus(429)).isEqualTo(Kind.RATE_LIMIT);
    assertThat(Backoff.ofStatus(503)).isEqualTo(Kind.HTTP);
    assertThat(Backoff.ofStatus(500)).isEqualTo(Kind.HTTP);
    assertThat(Backoff.ofStatus(-1)).isEqualTo(Kind.NETWORK);
    assertThat(Backoff.ofStatus(0)).as("no HTTP answer at all").isEqualTo(Kind.NETWORK);
    assertThat(Backoff.ofStatus(402)).isEqualTo(Kind.HTTP);
    for (int fatal : new int[] {400, 401, 403, 404, 406, 413, 416}) {
      assertThat(Backoff.ofStatus(fatal)).as("HTTP %d", fatal).isNull();
    }
  }
}
