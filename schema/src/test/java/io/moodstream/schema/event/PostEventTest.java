package io.moodstream.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostEventTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void aPostMayBeDatedUpToTheSkewAheadOfTheClockThatReceivesIt() {
    Duration skew = Duration.ofMinutes(5);
    assertThat(PostEvent.futureCreatedAt(NOW.minusSeconds(3600), NOW, skew, "ingest's clock"))
        .isNull();
    assertThat(PostEvent.futureCreatedAt(NOW.plus(skew), NOW, skew, "ingest's clock")).isNull();
    assertThat(PostEvent.futureCreatedAt(NOW.plus(skew).plusMillis(1), NOW, skew, "ingest's clock"))
        .isEqualTo(
            "future-created-at: field 'createdAt' is 2026-11-24T10:05:00.001Z, more than 5m after"
                + " ingest's clock 2026-11-24T10:00:00Z");
    assertThat(PostEvent.futureCreatedAt(Instant.parse("2100-01-01T00:00:00Z"), NOW, skew, "x"))
        .startsWith(PostEvent.FUTURE_CREATED_AT + ": ");
  }
}
