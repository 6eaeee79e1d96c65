package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PythonRoundTest {

  @Test
  void tiesGoToEvenOnTheExactBinaryValue() {
    assertThat(PythonRound.round(0.3125, 3)).isEqualTo(0.312);
    assertThat(PythonRound.round(0.6875, 3)).isEqualTo(0.688);
    assertThat(PythonRound.round(0.03125, 4)).isEqualTo(0.0312);
    assertThat(PythonRound.round(2.675, 2)).isEqualTo(2.67); // 2.67499999... in binary
    assertThat(PythonRound.round(0.5106, 4)).isEqualTo(0.5106);
  }

  @Test
  void negativeResultsRoundingToZeroKeepTheSign() {
    assertThat(Double.doubleToRawLongBits(PythonRound.round(-5.7e-17, 4)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Double.doubleToRawLongBits(PythonRound.round(-0.0004, 3)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Double.doubleToRawLongBits(PythonRound.round(0.0004, 3)))
        .isEqualTo(Double.doubleToRawLongBits(0.0));
  }

  @Test
  void fastPathAgreesWithTheExactDefinition() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      double x = random.nextDouble(-1.0, 1.0);
      if (i % 4 == 0) {
        x = Math.rint(x * 32_000) / 32_000; // many exact ties and near-ties
      }
      for (int decimals = 3; decimals <= 4; decimals++) {
        double fast = PythonRound.round(x, decimals);
        double exact = PythonRound.exact(x, decimals);
        assertThat(Double.doubleToRawLongBits(fast))
            .as("round(%s, %d)", x, decimals)
            .isEqualTo(Double.doubleToRawLongBits(exact));
      }
    }
  }
}
