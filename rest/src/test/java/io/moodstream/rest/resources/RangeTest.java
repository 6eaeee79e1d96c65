package io.moodstream.rest.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.rest.query.BadParameterException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The parsing itself is schema's EpochSecondsTest; here, what the from/to parameters make of it.
 */
class RangeTest {
  static final Instant NOW = Instant.parse("2026-11-24T21:56:30Z");
  static final Duration HOUR = Duration.ofHours(1);

  @Test
  void theParametersParseAsEpochSecondsAndAMissingOneDefaults() {
    assertThat(Range.parse("now-30m", null, NOW, HOUR))
        .isEqualTo(new Range(NOW.getEpochSecond() - 1_800, NOW.getEpochSecond()));
    assertThat(Range.parse(null, "2026-11-24", NOW, HOUR))
        .isEqualTo(new Range(1_795_474_800L, 1_795_478_400L));
  }

  @Test
  void aBadTimeIsABadParameterNamingIt() {
    for (String bad : new String[] {"yesterday", "", "1969-12-31T23:59:59Z"}) {
      assertThatThrownBy(() -> Range.parse(null, bad, NOW, HOUR))
          .as(bad)
          .isInstanceOf(BadParameterException.class)
          .satisfies(e -> assertThat(((BadParameterException) e).parameter()).isEqualTo("to"));
      assertThatThrownBy(() -> Range.parse(bad, "now", NOW, HOUR))
          .as(bad)
          .isInstanceOf(BadParameterException.class)
          .satisfies(e -> assertThat(((BadParameterException) e).parameter()).isEqualTo("from"));
    }
  }

  @Test
  void fromMustBeBeforeTo() {
    assertThatThrownBy(() -> Range.parse("now", "now", NOW, HOUR))
        .isInstanceOf(BadParameterException.class)
        .hasMessage("from (2026-11-24T21:56:30Z) must be before to (2026-11-24T21:56:30Z)")
        .satisfies(e -> assertThat(((BadParameterException) e).parameter()).isEqualTo("from"));
  }
}
