package io.moodstream.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.sql.cli.CommandEnv;
import io.moodstream.sql.cli.ExportMain;
import io.moodstream.sql.cli.ParquetFiles;
import io.moodstream.sql.cli.SqlMain;
import io.moodstream.storage.testing.MiniHBase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code moodstream sql} and {@code moodstream export} run in-process on the mini cluster's
 * history: the table a person reads, CSV and JSON on stdout, Parquet files with their schema pinned
 * by fixtures and read back by Spark and by DuckDB (an independent reader standing in for pandas),
 * the prompt, and the one-line errors with their exit status.
 */
class CommandsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long H14 = History.DAY0 + 86_400 + 14 * 3600; // 2026-11-23T14:00Z
  static final long H16 = H14 + 2 * 3600;

  @TempDir static Path dir;

  @BeforeAll
  static void seed() throws Exception {
    History.seed();
  }

  record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static CommandEnv env(int zkPort, boolean interactive) {
    return new CommandEnv() {
      @Override
      public MoodstreamConfig config() {
        return MoodstreamConfig.load(
            SqlConfig.KEYS,
            Map.of(
                CommonConfig.HBASE_ZOOKEEPER_QUORUM.envName(),
                "127.0.0.1",
                CommonConfig.HBASE_ZOOKEEPER_PORT.envName(),
                String.valueOf(zkPort)),
            null);
      }

      @Override
      public SparkSession session(MoodstreamConfig config, String app) {
        return ItSpark.session();
      }

      @Override
      public void release(SparkSession spark) {
        // shared by the test JVM
      }

      @Override
      public boolean interactive() {
        return interactive;
      }

      @Override
      public Instant now() {
        return Instant.ofEpochSecond(History.END);
      }
    };
  }

  static int zkPort() {
    return MiniHBase.get().getZkCluster().getClientPort();
  }

  static Result sql(String stdin, boolean interactive, String... args) {
    return sql(zkPort(), stdin, interactive, args);
  }

  static Result sql(int zkPort, String stdin, boolean interactive, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code =
        SqlMain.run(
            args,
            env(zkPort, interactive),
            in,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result export(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ExportMain.run(
            args,
            env(zkPort(), false),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static SortedMap<Long, Aggregate> written(String step, String topic, long from, long to) {
    return History.written.get(step + "/" + topic).subMap(from, to);
  }

  @Test
  void aStatementPrintsAnAlignedTableAndWhatHBaseRead() {
    Result r =
        sql(
            "",
            false,
            "SELECT topic, count(*) AS minutes, sum(count) AS posts FROM agg_1m"
                + " WHERE bucket_start >= '2026-11-23 14:00' AND bucket_start < '2026-11-23 16:00'"
                + " GROUP BY topic ORDER BY topic");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> expected = new ArrayList<>();
    expected.add(" topic     | minutes | posts");
    expected.add("-----------+---------+-------");
    long rows = 0;
    for (String t : History.TOPICS) {
      SortedMap<Long, Aggregate> m = written("1m", t, H14, H16);
      long posts = m.values().stream().mapToLong(Aggregate::count).sum();
      String name = t.equals("気分") ? "気分     " : String.format("%-9s", t);
      expected.add(String.format(" %s | %7d | %5d", name, m.size(), posts));
      rows += m.size();
    }
    assertThat(r.out().lines().toList()).isEqualTo(expected);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err())
        .matches(
            "\\(4 rows, [0-9.]+ s; HBase: 4 scans, "
                + String.format("%,d", rows).replace(",", "\\,")
                + " rows \\(\\+5 seeks\\)\\)\\s*");
  }

  @Test
  void badSqlIsOneLineAndExitTwo() {
    for (String bad :
        List.of(
            "SELEC topic FROM agg_1m",
            "SELECT nope FROM agg_1m",
            "SELECT * FROM agg_5m",
            "SELECT topic FROM agg_1m WHERE nope(topic)")) {
      Result r = sql("", false, bad);
      assertThat(r.code()).as(bad + ": " + r.err()).isEqualTo(2);
      assertThat(r.errLines()).as(bad).hasSize(1);
      assertThat(r.err())
          .as(bad)
          .startsWith("moodstream sql: [")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void unreachableHBaseIsOneLineAndExitOne() throws Exception {
    int dead;
    try (ServerSocket s = new ServerSocket(0)) {
      dead = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    Result r = sql(dead, "", false, "SELECT count(*) FROM agg_1m WHERE topic = 'apple'");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err())
        .startsWith(
            "moodstream sql: cannot read moodstream:agg_1m from HBase at 127.0.0.1:" + dead + ": ");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(90);
    // the views of the other tests point at the mini cluster again
    MoodstreamViews.register(ItSpark.session(), ItSpark.hbaseOptions());
  }

  @Test
  void csvAndJsonGoToStdoutWithEveryDigit() throws Exception {
    String q =
        "SELECT * FROM agg_1h WHERE topic = 'café' AND bucket_start < '2026-11-22 06:00'"
            + " ORDER BY bucket_start";
    Result csv = sql("", false, "--format", "csv", q);
    assertThat(csv.code()).as(csv.err()).isZero();
    List<String> lines = List.of(csv.out().split("\r\n"));
    assertThat(lines.get(0))
        .isEqualTo(
            "topic,bucket_start,count,scored,positive,neutral,negative,mean_compound,"
                + "stddev_compound,sum_compound,sum_squares,histogram");
    List<Map.Entry<Long, Aggregate>> hours =
        new ArrayList<>(written("1h", "café", History.DAY0, History.DAY0 + 6 * 3600).entrySet());
    assertThat(lines).hasSize(1 + hours.size());
    Aggregate first = hours.get(0).getValue();
    assertThat(lines.get(1))
        .isEqualTo(
            "café,2026-11-22T00:00:00Z,"
                + first.count()
                + ","
                + first.scored()
                + ","
                + first.positive()
                + ","
                + first.neutral()
                + ","
                + first.negative()
                + ","
                + first.meanCompound()
                + ","
                + first.stddev()
                + ","
                + first.sumCompound()
                + ","
                + first.sumSquares()
                + ",\""
                + java.util.Arrays.toString(first.histogram()).replace(" ", "")
                + "\"");

    Result json = sql("", false, "--format=json", q);
    assertThat(json.code()).as(json.err()).isZero();
    List<String> objects = json.out().lines().toList();
    assertThat(objects).hasSize(hours.size());
    JsonNode o = JSON.readTree(objects.get(0));
    assertThat(o.get("bucket_start").asText()).isEqualTo("2026-11-22T00:00:00Z");
    assertThat(o.get("mean_compound").asDouble()).isEqualTo(first.meanCompound());
    assertThat(o.get("histogram").size()).isEqualTo(Aggregate.BINS);
  }

  @Test
  void parquetFromSqlIsOneFileWithThePinnedSchemaThatSparkAndDuckDbRead() throws Exception {
    Path agg = dir.resolve("apple-day.parquet");
    Result r =
        sql(
            "",
            false,
            "--out",
            agg.toString(),
            "SELECT * FROM agg_1m WHERE topic = 'apple' AND bucket_start >= '2026-11-23'"
                + " ORDER BY bucket_start");
    assertThat(r.code()).as(r.err()).isZero();
    SortedMap<Long, Aggregate> day = written("1m", "apple", History.DAY0 + 86_400, History.END);
    assertThat(r.err()).startsWith(String.format("(%,d rows written to %s", day.size(), agg));
    assertThat(ParquetFiles.schema(agg).toString()).isEqualTo(fixture("agg.parquet-schema.txt"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }

    List<Row> back =
        ItSpark.session().read().parquet(agg.toString()).orderBy("bucket_start").collectAsList();
    assertThat(back).hasSize(day.size());
    assertThat(back.get(0).<Instant>getAs("bucket_start"))
        .isEqualTo(Instant.ofEpochSecond(day.firstKey()));
    assertThat(back.get(0).<Long>getAs("count")).isEqualTo(day.get(day.firstKey()).count());

    Path ext = dir.resolve("extremes.parquet");
    Result e = sql("", false, "-o", ext.toString(), "SELECT * FROM extremes_1m");
    assertThat(e.code()).as(e.err()).isZero();
    assertThat(ParquetFiles.schema(ext).toString())
        .isEqualTo(fixture("extremes.parquet-schema.txt"));

    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      ResultSet rs =
          st.executeQuery(
              "SELECT count(*), min(bucket_start)::VARCHAR, typeof(min(bucket_start)),"
                  + " sum(count), sum(histogram[20]), count(mean_compound)"
                  + " FROM read_parquet('"
                  + agg
                  + "')");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(day.size());
      assertThat(rs.getString(2)).isEqualTo("2026-11-23 00:00:00+00");
      assertThat(rs.getString(3)).isEqualTo("TIMESTAMP WITH TIME ZONE");
      assertThat(rs.getLong(4)).isEqualTo(day.values().stream().mapToLong(Aggregate::count).sum());
      assertThat(rs.getLong(5))
          .isEqualTo(day.values().stream().mapToLong(a -> a.histogram()[19]).sum());
      assertThat(rs.getLong(6))
          .isEqualTo(day.values().stream().filter(a -> a.scored() > 0).count());
      rs =
          st.executeQuery(
              "SELECT post_id, created_at::VARCHAR, url IS NULL FROM read_parquet('"
                  + ext
                  + "') WHERE post_id = 'shared-1' ORDER BY minute");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("2026-11-23 14:10:10.25+00");
      assertThat(rs.getBoolean(3)).isFalse();
    }
  }

  @Test
  void exportWritesTheRangeAsParquetAndAsCsv() throws Exception {
    Path p = dir.resolve("export.parquet");
    Result r =
        export(
            "--topic",
            "apple",
            "--topic",
            "café",
            "--from",
            "2026-11-22T05:30:00Z",
            "--to",
            "2026-11-23T03:00:00Z",
            "--step",
            "1h",
            "--out",
            p.toString());
    assertThat(r.code()).as(r.err()).isZero();
    long from = History.DAY0 + 5 * 3600; // aligned down
    long to = History.DAY0 + 27 * 3600;
    SortedMap<Long, Aggregate> apple = written("1h", "apple", from, to);
    SortedMap<Long, Aggregate> cafe = written("1h", "café", from, to);
    assertThat(r.err())
        .contains(
            String.format(
                "exported %,d rows (apple, café; 2026-11-22T05:00:00Z..2026-11-23T03:00:00Z;"
                    + " step 1h) to %s",
                apple.size() + cafe.size(), p));
    assertThat(ParquetFiles.schema(p).toString()).isEqualTo(fixture("agg.parquet-schema.txt"));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      ResultSet rs =
          st.executeQuery(
              "SELECT topic, epoch(bucket_start)::BIGINT, count, scored, mean_compound, histogram"
                  + " FROM read_parquet('"
                  + p
                  + "')");
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(
            rs.getString(1)
                + " "
                + rs.getLong(2)
                + " "
                + rs.getLong(3)
                + " "
                + rs.getLong(4)
                + " "
                + rs.getObject(5)
                + " "
                + rs.getString(6).replace(" ", ""));
      }
      List<String> expected = new ArrayList<>();
      for (String t : List.of("apple", "café")) {
        written("1h", t, from, to)
            .forEach(
                (s, a) ->
                    expected.add(
                        t
                            + " "
                            + s
                            + " "
                            + a.count()
                            + " "
                            + a.scored()
                            + " "
                            + (a.scored() == 0 ? null : a.meanCompound())
                            + " "
                            + java.util.Arrays.toString(a.histogram()).replace(" ", "")));
      }
      assertThat(rows).as("in file order: by topic, then time").isEqualTo(expected);
    }

    Path c = dir.resolve("export.csv");
    Result rc =
        export(
            "--topic",
            "気分",
            "--from",
            "2026-11-22",
            "--to",
            "2026-11-23",
            "--step",
            "1d",
            "--out",
            c.toString());
    assertThat(rc.code()).as(rc.err()).isZero();
    List<String> lines = Files.readAllLines(c);
    assertThat(lines.get(0))
        .startsWith("topic,bucket_start,count,scored,positive,neutral,negative,mean_compound,")
        .endsWith(",h18,h19");
    Aggregate d = History.written.get("1d/気分").get(History.DAY0);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .startsWith("気分,2026-11-22T00:00:00Z," + d.count() + "," + d.scored() + ",")
        .endsWith("," + d.histogram()[18] + "," + d.histogram()[19]);

    Result again =
        export("--topic", "気分", "--from", "2026-11-22", "--step", "1d", "--out", c.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("exists");
  }

  @Test
  void thePromptRunsStatementsUntilQuitAndSurvivesErrors() {
    Result r =
        sql(
            "SELECT 1 AS x;\nSELEC 2;\nSELECT\n  2 AS y; -- two lines\n\\d agg_1d\n\\q\nSELECT 3 AS z;\n",
            false);
    assertThat(r.out()).contains(" x\n---\n 1\n").contains(" y\n---\n 2\n");
    assertThat(r.out()).contains("histogram").doesNotContain(" z\n");
    assertThat(r.err()).contains("moodstream sql: [PARSE_SYNTAX_ERROR]");
    assertThat(r.code()).as("input from a pipe: the worst status").isEqualTo(2);

    Result i = sql("SELECT 'a;b' AS s\n;\nSELECT nope;\nSELECT 4 AS w;\n", true);
    assertThat(i.out()).startsWith("Views: agg_1m, agg_1h, agg_1d, extremes_1m.");
    assertThat(i.out()).contains("moodstream> ").contains("         -> ").contains(" a;b\n");
    assertThat(i.out()).contains(" w\n---\n 4\n");
    assertThat(i.code()).as("a person's errors are not the session's").isZero();
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = CommandsIT.class.getResourceAsStream("/fixtures/" + name)) {
      assertThat(in).as("fixture " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
