package io.moodstream.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;
  final AtomicLong now = new AtomicLong();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Spool.Entry> entries(Spool.Taken t) throws Exception {
    List<Spool.Entry> out = new ArrayList<>();
    t.forEach(out::add);
    return out;
  }

  @Test
  void spooledRecordsAreTakenBackInOrderAndDeletedWhenDone() throws Exception {
    try (Spool s = TestSpools.of(dir)) {
      s.append("moodstream.posts", b("1"), b("{\"a\":1}"));
      s.append("moodstream.dlq", null, b("{\"raw\":\"x\"}"));
      Spool.Taken t = s.take();
      List<Spool.Entry> got = entries(t);
      assertThat(got).hasSize(2);
      assertThat(got.get(0).topic()).isEqualTo("moodstream.posts");
      assertThat(new String(got.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("1");
      assertThat(got.get(1).key()).isNull();
      // records failing again while re-sending go to a fresh spool file
      s.append("moodstream.posts", b("3"), b("v"));
      t.done();
      assertThat(entries(s.take()))
          .extracting(Spool.Entry::topic)
          .containsExactly("moodstream.posts");
    }
  }

  @Test
  void filesLeftByEarlierCrashesAreReSentOldestFirstOneRecordAtATime() throws Exception {
    try (Spool s = TestSpools.of(dir)) {
      s.append("t", b("a"), b("1"));
      s.take(); // renamed to spool-resend-*, then the process "crashes" before done()
      s.append("t", b("b"), b("2"));
    }
    try (Spool s = TestSpools.of(dir)) {
      List<String> seen = new ArrayList<>();
      long n = s.take().forEach(e -> seen.add(new String(e.key(), StandardCharsets.UTF_8)));
      assertThat(n).isEqualTo(2);
      assertThat(seen).containsExactly("a", "b");
    }
  }

  @Test
  void aRecordCutShortByACrashIsIgnored() throws Exception {
    try (Spool s = TestSpools.of(dir)) {
      s.append("t", b("k"), b("value"));
    }
    Files.write(dir.resolve(Spool.FILE), new byte[] {0, 0, 0, 5, 't'}, StandardOpenOption.APPEND);
    try (Spool s = TestSpools.of(dir)) {
      assertThat(entries(s.take())).hasSize(1);
    }
  }

  @Test
  void anEmptySpoolDirectoryIsFine() throws Exception {
    try (Spool s = TestSpools.of(dir.resolve("missing"))) {
      Spool.Taken t = s.take();
      assertThat(t.isEmpty()).isTrue();
      assertThat(entries(t)).isEmpty();
    }
  }

  @Test
  void theBoundCountsSpooledAndNotYetReSentBytesAndIsFreedWhenDone() throws Exception {
    // each record: 12 bytes of lengths + 1 topic + 1 key + 36 value = 50 bytes
    try (Spool s = new Spool(dir, 100, Duration.ZERO, now::get)) {
      s.append("t", b("k"), new byte[36]);
      assertThat(s.bytes()).isEqualTo(50);
      assertThat(s.full()).isFalse();
      s.append("t", b("k"), new byte[36]);
      assertThat(s.full()).isTrue();
      s.append("t", b("k"), new byte[36]); // in flight: still kept, past the bound
      assertThat(s.bytes()).isEqualTo(150);
      Spool.Taken t = s.take();
      assertThat(s.full()).as("taken but not re-sent yet").isTrue();
      t.done();
      assertThat(s.bytes()).isZero();
      assertThat(s.full()).isFalse();
    }
    try (Spool s = new Spool(dir, 100, Duration.ZERO, now::get)) {
      s.append("t", b("k"), new byte[36]);
    }
    try (Spool s = new Spool(dir, 100, Duration.ZERO, now::get)) {
      assertThat(s.bytes()).as("measured from disk on a new start").isEqualTo(50);
    }
  }

  @Test
  void recordsAreForcedToDiskAtMostOncePerIntervalAndWhenClosed() throws Exception {
    Spool s = new Spool(dir, 1 << 20, Duration.ofSeconds(1), now::get);
    now.set(2_000_000_000L); // the first record comes more than an interval after the start
    s.append("t", null, b("1"));
    assertThat(s.forces()).isEqualTo(1);
    now.addAndGet(400_000_000L);
    s.append("t", null, b("2"));
    s.syncIfDue();
    assertThat(s.forces()).as("within the interval: written through, not forced").isEqualTo(1);
    now.addAndGet(700_000_000L);
    s.syncIfDue();
    assertThat(s.forces()).as("the interval passed with a record unforced").isEqualTo(2);
    s.syncIfDue();
    assertThat(s.forces()).as("nothing new to force").isEqualTo(2);
    s.append("t", null, b("3"));
    s.close();
    assertThat(s.forces()).isEqualTo(3);

    Spool every = new Spool(dir.resolve("every"), 1 << 20, Duration.ZERO, now::get);
    every.append("t", null, b("1"));
    every.append("t", null, b("2"));
    assertThat(every.forces()).isEqualTo(2);
    every.close();
  }
}
