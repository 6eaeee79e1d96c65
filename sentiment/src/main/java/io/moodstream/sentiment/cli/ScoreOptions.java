package io.moodstream.sentiment.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code moodstream score}, parsed.
 *
 * @param files input files in order; empty means standard input ("-" also means standard input)
 * @param tsvColumn 1-based column to score when the input is TSV with a header row, or 0 for plain
 *     text (one text per line)
 * @param help whether {@code --help} was given
 */
public record ScoreOptions(List<String> files, int tsvColumn, boolean help) {

  public static final String USAGE =
      String.join(
          "\n",
          "Usage: moodstream score [--tsv --column N] [FILE...]",
          "",
          "Scores texts with VADER (vaderSentiment 3.3.2 parity) and writes TSV to standard output:",
          "a header line \"neg<TAB>neu<TAB>pos<TAB>compound\", then one line per input text, in order.",
          "",
          "Input: one text per line (UTF-8; CRLF accepted) from each FILE in turn, or from standard",
          "input when no FILE is given or FILE is \"-\". Invalid UTF-8 is replaced by U+FFFD and",
          "counted in the summary on standard error; it never stops the run.",
          "",
          "Options:",
          "  --tsv          each input is TSV with a header row; its first line is skipped",
          "  --column N     with --tsv: score column N, counted from 1 (the first column is 1);",
          "                 rows with fewer columns are scored as empty text and counted",
          "  -h, --help     print this help and exit",
          "",
          "Exit status: 0 done, 1 read/write error, 2 bad arguments (unknown option,",
          "missing or invalid --column, file not found).",
          "");

  public ScoreOptions {
    files = List.copyOf(files);
    if (tsvColumn < 0) {
      throw new IllegalArgumentException("tsvColumn must be >= 0, was " + tsvColumn);
    }
  }

  /** Whether the inputs are TSV files with a header row. */
  public boolean tsv() {
    return tsvColumn > 0;
  }

  /** Parses the arguments; throws {@link UsageException} with a user-facing message. */
  public static ScoreOptions parse(String... args) {
    List<String> files = new ArrayList<>();
    boolean tsv = false;
    Integer column = null;
    boolean help = false;
    boolean optionsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
        files.add(arg);
      } else if (arg.equals("--")) {
        optionsEnded = true;
      } else if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
      } else if (arg.equals("--tsv")) {
        tsv = true;
      } else if (arg.equals("--column")) {
        if (i + 1 >= args.length) {
          throw new UsageException("--column needs a value: a column number counted from 1");
        }
        column = parseColumn(args[++i]);
      } else if (arg.startsWith("--column=")) {
        column = parseColumn(arg.substring("--column=".length()));
      } else {
        throw new UsageException("unknown option " + arg);
      }
    }
    if (help) {
      return new ScoreOptions(files, 0, true);
    }
    if (tsv && column == null) {
      throw new UsageException("--tsv needs --column N (the column to score, counted from 1)");
    }
    if (!tsv && column != null) {
      throw new UsageException("--column is only valid with --tsv");
    }
    return new ScoreOptions(files, tsv ? column : 0, false);
  }

  private static int parseColumn(String value) {
    int column;
    try {
      column = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException("--column must be a number counted from 1, was \"" + value + "\"");
    }
    if (column < 1) {
      throw new UsageException("--column counts from 1 (the first column is 1), was " + column);
    }
    return column;
  }

  /** A bad command line; the message is meant for the user. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }
}
