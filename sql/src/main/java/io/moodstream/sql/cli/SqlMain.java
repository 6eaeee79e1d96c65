package io.moodstream.sql.cli;

import io.moodstream.schema.cli.Cli;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.sql.MoodstreamViews;
import io.moodstream.sql.ScanStats;
import io.moodstream.sql.SqlSession;
import io.moodstream.sql.cli.ResultFiles.Format;
import io.moodstream.sql.source.View;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./moodstream sql}: Spark SQL, local, over the views of the stored history. A statement on
 * the command line (or {@code -f FILE}) runs and exits; without one, a prompt reads statements
 * ended by {@code ;}. Exit status: 0 ok, 1 HBase or a file could not be read or written, 2 bad
 * arguments or a bad statement (one line on stderr, never a stack trace).
 */
@Command(
    name = "moodstream sql",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Spark SQL over the stored history, in a local Spark (no cluster needed).",
      "Views: agg_1m, agg_1h, agg_1d (topic, bucket_start, count, scored, positive, neutral,"
          + " negative, mean_compound, stddev_compound, sum_compound, sum_squares, histogram) and"
          + " extremes_1m (topic, minute, polarity, rank, post_id, text, author, author_id,"
          + " compound, created_at, url). Filters on topic and bucket_start/minute are turned into"
          + " HBase row-key ranges. Times are UTC.",
      "Without a STATEMENT: an interactive prompt; end statements with ';', \\d lists the views,"
          + " \\d VIEW its columns, \\q or Ctrl-D quits.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ./moodstream sql \"SELECT topic, sum(count) FROM agg_1d GROUP BY topic\"",
      "  ./moodstream sql --format csv \"SELECT * FROM agg_1h\" > hours.csv",
      "  ./moodstream sql -o week.parquet \\",
      "    \"SELECT * FROM agg_1m WHERE bucket_start >= now() - INTERVAL 7 DAYS\"",
      "",
      "Exit status: 0 ok; 1 HBase unreachable or a file error;",
      "  2 bad arguments or a bad statement (one line on stderr).",
      "Configuration (moodstream.properties or MOODSTREAM_* variables):",
      "  hbase.zookeeper.quorum, hbase.zookeeper.port,",
      "  sql.spark.master, sql.shuffle.partitions (see sql/README.md)."
    })
public final class SqlMain implements Callable<Integer> {
  static final String PROMPT = "moodstream> ";
  static final String CONTINUE = "         -> ";

  @Parameters(
      arity = "0..1",
      paramLabel = "STATEMENT",
      description = "SQL to run; several statements separated by ';' run in order")
  String statement;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "read the statements from FILE")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "table (default), csv, json (JSON Lines) or parquet; with --out, the file name's"
              + " extension (.csv, .json, .parquet) sets it")
  String format;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "PATH",
      description = "write the result to this one file instead of stdout (needed for parquet)")
  Path out;

  @Option(names = "--force", description = "replace --out if it exists")
  boolean force;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "1000",
      description = "rows a table shows at most (default ${DEFAULT-VALUE}); csv/json/parquet: all")
  int maxRows;

  @Option(
      names = "--width",
      paramLabel = "N",
      defaultValue = "48",
      description =
          "widest table cell in characters; longer ones are cut with … (default"
              + " ${DEFAULT-VALUE})")
  int width;

  private final CommandEnv env;
  private final InputStream in;
  private final PrintStream stdout;
  private final PrintStream stderr;

  SqlMain(CommandEnv env, InputStream in, PrintStream stdout, PrintStream stderr) {
    this.env = env;
    this.in = in;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static void main(String[] args) {
    System.exit(run(args, CommandEnv.system(), System.in, System.out, System.err));
  }

  /** Runs the command; returns its exit status. */
  public static int run(
      String[] args, CommandEnv env, InputStream in, PrintStream out, PrintStream err) {
    return Cli.execute(new SqlMain(env, in, out, err), args, out, err, ERRORS);
  }

  @Override
  public Integer call() {
    Format fmt;
    try {
      fmt = format(format, out);
      if (statement != null && file != null) {
        throw new IllegalArgumentException("give a STATEMENT or --file, not both");
      }
      if (maxRows < 1 || width < 4) {
        throw new IllegalArgumentException("--max-rows must be at least 1 and --width at least 4");
      }
      if (out != null) {
        ResultFiles.checkTarget(out, force);
      }
    } catch (IllegalArgumentException e) {
      return Cli.usage(stderr, "moodstream sql", e.getMessage());
    }
    List<String> statements = null;
    if (statement != null) {
      statements = StatementSplitter.split(statement);
    } else if (file != null) {
      try {
        statements = StatementSplitter.split(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        return Cli.usage(stderr, "moodstream sql", "cannot read " + file + ": " + e.getMessage());
      }
    }
    if (statements != null && statements.isEmpty()) {
      return Cli.usage(stderr, "moodstream sql", "no statement to run");
    }
    if (statements != null && out != null && statements.size() != 1) {
      return Cli.usage(
          stderr,
          "moodstream sql",
          "--out takes the result of one statement, not " + statements.size());
    }
    MoodstreamConfig config = env.config(); // a ConfigException is a usage error (Cli)
    config.warnings().forEach(w -> stderr.println("warning: " + w));
    boolean interactive = statements == null && env.interactive();
    if (interactive) {
      stderr.println("moodstream sql " + Cli.version() + ": starting Spark ...");
    }
    SparkSession spark = env.session(config, "moodstream-sql");
    SqlSession.useSqlSettings(spark, config);
    try {
      MoodstreamViews.register(spark, SqlSession.hbaseOptions(config));
      if (statements == null) {
        return prompt(spark, fmt, interactive);
      }
      for (String s : statements) {
        int code = execute(spark, s, fmt);
        if (code != 0) {
          return code;
        }
      }
      return 0;
    } finally {
      env.release(spark);
    }
  }

  static Format format(String format, Path out) {
    Format fmt;
    if (format != null) {
      fmt = Format.parse(format);
    } else if (out != null) {
      fmt = Format.ofFile(out);
      if (fmt == null) {
        throw new IllegalArgumentException(
            "--out " + out + ": add --format csv|json|parquet (the name has no known extension)");
      }
    } else {
      fmt = Format.TABLE;
    }
    if (fmt == Format.PARQUET && out == null) {
      throw new IllegalArgumentException("--format parquet needs --out FILE");
    }
    if (fmt == Format.TABLE && out != null) {
      throw new IllegalArgumentException("--out writes csv, json or parquet: add --format");
    }
    return fmt;
  }

  /** Runs one statement and writes its result; returns 0, or 1/2 after printing why not. */
  int execute(SparkSession spark, String sql, Format fmt) {
    long t0 = System.nanoTime();
    try {
      Dataset<Row> df = spark.sql(sql);
      switch (fmt) {
        case TABLE -> {
          Dataset<Row> limited = df.limit(maxRows + 1);
          List<Row> rows = limited.collectAsList();
          boolean more = rows.size() > maxRows;
          if (more) {
            rows = rows.subList(0, maxRows);
          }
          TablePrinter.print(df.schema(), rows, width, stdout);
          String count =
              df.schema().isEmpty()
                  ? "OK"
                  : (more ? "first " + maxRows + " rows shown (--max-rows)" : rows(rows.size()));
          footer(count, t0, ScanStats.of(limited));
        }
        case CSV, JSON -> {
          long n = ResultFiles.writeText(df, fmt, out, force, stdout, x -> {});
          footer(rows(n) + (out == null ? "" : " written to " + out), t0, ScanStats.of(df));
        }
        case PARQUET -> {
          ResultFiles.writeParquet(df, out, force);
          footer(rows(ParquetFiles.rowCount(out)) + " written to " + out, t0, null);
        }
      }
      return 0;
    } catch (Exception e) {
      SqlErrors.Failure f = SqlErrors.of(e);
      stderr.println("moodstream sql: " + f.message());
      return f.userError() ? 2 : 1;
    }
  }

  private void footer(String what, long t0, ScanStats stats) {
    stderr.printf(
        "(%s, %.2f s%s)%n",
        what,
        (System.nanoTime() - t0) / 1e9,
        stats == null || stats.views().isEmpty() ? "" : "; " + stats.summary());
    stderr.flush();
  }

  private static String rows(long n) {
    return String.format("%,d %s", n, n == 1 ? "row" : "rows");
  }

  /** The prompt: statements until \q or end of input; an error keeps it alive. */
  private int prompt(SparkSession spark, Format fmt, boolean interactive) {
    if (out != null) {
      return Cli.usage(stderr, "moodstream sql", "--out needs a STATEMENT or --file");
    }
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    if (interactive) {
      stdout.println(
          "Views: " + View.names() + ". End statements with ';'. \\d lists views, \\q quits.");
    }
    StatementSplitter splitter = new StatementSplitter();
    int worst = 0;
    while (true) {
      if (interactive) {
        stdout.print(splitter.isEmpty() ? PROMPT : CONTINUE);
        stdout.flush();
      }
      String line;
      try {
        line = reader.readLine();
      } catch (IOException e) {
        stderr.println("moodstream sql: cannot read input: " + e.getMessage());
        return 1;
      }
      if (line == null) {
        if (interactive) {
          stdout.println();
        } else if (!splitter.rest().isEmpty()) {
          worst = Math.max(worst, execute(spark, splitter.rest(), fmt));
        }
        break;
      }
      if (splitter.isEmpty()) {
        String cmd = line.strip();
        if (cmd.equals("\\q") || cmd.equals("\\quit") || cmd.equals("quit") || cmd.equals("exit")) {
          break;
        }
        if (cmd.equals("\\d") || cmd.equals("\\?") || cmd.equals("help")) {
          describeViews();
          continue;
        }
        if (cmd.startsWith("\\d ")) {
          int narrow = width;
          width = Math.max(width, 100); // a column's meaning in full
          worst =
              Math.max(worst, execute(spark, "DESCRIBE " + cmd.substring(3).strip(), Format.TABLE));
          width = narrow;
          continue;
        }
        if (cmd.startsWith("\\")) {
          stderr.println("moodstream sql: unknown command " + cmd + " (\\d, \\d VIEW, \\q)");
          continue;
        }
      }
      for (String s : splitter.feed(line)) {
        worst = Math.max(worst, execute(spark, s, fmt));
      }
    }
    return interactive ? 0 : worst;
  }

  void describeViews() {
    for (View v : View.values()) {
      stdout.println("  " + v.viewName() + " (" + String.join(", ", v.schema().fieldNames()) + ")");
    }
    stdout.println("  \\d VIEW shows the columns with their meaning; \\q quits.");
  }

  /** What sql and export print when a statement or HBase fails: one line, 2 or 1. */
  static final CommandLine.IExecutionExceptionHandler ERRORS =
      (e, c, parsed) -> {
        SqlErrors.Failure f = SqlErrors.of(e);
        c.getErr().println(Cli.name(c.getCommandSpec()) + ": " + f.message());
        c.getErr().flush();
        return f.userError() ? Cli.USAGE : Cli.FAILURE;
      };
}
