package io.moodstream.sentiment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatFormatTest {

  @ParameterizedTest(name = "str({0}) = {1}")
  @CsvSource({
    "0.0, 0.0",
    "-0.0, -0.0",
    "1.0, 1.0",
    "-1.0, -1.0",
    "0.5106, 0.5106",
    "-0.296, -0.296",
    "0.312, 0.312",
    "0.001, 0.001",
    "0.0005, 0.0005",
    "-0.0001, -0.0001",
    "0.00005, 5e-05",
    "1.5e-10, 1.5e-10",
    "2.74125, 2.74125",
    "-12.5, -12.5",
    "1234.5678, 1234.5678",
    "-0.0012, -0.0012",
    "100.0, 100.0",
    "0.1, 0.1",
    "123456789.0, 123456789.0",
    "1e16, 1e+16",
    "-2.5e-07, -2.5e-07",
    "1.2345e20, 1.2345e+20",
    "1e-300, 1e-300",
    "-1.7976931348623157e308, -1.7976931348623157e+308",
    "0.30000000000000004, 0.30000000000000004"
  })
  void formatsLikePythonStr(double value, String expected) {
    assertThat(PythonFloatFormat.format(value)).isEqualTo(expected);
  }

  @Test
  void everyRoundedScoreFormatsLikeJavaAboveOneThousandth() {
    for (int k = -10_000; k <= 10_000; k++) {
      double x = k / 10_000.0;
      if (Math.abs(x) >= 0.001) {
        assertThat(PythonFloatFormat.format(x)).isEqualTo(Double.toString(x));
      }
    }
  }
}
