package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFilesTest {
  private static final Configuration CONF = StatusFiles.hadoopConfiguration();

  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPlainPathIsALocalFileWrittenWholeAndReadBack() throws Exception {
    String location = dir.resolve("run/stream-status.json").toString();
    assertThat(StatusFiles.read(location)).isEmpty();
    assertThat(StatusFiles.exists(location, CONF)).isFalse();

    Instant before = Instant.now().minusSeconds(2);
    StatusFiles.write(location, utf8("{\"state\":\"running\"}"));
    StatusFiles.write(location, utf8("{\"state\":\"stopped\"}"));
    StatusFiles.Content c = StatusFiles.read(location).orElseThrow();
    assertThat(new String(c.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"state\":\"stopped\"}");
    assertThat(c.modified()).isAfter(before);
    try (Stream<Path> files = Files.list(dir.resolve("run"))) {
      assertThat(files)
          .extracting(p -> p.getFileName().toString())
          .containsExactly("stream-status.json");
    }
    assertThat(StatusFiles.delete(location, CONF)).isTrue();
    assertThat(StatusFiles.delete(location, CONF)).isFalse();
  }

  @Test
  void aFileUriIsTheSameLocalFile() throws Exception {
    Path file = dir.resolve("stream.stop");
    String uri = file.toUri().toString(); // file:///…/stream.stop
    assertThat(uri).startsWith("file:/");
    assertThat(StatusFiles.isLocal(uri)).isTrue();
    StatusFiles.write(uri, utf8("stop\n"));
    assertThat(Files.readString(file)).isEqualTo("stop\n");
    assertThat(StatusFiles.exists(file.toString(), CONF)).isTrue();
    assertThat(StatusFiles.exists(uri, CONF)).isTrue();
    assertThat(StatusFiles.describe(uri)).isEqualTo(file.toString());
  }

  @Test
  void clusterFileSystemsAreNotLocal() {
    assertThat(StatusFiles.isLocal("hdfs:///moodstream/run/stream.stop")).isFalse();
    assertThat(StatusFiles.isLocal("s3a://bucket/run/stream-status.json")).isFalse();
    assertThat(StatusFiles.isLocal("s3://bucket/run/x")).isFalse();
    assertThat(StatusFiles.isLocal("var/run/stream.stop")).isTrue();
    assertThat(StatusFiles.isLocal("/var/run/stream.stop")).isTrue();
    assertThat(StatusFiles.describe("hdfs:///moodstream/run/x"))
        .isEqualTo("hdfs:///moodstream/run/x");
  }
}
