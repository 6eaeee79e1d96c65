package io.moodstream.sentiment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.sentiment.SentimentScorer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(byte[] stdin, String... args) {
    return run(stdin, false, args);
  }

  private int run(byte[] stdin, boolean interactive, String... args) {
    AtomicLong clock = new AtomicLong();
    ScoreCommand command =
        new ScoreCommand(
            SentimentScorer.standard(),
            new ByteArrayInputStream(stdin),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            interactive,
            () -> clock.addAndGet(1_000_000_000L)); // one second per reading
    return command.run(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Expected values are rows of vader-parity.tsv (test resources) (lines 157, 65, 419, 258). */
  @Test
  void fileRoundTripsOneOutputLinePerInputLineInOrder() throws IOException {
    Path file = dir.resolve("posts.txt");
    Files.writeString(file, "It is so good.\r\n\nNo way.\ngood hate fine\n😂");
    assertThat(run(new byte[0], file.toString())).isEqualTo(ScoreCommand.OK);
    assertThat(stdout())
        .isEqualTo(
            "neg\tneu\tpos\tcompound\n"
                + "0.0\t0.445\t0.555\t0.5777\n"
                + "0.0\t0.0\t0.0\t0.0\n"
                + "0.688\t0.312\t0.0\t-0.296\n"
                + "0.44\t0.0\t0.56\t-0.0\n"
                + "0.218\t0.345\t0.437\t0.4404\n");
    assertThat(stderr()).contains("scored 5 lines", "0 invalid UTF-8");
  }

  @Test
  void readsStandardInputWithoutFilesOrWithDash() {
    assertThat(run(utf8("I love it\nI hate it\n"))).isEqualTo(ScoreCommand.OK);
    String lines = stdout();
    assertThat(lines.split("\n")).hasSize(3);
    out.reset();
    assertThat(run(utf8("I love it\nI hate it\n"), "-")).isEqualTo(ScoreCommand.OK);
    assertThat(stdout()).isEqualTo(lines);
  }

  @Test
  void inputsAreScoredInTurnAndTheSummaryAddsUpEveryInput() throws IOException {
    Path first = dir.resolve("first.tsv");
    Files.writeString(first, "id\ttext\n1\tNo way.\n2\n");
    Path second = dir.resolve("second.tsv");
    Files.write(second, new byte[] {'h', '\t', 't', '\n', '3', '\t', 'o', 'k', (byte) 0xFF, '\n'});
    byte[] stdin = utf8("h\tt\n4\n5\tIt is so good.\n");
    assertThat(run(stdin, "--tsv", "--column", "2", first.toString(), "-", second.toString()))
        .isEqualTo(ScoreCommand.OK);
    assertThat(stdout().split("\n"))
        .containsExactly(
            "neg\tneu\tpos\tcompound",
            "0.688\t0.312\t0.0\t-0.296",
            "0.0\t0.0\t0.0\t0.0",
            "0.0\t0.0\t0.0\t0.0",
            "0.0\t0.445\t0.555\t0.5777",
            "0.0\t1.0\t0.0\t0.0");
    assertThat(stderr())
        .contains(
            "scored 5 lines, 1 invalid UTF-8 sequences replaced by U+FFFD,"
                + " 2 TSV rows without the column");
  }

  @Test
  void tsvColumnIsOneBasedAndTheHeaderRowIsSkipped() throws IOException {
    Path file = dir.resolve("posts.tsv");
    Files.writeString(file, "id\ttext\tlang\n1\tIt is so good.\ten\n2\tNo way.\ten\n3\n");
    assertThat(run(new byte[0], "--tsv", "--column", "2", file.toString()))
        .isEqualTo(ScoreCommand.OK);
    assertThat(stdout())
        .isEqualTo(
            "neg\tneu\tpos\tcompound\n"
                + "0.0\t0.445\t0.555\t0.5777\n"
                + "0.688\t0.312\t0.0\t-0.296\n"
                + "0.0\t0.0\t0.0\t0.0\n");
    assertThat(stderr()).contains("scored 3 lines", "1 TSV rows without the column");
  }

  @Test
  void invalidUtf8IsReplacedCountedAndNotFatal() {
    byte[] input = {'g', 'o', 'o', 'd', ' ', (byte) 0xFF, '\n', (byte) 0xC3, '\n', 'o', 'k', '\n'};
    assertThat(run(input, "--column=1", "--tsv")).isEqualTo(ScoreCommand.OK);
    assertThat(stdout().split("\n")).hasSize(3); // header + 2 rows after the TSV header row
    out.reset();
    err.reset();
    assertThat(run(input)).isEqualTo(ScoreCommand.OK);
    assertThat(stdout().split("\n"))
        .containsExactly(
            "neg\tneu\tpos\tcompound",
            "0.0\t0.256\t0.744\t0.4404",
            "0.0\t1.0\t0.0\t0.0",
            "0.0\t0.0\t1.0\t0.296");
    assertThat(stderr()).contains("scored 3 lines, 2 invalid UTF-8 sequences replaced");
  }

  @Test
  void utf8ReaderDecodesSplitMultiByteCharactersAcrossBuffers() throws IOException {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      big.append("é😂");
    }
    byte[] bytes = utf8(big + "\nlast");
    Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(bytes));
    assertThat(reader.readLine()).isEqualTo(big.toString());
    assertThat(reader.readLine()).isEqualTo("last");
    assertThat(reader.readLine()).isNull();
    assertThat(reader.replacements()).isZero();
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    assertThat(run(new byte[0], "--help")).isEqualTo(ScoreCommand.OK);
    assertThat(stdout()).contains("Usage: moodstream score", "--column=N", "counted from 1");
  }

  @Test
  void badArgumentsExitTwoWithAClearMessage() {
    assertThat(run(new byte[0], "--frobnicate")).isEqualTo(ScoreCommand.USAGE);
    assertThat(stderr())
        .contains("Unknown option: '--frobnicate'", "Try './moodstream score --help'");
    err.reset();
    assertThat(run(new byte[0], "--tsv")).isEqualTo(ScoreCommand.USAGE);
    assertThat(stderr()).contains("--tsv needs --column");
    err.reset();
    assertThat(run(new byte[0], "--tsv", "--column")).isEqualTo(ScoreCommand.USAGE);
    assertThat(stderr()).contains("Missing required parameter for option '--column'");
    err.reset();
    assertThat(run(new byte[0], "--tsv", "--column", "0")).isEqualTo(ScoreCommand.USAGE);
    assertThat(stderr()).contains("counts from 1");
    err.reset();
    assertThat(run(new byte[0], "--tsv", "--column", "two")).isEqualTo(ScoreCommand.USAGE);
    assertThat(stderr()).contains("must be a number");
    err.reset();
    assertThat(run(new byte[0], "--column", "2")).isEqualTo(ScoreCommand.USAGE);
    assertThat(stderr()).contains("only valid with --tsv");
    err.reset();
    assertThat(run(new byte[0], dir.resolve("missing.txt").toString()))
        .isEqualTo(ScoreCommand.USAGE);
    assertThat(stderr()).contains("file not found");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void progressLineIsDrawnOnlyWhenInteractive() {
    byte[] input = utf8("good\n".repeat(5_000));
    assertThat(run(input, true)).isEqualTo(ScoreCommand.OK);
    assertThat(stderr()).contains("lines/s");
    err.reset();
    out.reset();
    assertThat(run(input, false)).isEqualTo(ScoreCommand.OK);
    assertThat(stderr()).doesNotContain("lines/s");
  }
}
