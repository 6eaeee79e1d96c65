package io.moodstream.ingest.source.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.ingest.core.DamagedInputException;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.ingest.core.RecordingSink;
import io.moodstream.ingest.core.TopicMatcher;
import io.moodstream.schema.event.Source;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated and corrupt compressed archives: every record before the damage is delivered, the
 * record the damage cut goes to the dead-letter topic, and the run reports the damage instead of
 * ending as if all was well.
 */
class DamagedArchiveTest {
  @TempDir Path dir;
  final RecordingSink sink = new RecordingSink();
  final Ingestor in = sink.ingestor(Source.REPLAY, List.of("coffee"));
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  static final Instant T0 = Instant.parse("2013-08-03T12:00:00Z");

  private static byte[] statuses(long seed, int n) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    V1Generator.write(raw, seed, n, T0, 7);
    return raw.toByteArray();
  }

  /** bzip2 with 100 kB blocks, so a few thousand statuses span many blocks. */
  private static byte[] bz2(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (BZip2CompressorOutputStream z = new BZip2CompressorOutputStream(b, 1)) {
      z.write(data);
    }
    return b.toByteArray();
  }

  private static byte[] gz(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      z.write(data);
    }
    return b.toByteArray();
  }

  /**
   * The independent answer: what a decoder yields byte by byte before it fails, and how many
   * complete lines (non-blank) that is.
   */
  private static long completeLinesBeforeFailure(InputStream decoder) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (decoder) {
      int c;
      while ((c = decoder.read()) >= 0) {
        out.write(c);
      }
    } catch (IOException expected) {
      // the damage
    }
    String s = out.toString(StandardCharsets.UTF_8);
    return s.lines().filter(l -> !l.isBlank()).count() - (s.endsWith("\n") ? 0 : 1);
  }

  private ReplaySource replay(boolean continueOnDamage, Path... files) {
    return new ReplaySource(List.of(files), 0, 0, "fast", false, err, 0, continueOnDamage);
  }

  @Test
  void aTruncatedBzip2DeliversEveryRecordBeforeTheDamageAndExitsWithTheReport() throws Exception {
    byte[] raw = statuses(1, 3_000);
    byte[] all = bz2(raw);
    byte[] cut = Arrays.copyOf(all, all.length * 2 / 3);
    Path f = dir.resolve("12.json.bz2");
    Files.write(f, cut);
    long expected =
        completeLinesBeforeFailure(new BZip2CompressorInputStream(new ByteArrayInputStream(cut)));
    assertThat(expected).as("the fixture spans several blocks").isBetween(1_000L, 2_500L);

    assertThatThrownBy(() -> replay(false, f).run(in, new Lifecycle()))
        .isInstanceOf(DamagedInputException.class)
        .satisfies(
            e ->
                assertThat(((DamagedInputException) e).damages())
                    .singleElement()
                    .asString()
                    .contains(f.toString(), "record(s) delivered before the damage", "truncated"));
    assertThat(in.metrics().get("replay", "read")).isEqualTo(expected);
    assertThat(sink.posts.size() + sink.deletes.size()).isEqualTo((int) expected);
    assertThat(in.metrics().get("replay", "skipped.damaged-file")).isEqualTo(1);
    // the delivered records are the archive's first ones, in order
    List<String> ids = sink.posts.stream().map(p -> p.id()).toList();
    String text = new String(raw, StandardCharsets.UTF_8);
    assertThat(text.indexOf("\"id_str\":\"" + ids.get(ids.size() - 1) + "\""))
        .isGreaterThan(text.indexOf("\"id_str\":\"" + ids.get(0) + "\""));
  }

  @Test
  void theRecordTheDamageCutIsADeadLetterNotASilentLoss() throws Exception {
    byte[] all = bz2(statuses(2, 2_000));
    byte[] cut = Arrays.copyOf(all, all.length / 2);
    Path f = dir.resolve("cut.json.bz2");
    Files.write(f, cut);
    // whether the last complete block ends exactly on a newline decides if a record is cut
    ByteArrayOutputStream decoded = new ByteArrayOutputStream();
    try (InputStream d = new BZip2CompressorInputStream(new ByteArrayInputStream(cut))) {
      int c;
      while ((c = d.read()) >= 0) {
        decoded.write(c);
      }
    } catch (IOException expected) {
      // the damage
    }
    String s = decoded.toString(StandardCharsets.UTF_8);
    boolean cutOne = !s.isEmpty() && !s.endsWith("\n");
    assertThatThrownBy(() -> replay(false, f).run(in, new Lifecycle()))
        .isInstanceOf(DamagedInputException.class);
    if (cutOne) {
      assertThat(sink.dead)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.reason()).contains("record cut short by damage in", f.toString());
                assertThat(s).endsWith(d.raw());
              });
      assertThat(in.metrics().get("replay", "dlq.cut-short")).isEqualTo(1);
    } else {
      assertThat(sink.dead).isEmpty();
    }
  }

  @Test
  void aTruncatedGzipDeliversEveryRecordBeforeTheDamage() throws Exception {
    byte[] all = gz(statuses(3, 2_000));
    byte[] cut = Arrays.copyOf(all, all.length * 3 / 4);
    Path f = dir.resolve("x.json.gz");
    Files.write(f, cut);
    long expected = completeLinesBeforeFailure(new GZIPInputStream(new ByteArrayInputStream(cut)));
    assertThatThrownBy(() -> replay(false, f).run(in, new Lifecycle()))
        .isInstanceOf(DamagedInputException.class);
    assertThat(in.metrics().get("replay", "read")).isEqualTo(expected);
  }

  @Test
  void aCorruptBlockInTheMiddleIsLocatedAndTheLossEstimated() throws Exception {
    byte[] all = bz2(statuses(4, 3_000));
    byte[] bad = all.clone();
    for (int i = all.length / 3; i < all.length / 3 + 64; i++) {
      bad[i] = (byte) ~bad[i];
    }
    Path f = dir.resolve("corrupt.json.bz2");
    Files.write(f, bad);
    assertThatThrownBy(() -> replay(false, f).run(in, new Lifecycle()))
        .isInstanceOf(DamagedInputException.class)
        .satisfies(
            e ->
                assertThat(((DamagedInputException) e).damages().get(0))
                    .contains("compressed bytes are unreadable: about", "record(s) lost"));
    assertThat(in.metrics().get("replay", "read")).isPositive();
  }

  @Test
  void withContinueOnDamageTheNextFilesAreReadAndTheDamageIsStillReported() throws Exception {
    byte[] all = bz2(statuses(5, 1_500));
    Path damaged = dir.resolve("a.json.bz2");
    Files.write(damaged, Arrays.copyOf(all, all.length / 2));
    Path fine = dir.resolve("b.json.bz2");
    Files.write(fine, bz2(statuses(6, 100)));
    Path notBzip2 = dir.resolve("c.json.bz2");
    Files.writeString(notBzip2, "{\"this is\":\"not bzip2\"}\n");

    replay(true, damaged, fine, notBzip2).run(in, new Lifecycle());
    assertThat(in.metrics().get("replay", "skipped.damaged-file")).isEqualTo(2);
    assertThat(sink.posts.stream().filter(p -> p.createdAt() != null).count())
        .isGreaterThanOrEqualTo(100);
    String report = errBytes.toString(StandardCharsets.UTF_8);
    assertThat(report)
        .contains("2 damaged file(s), read on", damaged.toString(), notBzip2.toString());

    // without it, the replay stops at the first damaged file: the fine one is not read
    RecordingSink second = new RecordingSink();
    Metrics m2 = new Metrics();
    Ingestor in2 =
        new Ingestor(
            Source.REPLAY, TopicMatcher.of(List.of("coffee")), second, m2, Clock.systemUTC());
    assertThatThrownBy(() -> replay(false, damaged, fine).run(in2, new Lifecycle()))
        .isInstanceOf(DamagedInputException.class);
    assertThat(m2.get("replay", "read"))
        .isEqualTo(in.metrics().get("replay", "read") - 100 - countDeletes(fine));
  }

  private static long countDeletes(Path bz2File) throws IOException {
    try (InputStream d = new BZip2CompressorInputStream(Files.newInputStream(bz2File))) {
      return new String(d.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> l.startsWith("{\"delete\""))
          .count();
    }
  }

  @Test
  void theSalvagingStreamHandsOverWhatItHasThenFails() throws Exception {
    InputStream failing =
        new InputStream() {
          int i;

          @Override
          public int read() throws IOException {
            if (i == 5) {
              throw new IOException("boom");
            }
            return 'a' + i++;
          }
        };
    Salvaging s = new Salvaging(failing);
    byte[] buf = new byte[100];
    assertThat(s.read(buf, 0, 100)).isEqualTo(5);
    assertThat(new String(buf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("abcde");
    assertThatThrownBy(() -> s.read(buf, 0, 100)).hasMessage("boom");
    OutputStream.nullOutputStream().close();
  }
}
