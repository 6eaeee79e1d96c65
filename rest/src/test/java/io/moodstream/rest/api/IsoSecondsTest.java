package io.moodstream.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoSecondsTest {
  @Test
  void writesWhatInstantWrites() {
    assertThat(IsoSeconds.format(0)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(IsoSeconds.format(1_795_568_400L)).isEqualTo("2026-11-25T01:00:00Z");
    long[] edges = {
      -1,
      59,
      60,
      3599,
      3600,
      86_399,
      86_400,
      951_782_400L /* 2000-02-29 */,
      4_102_444_800L,
      -62_167_219_200L /* 0000-01-01 */,
      -62_167_219_201L,
      253_402_300_799L,
      253_402_300_800L,
      Long.MIN_VALUE / 1_000_000,
      Long.MAX_VALUE / 1_000_000
    };
    for (long s : edges) {
      assertThat(IsoSeconds.format(s)).as("%d", s).isEqualTo(Instant.ofEpochSecond(s).toString());
    }
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long s = r.nextLong(-70_000_000_000L, 260_000_000_000L);
      assertThat(IsoSeconds.format(s)).as("%d", s).isEqualTo(Instant.ofEpochSecond(s).toString());
    }
  }
}
