package io.moodstream.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.EpochSeconds;
import io.moodstream.sql.SqlConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments are checked before any Spark starts: a bad one is exit 2 and one line. */
class ArgumentsTest {
  static final Instant NOW = Instant.parse("2026-11-24T21:56:30Z");

  /** An environment whose session must never be asked for. */
  static final CommandEnv NO_SPARK =
      new CommandEnv() {
        @Override
        public MoodstreamConfig config() {
          return MoodstreamConfig.load(
              SqlConfig.KEYS, Map.of("MOODSTREAM_SQL_SHUFFLE_PARTITIONS", "0"), null);
        }

        @Override
        public SparkSession session(MoodstreamConfig config, String app) {
          throw new AssertionError("no Spark for bad arguments");
        }

        @Override
        public void release(SparkSession spark) {}

        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public Instant now() {
          return NOW;
        }
      };

  record Result(int code, String out, String err) {}

  static Result sql(String... args) {
    return capture(
        (out, err) -> SqlMain.run(args, NO_SPARK, new ByteArrayInputStream(new byte[0]), out, err));
  }

  static Result export(String... args) {
    return capture((out, err) -> ExportMain.run(args, NO_SPARK, out, err));
  }

  /** A command's status and what it wrote to stdout and stderr. */
  static Result capture(BiFunction<PrintStream, PrintStream, Integer> command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        command.apply(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpAndVersionExitZero() {
    Result h = sql("--help");
    assertThat(h.code()).isZero();
    assertThat(h.out()).contains("Usage: moodstream sql", "--format", "extremes_1m", "Exit status");
    assertThat(sql("-h").code()).isZero();
    Result v = sql("-V");
    assertThat(v.code()).isZero();
    assertThat(v.out().strip()).isEqualTo("moodstream " + io.moodstream.schema.cli.Cli.version());
    Result e = export("--help");
    assertThat(e.code()).isZero();
    assertThat(e.out()).contains("Usage: moodstream export", "--topic", "h0..h19");
  }

  @Test
  void badSqlOptionsAreOneLineAndExitTwo() {
    for (String[] args :
        new String[][] {
          {"--bogus"},
          {"--format", "xml", "SELECT 1"},
          {"--format", "parquet", "SELECT 1"},
          {"--out", "x.txt", "SELECT 1"},
          {"--format=table", "--out=x.csv", "SELECT 1"},
          {"--max-rows=0", "SELECT 1"},
          {"--max-rows=many", "SELECT 1"},
          {"-f", "no-such-file.sql"},
          {"-f", "a.sql", "SELECT 1"},
          {" ;  ; "},
        }) {
      Result r = sql(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().lines()).as(String.join(" ", args)).hasSize(2);
      assertThat(r.err()).startsWith("moodstream sql: ").contains("--help");
    }
  }

  @Test
  void anExistingOutputIsNeverOverwrittenWithoutForce(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("old.csv"), "keep me");
    Result r = sql("--out", f.toString(), "SELECT 1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("exists", "--force");
    assertThat(Files.readString(f)).isEqualTo("keep me");
  }

  @Test
  void aBadConfigurationIsExitTwoNamingTheKey() {
    Result r = sql("SELECT 1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("sql.shuffle.partitions");
  }

  @Test
  void badExportArgumentsAreOneLineAndExitTwo(@TempDir Path dir) {
    String out = dir.resolve("x.parquet").toString();
    for (String[] args :
        new String[][] {
          {"--from", "now-1h", "--out", out},
          {"--topic", "a", "--out", out},
          {"--topic", "a", "--from", "yesterday", "--out", out},
          {"--topic", "a", "--from", "now", "--to", "now-1h", "--out", out},
          {"--topic", "a", "--from", "now-1h", "--step", "5m", "--out", out},
          {"--topic", "", "--from", "now-1h", "--out", out},
          {"--topic", "a", "--from", "now-1h", "--format", "json", "--out", out},
          {"--topic", "a", "--from", "now-1h", "--out", dir.resolve("x.json").toString()},
          {"--topic", "a", "--from", "now-1h", "--format", "parquet", "--out", "-"},
          {"--topic", "a", "--from", "1960-01-01", "--out", out},
          {"--topic", "a", "--from", "now-1h", "--out", dir.resolve("none/x.csv").toString()},
        }) {
      Result r = export(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().lines()).as(String.join(" ", args)).hasSize(2);
      assertThat(r.err()).startsWith("moodstream export: ");
    }
  }

  @Test
  void exportAlignsTheRangeToWholeSteps() {
    ExportMain e = new ExportMain(NO_SPARK, System.out, System.err);
    e.topics = java.util.List.of("apple", "apple", "pie");
    e.from = "2026-11-24T10:30:15Z";
    e.to = "2026-11-24T12:00:01Z";
    e.step = "1h";
    e.out = "x.parquet";
    ExportMain.Request r = e.request(NOW);
    assertThat(r.topics()).containsExactly("apple", "pie");
    assertThat(Instant.ofEpochSecond(r.from())).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    assertThat(Instant.ofEpochSecond(r.to())).isEqualTo(Instant.parse("2026-11-24T13:00:00Z"));
    assertThat(r.maxRows()).isEqualTo(6);
    assertThat(r.format()).isEqualTo(ResultFiles.Format.PARQUET);
    e.out = "-";
    e.from = "now-24h";
    e.to = "now";
    e.step = "1m";
    r = e.request(NOW);
    assertThat(r.format()).isEqualTo(ResultFiles.Format.CSV);
    assertThat(Instant.ofEpochSecond(r.from())).isEqualTo(Instant.parse("2026-11-23T21:56:00Z"));
    assertThat(Instant.ofEpochSecond(r.to())).isEqualTo(Instant.parse("2026-11-24T21:57:00Z"));
  }

  @Test
  void exportTakesItsFormatFromTheOptionElseTheFileNameElseParquet(@TempDir Path dir) {
    ExportMain e = new ExportMain(NO_SPARK, System.out, System.err);
    e.topics = java.util.List.of("apple");
    e.from = "now-1h";
    e.to = "now";
    e.step = "1m";
    e.out = dir.resolve("x.csv").toString();
    assertThat(e.request(NOW).format()).isEqualTo(ResultFiles.Format.CSV);
    e.out = dir.resolve("x.PARQUET").toString();
    assertThat(e.request(NOW).format()).isEqualTo(ResultFiles.Format.PARQUET);
    e.out = dir.resolve("x.txt").toString();
    assertThat(e.request(NOW).format()).isEqualTo(ResultFiles.Format.PARQUET);
    e.format = " CSV ";
    assertThat(e.request(NOW).format()).isEqualTo(ResultFiles.Format.CSV);
    e.out = "-";
    e.format = null;
    assertThat(e.request(NOW).format()).isEqualTo(ResultFiles.Format.CSV);
  }

  @Test
  void timesReadAsTheRestApiReadsThem() {
    assertThat(EpochSeconds.parse("--from", "2026-11-24", NOW))
        .isEqualTo(Instant.parse("2026-11-24T00:00:00Z").getEpochSecond());
    assertThat(EpochSeconds.parse("--from", "2026-11-24T22:00:00+01:00", NOW))
        .isEqualTo(Instant.parse("2026-11-24T21:00:00Z").getEpochSecond());
    assertThat(EpochSeconds.parse("--from", "now-7d", NOW))
        .isEqualTo(NOW.minusSeconds(7 * 86_400).getEpochSecond());
    assertThat(EpochSeconds.parse("--from", " now ", NOW)).isEqualTo(NOW.getEpochSecond());
  }
}
