package io.moodstream.sentiment.cli;

import io.moodstream.sentiment.Scores;
import io.moodstream.sentiment.SentimentScorer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import picocli.CommandLine;

/**
 * {@code moodstream score}: streams texts through the scorer, one output line per input line, in
 * constant memory. Everything it touches is passed in, so tests run it without a process.
 */
public final class ScoreCommand {

  /** Exit status: done. */
  public static final int OK = 0;

  /** Exit status: an input could not be read or the output not written. */
  public static final int IO_ERROR = 1;

  /** Exit status: bad arguments. */
  public static final int USAGE = 2;

  static final String HEADER = "neg\tneu\tpos\tcompound";

  private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

  /** What one run did, as reported in the summary. */
  public record Summary(long lines, long invalidUtf8, long shortRows) {
    String describe() {
      StringBuilder sb = new StringBuilder("scored ").append(lines).append(" lines");
      sb.append(", ").append(invalidUtf8).append(" invalid UTF-8 sequences replaced by U+FFFD");
      if (shortRows > 0) {
        sb.append(", ").append(shortRows).append(" TSV rows without the column (scored as empty)");
      }
      return sb.toString();
    }
  }

  private final SentimentScorer scorer;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final PrintStream stderr;
  private final boolean interactive;
  private final LongSupplier nanoTime;

  /**
   * @param interactive whether to draw a progress line on {@code stderr} (a console is attached)
   * @param nanoTime the clock for the progress rate
   */
  public ScoreCommand(
      SentimentScorer scorer,
      InputStream stdin,
      OutputStream stdout,
      PrintStream stderr,
      boolean interactive,
      LongSupplier nanoTime) {
    this.scorer = scorer;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.interactive = interactive;
    this.nanoTime = nanoTime;
  }

  /** Parses {@code args}, runs, and returns the exit status. */
  public int run(String... args) {
    ScoreOptions.Line line = new ScoreOptions.Line();
    CommandLine cl = new CommandLine(line);
    cl.getCommandSpec().version("moodstream " + ScoreOptions.version());
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8));
    cl.setOut(out);
    cl.setErr(err);
    ScoreOptions options;
    try {
      boolean helped = CommandLine.printHelpIfRequested(cl.parseArgs(args));
      out.flush();
      if (helped) {
        return OK;
      }
      options = line.options();
    } catch (CommandLine.ParameterException | ScoreOptions.UsageException e) {
      // the shape of schema.cli.Cli's usage errors, which sentiment cannot use (layering)
      err.println("moodstream score: " + e.getMessage());
      if (e instanceof CommandLine.ParameterException p) {
        CommandLine.UnmatchedArgumentException.printSuggestions(p, err);
      }
      err.println("Try './moodstream score --help' for more.");
      err.flush();
      return USAGE;
    }
    for (String file : options.files()) {
      if (!file.equals("-") && !Files.isRegularFile(Paths.get(file))) {
        stderr.println("moodstream score: file not found: " + file);
        return USAGE;
      }
    }
    try {
      Summary summary = score(options);
      stderr.println("moodstream score: " + summary.describe());
      return OK;
    } catch (IOException | UncheckedIOException e) {
      stderr.println("moodstream score: I/O error: " + e.getMessage());
      return IO_ERROR;
    }
  }

  /** Scores every input of {@code options} to the output. */
  public Summary score(ScoreOptions options) throws IOException {
    Writer out =
        new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
    Progress progress = new Progress();
    out.write(HEADER);
    out.write('\n');
    for (String file : options.files().isEmpty() ? List.of("-") : options.files()) {
      if (file.equals("-")) {
        scoreStream(stdin, options, out, progress);
      } else {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
          scoreStream(in, options, out, progress);
        }
      }
    }
    out.flush();
    progress.finish();
    return new Summary(progress.lines, progress.invalidUtf8, progress.shortRows);
  }

  private void scoreStream(InputStream in, ScoreOptions options, Writer out, Progress progress)
      throws IOException {
    Utf8LineReader reader = new Utf8LineReader(in);
    if (options.tsv()) {
      reader.readLine(); // header row
    }
    String line;
    while ((line = reader.readLine()) != null) {
      String text = line;
      if (options.tsv()) {
        text = column(line, options.tsvColumn());
        if (text == null) {
          progress.shortRows++;
          text = "";
        }
      }
      write(out, scorer.score(text));
      progress.tick();
    }
    progress.invalidUtf8 += reader.replacements();
  }

  /** Field {@code column} (1-based) of a TAB-separated row, or null when the row is shorter. */
  static String column(String row, int column) {
    int start = 0;
    for (int c = 1; c < column; c++) {
      int tab = row.indexOf('\t', start);
      if (tab < 0) {
        return null;
      }
      start = tab + 1;
    }
    int end = row.indexOf('\t', start);
    return row.substring(start, end < 0 ? row.length() : end);
  }

  static void write(Writer out, Scores s) throws IOException {
    out.write(PythonFloatFormat.format(s.neg()));
    out.write('\t');
    out.write(PythonFloatFormat.format(s.neu()));
    out.write('\t');
    out.write(PythonFloatFormat.format(s.pos()));
    out.write('\t');
    out.write(PythonFloatFormat.format(s.compound()));
    out.write('\n');
  }

  /**
   * Counts what the summary reports; when interactive, redraws "N lines, R lines/s" on stderr about
   * once a second.
   */
  private final class Progress {
    long lines;
    long invalidUtf8;
    long shortRows;
    private final long started = nanoTime.getAsLong();
    private long lastDrawn = started;
    private boolean drawn;

    void tick() {
      lines++;
      if (interactive && (lines & 0x3FF) == 0) {
        long now = nanoTime.getAsLong();
        if (now - lastDrawn >= PROGRESS_EVERY_NANOS) {
          lastDrawn = now;
          draw(now);
        }
      }
    }

    void finish() {
      if (drawn) {
        draw(nanoTime.getAsLong());
        stderr.println();
      }
    }

    private void draw(long now) {
      double seconds = Math.max(1e-9, (now - started) / 1e9);
      stderr.printf(Locale.ROOT, "\r%,d lines, %,.0f lines/s", lines, lines / seconds);
      stderr.flush();
      drawn = true;
    }
  }
}
