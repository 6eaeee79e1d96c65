package io.moodstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostKeysTest {
  @Test
  void decimalIdsAreTheirOwnKeyExactly() {
    assertThat(PostKeys.key("0")).isZero();
    assertThat(PostKeys.key("1864301937470607512")).isEqualTo(1864301937470607512L);
    assertThat(PostKeys.key(Long.toString(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void otherIdsAreHashedIntoTheNegativeHalf() {
    for (String id :
        new String[] {
          "at://did:plc:abc/app.bsky.feed.post/3k",
          "0123", // a leading zero: not the same post as 123
          "9223372036854775808", // beyond a signed long
          "12345678901234567890",
          "-5",
          "x"
        }) {
      assertThat(PostKeys.key(id)).as(id).isNegative();
    }
    assertThat(PostKeys.key("0123")).isNotEqualTo(PostKeys.key("123"));
    assertThat(PostKeys.key("at://x")).isEqualTo(PostKeys.key("at://x"));
  }

  @Test
  void aMillionDistinctIdsGiveAMillionKeys() {
    Set<Long> keys = new HashSet<>();
    for (int i = 0; i < 1_000_000; i++) {
      keys.add(PostKeys.key("did:plc:" + i + "/rkey"));
    }
    assertThat(keys).hasSize(1_000_000);
  }
}
