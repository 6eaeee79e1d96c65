package io.moodstream.rest.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamStatusTest {
  @Test
  void numbersOfTheStatusFileBecomeGauges(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("status.json");
    Files.writeString(
        f,
        "{\"queryId\":\"q1\",\"batchId\":42,\"inputRowsPerSecond\":12.5,"
            + "\"active\":true,\"lag\":{\"moodstream.posts\":7}}");
    String m = StreamStatus.render(f, new ObjectMapper(), Clock.systemUTC());
    assertThat(m)
        .contains("moodstream_stream_batch_id 42\n")
        .contains("moodstream_stream_input_rows_per_second 12.5\n")
        .contains("moodstream_stream_active 1\n")
        .contains("moodstream_stream_lag_moodstream_posts 7\n")
        .contains("moodstream_stream_status_age_seconds ")
        .doesNotContain("q1");
  }

  @Test
  void aMissingFileAddsNothingAndABrokenOneAComment(@TempDir Path dir) throws Exception {
    assertThat(StreamStatus.render(dir.resolve("none.json"), new ObjectMapper(), Clock.systemUTC()))
        .isEmpty();
    Path f = dir.resolve("broken.json");
    Files.writeString(f, "{not json");
    assertThat(StreamStatus.render(f, new ObjectMapper(), Clock.systemUTC()))
        .startsWith("# stream status file broken.json unreadable");
  }
}
