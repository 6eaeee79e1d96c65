package io.moodstream.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SourceTest {
  @Test
  void sourcesKeepTheWireNamesKafkaRecordsCarry() {
    assertThat(Arrays.stream(Source.values()).map(Source::wireName))
        .containsExactly("twitter-v1", "x-v2", "bluesky", "synthetic", "replay");
    assertThat(Arrays.stream(Source.values()).map(Source::toString))
        .containsExactly("twitter-v1", "x-v2", "bluesky", "synthetic", "replay");
  }

  @Test
  void aWireNameIsReadBackExactlyAsWritten() {
    for (Source s : Source.values()) {
      assertThat(Source.fromWireName(s.wireName())).contains(s);
    }
    assertThat(Source.fromWireName("TWITTER-V1")).isEmpty();
    assertThat(Source.fromWireName("twitter_v1")).isEmpty();
    assertThat(Source.fromWireName("TWITTER_V1")).isEmpty();
    assertThat(Source.fromWireName("")).isEmpty();
    assertThat(Source.fromWireName(null)).isEmpty();
  }
}
