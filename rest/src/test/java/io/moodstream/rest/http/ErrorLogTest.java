package io.moodstream.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
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
  void aLineAfterLinesLeftOutSaysHowManyWereLeftOut() {
    List<String> lines = new CopyOnWriteArrayList<>();
    Logger logger = (Logger) LogManager.getLogger("io.moodstream.rest.requests");
    AbstractAppender capture =
        new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            lines.add(event.getMessage().getFormattedMessage());
          }
        };
    capture.start();
    logger.addAppender(capture);
    try {
      AtomicLong nanos = new AtomicLong();
      ErrorLog log = new ErrorLog(nanos::get);
      for (int i = 0; i < ErrorLog.LINES_PER_SECOND + 3; i++) {
        log.refused(429, "GET", "/api/v1/score", "10.0.0.1", "rate_limited");
      }
      nanos.addAndGet(1_000_000_000L);
      log.refused(404, "GET", "/a\nb", "10.0.0.2", "not_found");
    } finally {
      logger.removeAppender(capture);
      capture.stop();
    }
    assertThat(lines).hasSize(ErrorLog.LINES_PER_SECOND + 1);
    assertThat(lines.get(0)).isEqualTo("429 GET /api/v1/score from 10.0.0.1: rate_limited");
    assertThat(lines.get(ErrorLog.LINES_PER_SECOND))
        .isEqualTo("404 GET /a\\x0ab from 10.0.0.2: not_found (3 similar line(s) left out)");
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
