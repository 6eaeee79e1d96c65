package io.moodstream.schema.hbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochSecondsTest {
  static final Instant NOW = Instant.parse("2026-11-24T21:56:30Z");

  @Test
  void isoInstantsOffsetsAndDatesParseToEpochSeconds() {
    assertThat(EpochSeconds.parse("from", "2026-11-24T21:56:00Z", NOW)).isEqualTo(1795557360L);
    assertThat(EpochSeconds.parse("from", "2026-11-24T22:56:00+01:00", NOW)).isEqualTo(1795557360L);
    assertThat(EpochSeconds.parse("from", "2026-11-24", NOW))
        .isEqualTo(Instant.parse("2026-11-24T00:00:00Z").getEpochSecond());
  }

  @Test
  void relativeTimesCountBackFromNow() {
    long now = NOW.getEpochSecond();
    assertThat(EpochSeconds.parse("to", "now", NOW)).isEqualTo(now);
    assertThat(EpochSeconds.parse("from", "now-30s", NOW)).isEqualTo(now - 30);
    assertThat(EpochSeconds.parse("from", "now-30m", NOW)).isEqualTo(now - 1_800);
    assertThat(EpochSeconds.parse("from", "now-24h", NOW)).isEqualTo(now - 86_400);
    assertThat(EpochSeconds.parse("from", "now-7d", NOW)).isEqualTo(now - 7 * 86_400);
  }

  @Test
  void unparsableTimesSayWhatToWrite() {
    for (String bad : new String[] {"yesterday", "now-5y", "now+1h", "2026-11-24 21:56", "1e9"}) {
      assertThatThrownBy(() -> EpochSeconds.parse("--to", bad, NOW))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("cannot parse --to '" + bad + "'")
          .hasMessageContaining("2026-11-24T21:56:00Z");
    }
  }

  @Test
  void anEmptyTimeIsNamed() {
    assertThatThrownBy(() -> EpochSeconds.parse("to", " ", NOW)).hasMessage("to is empty");
  }

  @Test
  void timesOutsideWhatARowKeyHoldsAreRefused() {
    assertThatThrownBy(() -> EpochSeconds.parse("from", "1969-12-31T23:59:59Z", NOW))
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> EpochSeconds.parse("from", "now-999999999d", NOW))
        .hasMessageContaining("outside");
  }
}
