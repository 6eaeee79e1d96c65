package io.moodstream.sql.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.moodstream.schema.cli.Cli;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.EpochSeconds;
import io.moodstream.schema.hbase.RowKey;
import io.moodstream.schema.hbase.Step;
import io.moodstream.sql.SqlSession;
import io.moodstream.sql.cli.ResultFiles.Format;
import io.moodstream.sql.source.KeyConstraint;
import io.moodstream.sql.source.MoodstreamSource;
import io.moodstream.sql.source.View;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./moodstream export}: the aggregates of some topics over a time range, as one Parquet or
 * CSV file for pandas, DuckDB or a spreadsheet. The columns are those of the {@code agg_*} views;
 * CSV spreads the histogram over h0..h19 as the REST API's CSV does.
 */
@Command(
    name = "moodstream export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Exports the stored aggregates of topics over [--from, --to) to one Parquet or CSV file.",
      "Columns: topic, bucket_start (UTC; Parquet TIMESTAMP, microseconds, adjusted to UTC), count,"
          + " scored, positive, neutral, negative, mean_compound, stddev_compound (empty/NULL when"
          + " nothing was scored), sum_compound, sum_squares, histogram (Parquet: a list of 20"
          + " counts; CSV: h0..h19). One row per stored bucket, by topic then time; buckets without"
          + " posts are absent.",
      ""
    },
    footer = {
      "",
      "Times: an ISO-8601 instant (2026-11-24T21:56:00Z), a date (2026-11-24,",
      "  its UTC midnight), or now, now-30m, now-24h, now-7d. --from is aligned",
      "  down and --to up to whole steps.",
      "",
      "Examples:",
      "  ./moodstream export --topic apple --from 2026-11-01 --to 2026-12-01 \\",
      "    --out apple.parquet",
      "  ./moodstream export --topic apple --topic pie --from now-7d --step 1h \\",
      "    --out week.csv",
      "  python3 -c \"import pandas; print(pandas.read_parquet('apple.parquet'))\"",
      "",
      "Exit status: 0 ok; 1 HBase unreachable or a file error; 2 bad arguments.",
      "Configuration (moodstream.properties or MOODSTREAM_* variables):",
      "  hbase.zookeeper.quorum, hbase.zookeeper.port,",
      "  sql.spark.master, sql.shuffle.partitions (see sql/README.md)."
    })
public final class ExportMain implements Callable<Integer> {
  static final String NAME = "moodstream export";

  @Option(
      names = "--topic",
      required = true,
      paramLabel = "TOPIC",
      description = "a topic to export; repeat for several")
  List<String> topics;

  @Option(names = "--from", required = true, paramLabel = "TIME", description = "first bucket")
  String from;

  @Option(
      names = "--to",
      defaultValue = "now",
      paramLabel = "TIME",
      description = "end of the range, exclusive (default ${DEFAULT-VALUE})")
  String to;

  @Option(
      names = "--step",
      defaultValue = "1m",
      paramLabel = "STEP",
      description = "1m, 1h or 1d: the table read (default ${DEFAULT-VALUE})")
  String step;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "parquet or csv (default: from the --out extension, else parquet)")
  String format;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "PATH",
      description = "the file to write; '-' writes CSV to stdout")
  String out;

  @Option(names = "--force", description = "replace --out if it exists")
  boolean force;

  private final CommandEnv env;
  private final PrintStream stdout;
  private final PrintStream stderr;

  ExportMain(CommandEnv env, PrintStream stdout, PrintStream stderr) {
    this.env = env;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static void main(String[] args) {
    System.exit(run(args, CommandEnv.system(), System.out, System.err));
  }

  public static int run(String[] args, CommandEnv env, PrintStream out, PrintStream err) {
    return Cli.execute(new ExportMain(env, out, err), args, out, err, SqlMain.ERRORS);
  }

  /** The validated request. */
  record Request(
      List<String> topics, Step step, long from, long to, Format format, Path out, boolean force) {
    /** Most rows the export can have: every bucket of every topic. */
    long maxRows() {
      return topics.size() * ((to - from) / step.seconds());
    }
  }

  Request request(Instant now) {
    Step s =
        Step.fromLabel(step.trim())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown --step '" + step + "': use 1m, 1h or 1d"));
    LinkedHashSet<String> t = new LinkedHashSet<>();
    for (String topic : topics) {
      try {
        new RowKey(topic, 0);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--topic '" + topic + "': " + e.getMessage());
      }
      t.add(topic);
    }
    long f = s.alignDown(EpochSeconds.parse("--from", from, now));
    long e = EpochSeconds.parse("--to", to, now);
    e = Math.min(KeyConstraint.END, -Math.floorDiv(-e, s.seconds()) * s.seconds());
    if (f >= e) {
      throw new IllegalArgumentException(
          "--from ("
              + Instant.ofEpochSecond(f)
              + ") must be before --to ("
              + Instant.ofEpochSecond(e)
              + ")");
    }
    boolean stdoutCsv = out.equals("-");
    Path path = stdoutCsv ? null : Path.of(out);
    Format fmt =
        format != null ? Format.parse(format) : stdoutCsv ? Format.CSV : Format.ofFile(path);
    if (fmt == null) {
      fmt = Format.PARQUET; // a file name without a known extension
    }
    if (fmt != Format.PARQUET && fmt != Format.CSV) {
      throw new IllegalArgumentException("--format: export writes parquet or csv");
    }
    if (stdoutCsv && fmt != Format.CSV) {
      throw new IllegalArgumentException("--out - (stdout) writes csv only");
    }
    if (path != null) {
      ResultFiles.checkTarget(path, force);
    }
    return new Request(List.copyOf(t), s, f, e, fmt, path, force);
  }

  @Override
  public Integer call() throws Exception {
    Request r;
    try {
      r = request(env.now());
    } catch (IllegalArgumentException e) {
      return Cli.usage(stderr, NAME, e.getMessage());
    }
    MoodstreamConfig config = env.config(); // a ConfigException is a usage error (Cli)
    config.warnings().forEach(w -> stderr.println("warning: " + w));
    long t0 = System.nanoTime();
    SparkSession spark = env.session(config, "moodstream-export");
    SqlSession.useSqlSettings(spark, config);
    Progress progress =
        new Progress(stderr, r.maxRows(), env.interactive(), System::currentTimeMillis);
    ReadProgress listener = new ReadProgress(progress);
    try {
      Dataset<Row> df = frame(spark, SqlSession.hbaseOptions(config), r);
      long rows;
      if (r.format() == Format.PARQUET) {
        spark.sparkContext().addSparkListener(listener);
        ResultFiles.writeParquet(df, r.out(), r.force());
        rows = ParquetFiles.rowCount(r.out());
      } else {
        Dataset<Row> csv = df.select(csvColumns());
        rows = ResultFiles.writeText(csv, Format.CSV, r.out(), r.force(), stdout, progress::update);
      }
      progress.finish();
      stderr.printf(
          "exported %,d rows (%s; %s..%s; step %s) to %s%s in %.1f s%n",
          rows,
          String.join(", ", r.topics()),
          Instant.ofEpochSecond(r.from()),
          Instant.ofEpochSecond(r.to()),
          r.step().label(),
          r.out() == null ? "stdout" : r.out(),
          r.out() == null ? "" : String.format(" (%,d bytes)", Files.size(r.out())),
          (System.nanoTime() - t0) / 1e9);
      return 0;
    } catch (Exception e) {
      progress.finish();
      SqlErrors.Failure f = SqlErrors.of(e);
      stderr.println(NAME + ": " + f.message());
      return f.userError() ? 2 : 1;
    } finally {
      spark.sparkContext().removeSparkListener(listener);
      env.release(spark);
    }
  }

  /**
   * The export as a Dataset: the {@code agg_<step>} view filtered to the topics and range (pushed
   * down to row-key ranges), in one partition sorted by topic and time.
   */
  static Dataset<Row> frame(SparkSession spark, Map<String, String> hbaseOptions, Request r) {
    View view = View.named("agg_" + r.step().label());
    Column topics = col(View.TOPIC).isin(r.topics().toArray());
    Column range =
        col(View.BUCKET_START)
            .geq(lit(Instant.ofEpochSecond(r.from())))
            .and(col(View.BUCKET_START).lt(lit(Instant.ofEpochSecond(r.to()))));
    return spark
        .read()
        .format(MoodstreamSource.SHORT_NAME)
        .options(hbaseOptions)
        .option(MoodstreamSource.TABLE_OPTION, view.viewName())
        .load()
        .where(topics.and(range))
        .coalesce(1)
        .sortWithinPartitions(View.TOPIC, View.BUCKET_START);
  }

  /** Every column but the histogram, then h0..h19: CSV has no arrays. */
  static Column[] csvColumns() {
    List<Column> c = new ArrayList<>();
    for (String name : View.AGG_1M.schema().fieldNames()) {
      if (!name.equals("histogram")) {
        c.add(col(name));
      }
    }
    for (int i = 0; i < Aggregate.BINS; i++) {
      c.add(col("histogram").getItem(i).as("h" + i));
    }
    return c.toArray(new Column[0]);
  }
}
