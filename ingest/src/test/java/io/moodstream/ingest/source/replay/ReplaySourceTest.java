package io.moodstream.ingest.source.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.ingest.core.FatalSourceException;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.ingest.core.RecordingSink;
import io.moodstream.ingest.core.Sleeper;
import io.moodstream.ingest.core.TopicMatcher;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {
  @TempDir Path dir;
  final RecordingSink sink = new RecordingSink();
  final Ingestor in = sink.ingestor(Source.REPLAY, List.of("coffee", "climate change", "election"));
  final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

  private static byte[] bz2(byte[] data) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (BZip2CompressorOutputStream z = new BZip2CompressorOutputStream(b)) {
      z.write(data);
    }
    return b.toByteArray();
  }

  private static byte[] minute(Instant t, int n) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    V1Generator.write(out, t.getEpochSecond(), n, t, 60_000 / n);
    return out.toByteArray();
  }

  /** Archive Team layout: yyyy/mm/dd/HH/MM.json.bz2, written out of order to check sorting. */
  private Path archive(Path root) throws Exception {
    for (int m : new int[] {2, 0, 1}) {
      Instant t = Instant.parse("2013-08-03T12:00:00Z").plusSeconds(60L * m);
      Path f = root.resolve(String.format("2013/08/03/12/%02d.json.bz2", m));
      Files.createDirectories(f.getParent());
      Files.write(f, bz2(minute(t, 50)));
    }
    return root;
  }

  /** At full speed with the fast parser, parsing on {@code threads} (0: the reading thread). */
  private ReplaySource replay(long count, int threads, Path... paths) {
    return new ReplaySource(List.of(paths), 0, count, "fast", false, quiet, threads, false);
  }

  @Test
  void anArchiveTeamDirectoryReplaysInTimeOrderWithDeletes() throws Exception {
    replay(0, 0, archive(dir.resolve("grab"))).run(in, new Lifecycle());
    assertThat(in.metrics().get("replay", "read")).isEqualTo(150);
    assertThat(sink.posts.size() + sink.deletes.size()).isEqualTo(150);
    List<Instant> times = sink.posts.stream().map(PostEvent::createdAt).toList();
    assertThat(times).isSorted();
    assertThat(times.get(0)).isEqualTo(Instant.parse("2013-08-03T12:00:00Z"));
    assertThat(sink.posts).allMatch(p -> p.topics().contains("all"));
    assertThat(sink.posts).anyMatch(p -> p.topics().contains("coffee"));
  }

  @Test
  void parsingThreadsAtMaxSpeedGiveTheSameEvents() throws Exception {
    Path grab = archive(dir.resolve("grab"));
    Path mixed = Path.of("src/test/resources/replay/v1-mixed.jsonl");
    replay(0, 0, grab, mixed).run(in, new Lifecycle());
    RecordingSink parallel = new RecordingSink();
    Metrics m2 = new Metrics();
    Ingestor in2 =
        new Ingestor(
            Source.REPLAY,
            TopicMatcher.of(List.of("coffee", "climate change", "election")),
            parallel,
            m2,
            Clock.systemUTC());
    replay(0, 3, grab, mixed).run(in2, new Lifecycle());
    assertThat(new java.util.HashSet<>(parallel.posts))
        .isEqualTo(new java.util.HashSet<>(sink.posts));
    assertThat(parallel.deletes).containsExactlyInAnyOrderElementsOf(sink.deletes);
    assertThat(parallel.dead).hasSameSizeAs(sink.dead);
    assertThat(m2.snapshot()).isEqualTo(in.metrics().snapshot());
  }

  @Test
  void aTarOfTheLayoutAndGzipAndPlainFilesAllReplay() throws Exception {
    Path grab = archive(dir.resolve("grab"));
    Path tar = dir.resolve("archiveteam-twitter-stream-2013-08.tar");
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      for (Path f : Inputs.files(List.of(grab))) {
        TarArchiveEntry e = new TarArchiveEntry(f.toFile(), grab.relativize(f).toString());
        t.putArchiveEntry(e);
        Files.copy(f, t);
        t.closeArchiveEntry();
      }
    }
    Path gz = dir.resolve("x.json.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(Files.readAllBytes(Path.of("src/test/resources/replay/x-v2.jsonl")));
    }
    Path plain = Path.of("src/test/resources/replay/v1-mixed.jsonl");
    replay(0, 0, tar, gz, plain).run(in, new Lifecycle());
    assertThat(in.metrics().get("replay", "read")).isEqualTo(150 + 2 + 10);
    assertThat(sink.posts)
        .anyMatch(p -> p.id().equals("1600000000000000002") && p.topics().contains("election"));
    // v1-mixed: 2 posts, 1 delete, limit + scrub_geo skipped, 5 dead letters (+1 without author)
    assertThat(in.metrics().get("replay", "skipped.notice.limit")).isEqualTo(1);
    assertThat(in.metrics().get("replay", "skipped.notice.scrub_geo")).isEqualTo(1);
    assertThat(in.metrics().get("replay", "dlq.malformed-json")).isEqualTo(1);
    assertThat(in.metrics().get("replay", "dlq.missing-field")).isEqualTo(2);
    assertThat(in.metrics().get("replay", "dlq.invalid-field")).isEqualTo(1);
    assertThat(in.metrics().get("replay", "dlq.invalid-utf8")).isEqualTo(1);
    assertThat(sink.dead.get(sink.dead.size() - 1).raw()).contains("bad \uFFFD\uFFFD bytes");
  }

  @Test
  void aOneMegabyteTextAndAnOverlongLineAreDeadLettersAndTheStreamGoesOn() throws Exception {
    Path f = dir.resolve("big.jsonl");
    String big =
        "{\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"id_str\":\"1\",\"text\":\""
            + "a".repeat(1 << 20)
            + "\",\"user\":{\"id_str\":\"2\",\"screen_name\":\"x\"}}\n";
    String huge = "{\"text\":\"" + "b".repeat(ReplaySource.MAX_LINE + 10) + "\"}\n";
    String ok =
        "{\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"id_str\":\"3\",\"text\":\"coffee\",\"user\":{\"id_str\":\"2\",\"screen_name\":\"x\"}}\n";
    Files.writeString(f, big + huge + ok);
    replay(0, 0, f).run(in, new Lifecycle());
    assertThat(sink.posts).extracting(PostEvent::id).containsExactly("3");
    assertThat(in.metrics().get("replay", "dlq.text-too-long")).isEqualTo(2);
    assertThat(sink.dead.get(0).reason()).contains("1048576 characters");
    assertThat(sink.dead.get(1).reason()).contains("longer than");
  }

  @Test
  void countStopsEarlyAndAMissingPathIsFatal() throws Exception {
    replay(7, 0, archive(dir.resolve("g"))).run(in, new Lifecycle());
    assertThat(in.metrics().get("replay", "read")).isEqualTo(7);
    assertThatThrownBy(() -> replay(0, 0, dir.resolve("nope")).run(in, new Lifecycle()))
        .isInstanceOf(FatalSourceException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void realTimeKeepsTheGapsAndNTimesFasterDividesThem() throws Exception {
    long[] now = {0};
    List<Duration> slept = new ArrayList<>();
    Sleeper sleeper =
        d -> {
          slept.add(d);
          now[0] += d.toNanos();
        };
    Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
    Pacer real = new Pacer(1, sleeper, () -> now[0]);
    real.await(t0);
    real.await(t0.plusSeconds(2));
    now[0] += 500_000_000L; // half a second of work
    real.await(t0.plusSeconds(5));
    real.await(t0.plusSeconds(4)); // out of order: no wait
    assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(2500));
    slept.clear();
    now[0] = 0;
    Pacer fast = new Pacer(10, sleeper, () -> now[0]);
    fast.await(t0);
    fast.await(t0.plusSeconds(60));
    assertThat(slept).containsExactly(Duration.ofSeconds(6));
    slept.clear();
    Pacer max = new Pacer(0, sleeper, () -> now[0]);
    max.await(t0);
    max.await(t0.plusSeconds(3600));
    assertThat(slept).isEmpty();
  }

  @Test
  void theProgressLineShowsRecordsRateBytesAndEta() {
    String l = Progress.line(150_000, 50_000_000, 1_000_000_000L, 100_000_000);
    assertThat(l)
        .contains(
            "150,000 records",
            "150,000/s",
            "50.0/100.0 MB",
            "ETA 0:01",
            "############............");
  }

  @Test
  void theLineReaderHandlesCrLfLongLinesAndNoFinalNewline() throws Exception {
    LineReader r = new LineReader(10);
    List<String> got = new ArrayList<>();
    r.read(
        new java.io.ByteArrayInputStream(
            "ab\r\n\nabcdefghijklmnop\nend".getBytes(StandardCharsets.UTF_8)),
        (b, off, len, cut) ->
            got.add(new String(b, off, len, StandardCharsets.UTF_8) + (cut ? "~" : "")) || true);
    assertThat(got).containsExactly("ab", "", "abcdefghij~", "end");
  }
}
