package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.storage.testing.MiniHBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** The status file and stop marker on HDFS: the mini cluster's own MiniDFSCluster. */
class StatusFilesIT {
  @Test
  void anHdfsUriIsReplacedWholeByRenameAndReadBack() throws Exception {
    Configuration conf = MiniHBase.get().getConfiguration();
    String root = MiniHBase.get().getDFSCluster().getURI().toString(); // hdfs://127.0.0.1:port
    String status = root + "/moodstream/run/stream-status.json";
    String stop = root + "/moodstream/run/stream.stop";
    assertThat(StatusFiles.isLocal(status)).isFalse();
    assertThat(StatusFiles.read(status, conf)).isEmpty();

    Instant before = Instant.now().minusSeconds(5);
    StatusFiles.write(status, "{\"state\":\"running\"}".getBytes(StandardCharsets.UTF_8), conf);
    StatusFiles.write(status, "{\"state\":\"stopped\"}".getBytes(StandardCharsets.UTF_8), conf);
    StatusFiles.Content c = StatusFiles.read(status, conf).orElseThrow();
    assertThat(new String(c.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"state\":\"stopped\"}");
    assertThat(c.modified()).isAfter(before);

    assertThat(StatusFiles.exists(stop, conf)).isFalse();
    StatusFiles.write(stop, "stop\n".getBytes(StandardCharsets.UTF_8), conf);
    assertThat(StatusFiles.exists(stop, conf)).isTrue();
    assertThat(StatusFiles.delete(stop, conf)).isTrue();
    assertThat(StatusFiles.exists(stop, conf)).isFalse();

    // only the status file is left: no temporary siblings
    Path dir = new Path(root + "/moodstream/run");
    FileStatus[] left = FileSystem.get(dir.toUri(), conf).listStatus(dir);
    assertThat(left).extracting(s -> s.getPath().getName()).containsExactly("stream-status.json");
  }
}
