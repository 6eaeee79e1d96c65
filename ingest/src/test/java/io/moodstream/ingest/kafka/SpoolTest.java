package io.moodstream.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void spooledRecordsAreTakenBackInOrderAndDeletedWhenDone() throws Exception {
    try (Spool s = new Spool(dir)) {
      s.append("moodstream.posts", b("1"), b("{\"a\":1}"));
      s.append("moodstream.dlq", null, b("{\"raw\":\"x\"}"));
      assertThat(s.appended()).isEqualTo(2);
      Spool.Taken t = s.take();
      assertThat(t.entries()).hasSize(2);
      assertThat(t.entries().get(0).topic()).isEqualTo("moodstream.posts");
      assertThat(new String(t.entries().get(0).key(), StandardCharsets.UTF_8)).isEqualTo("1");
      assertThat(t.entries().get(1).key()).isNull();
      // records failing again while re-sending go to a fresh spool file
      s.append("moodstream.posts", b("3"), b("v"));
      t.done();
      assertThat(s.take().entries())
          .extracting(Spool.Entry::topic)
          .containsExactly("moodstream.posts");
    }
  }

  @Test
  void aRecordCutShortByACrashIsIgnored() throws Exception {
    try (Spool s = new Spool(dir)) {
      s.append("t", b("k"), b("value"));
    }
    Files.write(dir.resolve(Spool.FILE), new byte[] {0, 0, 0, 5, 't'}, StandardOpenOption.APPEND);
    try (Spool s = new Spool(dir)) {
      assertThat(s.take().entries()).hasSize(1);
    }
  }

  @Test
  void anEmptySpoolDirectoryIsFine() throws Exception {
    try (Spool s = new Spool(dir.resolve("missing"))) {
      assertThat(s.take().entries()).isEmpty();
    }
  }
}
