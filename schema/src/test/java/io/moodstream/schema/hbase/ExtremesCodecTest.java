package io.moodstream.schema.hbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.event.Author;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtremesCodecTest {
  static ExtremePost post(String id, double compound, String at) {
    return new ExtremePost(
        id, "text " + id, new Author("a" + id, "h" + id), Instant.parse(at), compound, null);
  }

  @Test
  void encodesAJsonArrayAndRoundTrips() {
    List<ExtremePost> posts =
        List.of(
            new ExtremePost(
                "1",
                "I love it 😍",
                new Author("42", "ann"),
                Instant.parse("2026-11-24T21:56:35Z"),
                0.9287,
                "https://x.com/ann/status/1"),
            post("2", -0.5, "2026-11-24T21:56:36Z"));
    byte[] bytes = ExtremesCodec.encode(posts);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .startsWith(
            "[{\"id\":\"1\",\"text\":\"I love it \\uD83D\\uDE0D\",\"author\":{\"id\":\"42\",\"handle\":\"ann\"},"
                + "\"createdAt\":\"2026-11-24T21:56:35Z\",\"compound\":0.9287,\"url\":\"https://x.com/ann/status/1\"}");
    assertThat(ExtremesCodec.decode(bytes)).isEqualTo(posts);
    assertThat(ExtremesCodec.decode(ExtremesCodec.encode(List.of()))).isEmpty();
  }

  @Test
  void tiesBreakByTimeThenIdWhateverTheArrivalOrder() {
    ExtremePost a = post("b", 0.5, "2026-11-24T21:56:00Z");
    ExtremePost b = post("a", 0.5, "2026-11-24T21:56:10Z");
    ExtremePost c = post("c", 0.5, "2026-11-24T21:56:10Z");
    ExtremePost d = post("d", 0.9, "2026-11-24T21:56:30Z");
    List<ExtremePost> l = new ArrayList<>(List.of(c, b, a, d));
    l.sort(ExtremePost.MOST_POSITIVE_FIRST);
    assertThat(l).containsExactly(d, a, b, c);
    l.sort(ExtremePost.MOST_NEGATIVE_FIRST);
    assertThat(l).containsExactly(a, b, c, d);
  }
}
