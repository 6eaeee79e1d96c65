package io.moodstream.rest.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The parsing itself is schema's EpochSecondsTest; here, what a query parameter makes of it. */
class TimesTest {
  static final Instant NOW = Instant.parse("2026-11-24T21:56:30Z");

  @Test
  void aParameterParsesAsEpochSeconds() {
    assertThat(Times.parse("from", "now-30m", NOW)).isEqualTo(NOW.getEpochSecond() - 1_800);
  }

  @Test
  void aBadTimeIsABadParameterNamingIt() {
    for (String bad : new String[] {"yesterday", "", "1969-12-31T23:59:59Z"}) {
      assertThatThrownBy(() -> Times.parse("to", bad, NOW))
          .as(bad)
          .isInstanceOf(BadParameterException.class)
          .satisfies(e -> assertThat(((BadParameterException) e).parameter()).isEqualTo("to"));
    }
  }
}
