package io.moodstream.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ErrorLogTest {
  @Test
  void everyRefusalIsCountedEvenWhenTheLogLeavesLinesOut() {
    AtomicLong nanos = new AtomicLong();
    ErrorLog log = new ErrorLog(nanos::get);
    for (int i = 0; i < 1_000; i++) {
      log.refused(429, "GET", "/api/v1/score", "10.0.0.1", "rate_limited");
    }
    assertThat(log.refusedCount()).isEqualTo(1_000);
  }

  @Test
  void pathsAreLoggedPrintableAndShort() {
    assertThat(ErrorLog.printable("/a\nb\u0000c")).isEqualTo("/a\\x0ab\\x00c");
    String longPath = "/" + "x".repeat(5_000);
    assertThat(ErrorLog.printable(longPath))
        .hasSizeLessThan(ErrorLog.MAX_PATH + 20)
        .endsWith("(5001 chars)");
    assertThat(ErrorLog.printable(null)).isEqualTo("-");
  }
}
