package io.moodstream.rest.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResolutionTest {
  static final long DAY = 86_400;

  @Test
  void autoPicksTheSmallestStepWithAtMost1500Points() {
    assertThat(Resolution.choose("auto", 0, DAY)).isEqualTo(Resolution.M1); // 1,440
    assertThat(Resolution.choose("auto", 0, 2 * DAY)).isEqualTo(Resolution.M5); // 576
    assertThat(Resolution.choose("auto", 0, 5 * DAY)).isEqualTo(Resolution.M5); // 1,440
    assertThat(Resolution.choose("auto", 0, 6 * DAY)).isEqualTo(Resolution.M15); // 5m: 1,728
  }

  @Test
  void autoGoesToHoursAndDaysForLongRanges() {
    assertThat(Resolution.choose("auto", 0, 30 * DAY)).isEqualTo(Resolution.H1); // 720
    assertThat(Resolution.choose("auto", 0, 365 * DAY)).isEqualTo(Resolution.D1);
    assertThat(Resolution.choose(null, 0, 365 * DAY)).isEqualTo(Resolution.D1);
  }

  @Test
  void aRangeOfMoreThan5000BucketsOfItsStepIsRefused() {
    assertThat(Resolution.choose("1m", 0, 5_000 * 60)).isEqualTo(Resolution.M1);
    assertThatThrownBy(() -> Resolution.choose("1m", 0, 5_001 * 60))
        .isInstanceOf(BadParameterException.class)
        .hasMessageContaining("5001 buckets");
  }

  @Test
  void unknownStepsAreRefused() {
    assertThatThrownBy(() -> Resolution.choose("2m", 0, 60))
        .isInstanceOf(BadParameterException.class)
        .hasMessageContaining("unknown step '2m'");
  }

  @Test
  void pointsCountWholeBucketsTouchedByTheRange() {
    assertThat(Resolution.M5.points(61, 299)).isEqualTo(1);
    assertThat(Resolution.M5.points(299, 301)).isEqualTo(2);
    assertThat(Resolution.M15.alignUp(901)).isEqualTo(1_800);
    assertThat(Resolution.M15.alignDown(1_799)).isEqualTo(900);
  }
}
