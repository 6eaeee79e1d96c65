package io.moodstream.ingest.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast replay parser gives exactly what twitter4j's TwitterObjectFactory gives. */
class V1ParserParityTest {
  private final FastLineParser fast = new FastLineParser();
  private final Twitter4jLineParser t4j = new Twitter4jLineParser();

  private void assertSame(List<String> lines) {
    for (String line : lines) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      LineOutcome a = fast.parse(b, 0, b.length);
      LineOutcome r = t4j.parse(b, 0, b.length);
      assertThat(a).as(line).isEqualTo(r);
    }
  }

  @Test
  void fixtureStatusesParseTheSameWithTwitter4j() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/replay/v1-statuses.jsonl"));
    assertSame(lines);
    LineOutcome.AsPost rt =
        (LineOutcome.AsPost)
            fast.parse(
                lines.get(2).getBytes(StandardCharsets.UTF_8),
                0,
                lines.get(2).getBytes(StandardCharsets.UTF_8).length);
    assertThat(rt.post().text()).endsWith("here it is whole 🌍").startsWith("This is a long post");
  }

  @Test
  void generatedStatusesParseTheSameWithTwitter4j() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    V1Generator.write(out, 5, 3000, Instant.parse("2021-06-01T12:00:00Z"), 37);
    List<String> lines = new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
    assertThat(lines.size()).isBetween(3000, 3030);
    assertSame(lines);
  }

  @Test
  void deletesNoticesAndMostBadLinesAgree() throws Exception {
    List<String> lines =
        Files.readAllLines(
            Path.of("src/test/resources/replay/v1-mixed.jsonl"), StandardCharsets.ISO_8859_1);
    // the kinds agree (reasons are worded by each parser)
    for (String l : lines) {
      byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
      if (l.isBlank()) {
        continue;
      }
      assertThat(fast.parse(b, 0, b.length).getClass())
          .as(l)
          .isEqualTo(t4j.parse(b, 0, b.length).getClass());
    }
  }
}
