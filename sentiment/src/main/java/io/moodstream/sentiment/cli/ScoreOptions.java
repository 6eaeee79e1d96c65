package io.moodstream.sentiment.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments of {@code moodstream score}, parsed.
 *
 * @param files input files in order; empty means standard input ("-" also means standard input)
 * @param tsvColumn 1-based column to score when the input is TSV with a header row, or 0 for plain
 *     text (one text per line)
 */
public record ScoreOptions(List<String> files, int tsvColumn) {

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

  /**
   * The project version from the {@code META-INF/moodstream/build.properties} every module's jar
   * carries, or {@code unknown}. {@code schema.cli.Cli} reads it for every other command; sentiment
   * depends on nothing of ours (the layering), so it reads the same file as a resource bundle — not
   * through picocli's {@code ${bundle:version}}, which would also turn the bundle's {@code version}
   * key into the description of {@code --version}.
   */
  static String version() {
    try {
      return ResourceBundle.getBundle("META-INF.moodstream.build").getString("version");
    } catch (MissingResourceException e) {
      return "unknown";
    }
  }

  /** The command line as picocli reads it; {@link ScoreCommand#run} adds the version. */
  @Command(
      name = "moodstream score",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Scores texts with VADER (vaderSentiment 3.3.2 parity) and writes TSV to standard output:"
            + " a header line \"neg<TAB>neu<TAB>pos<TAB>compound\", then one line per input text,"
            + " in order.",
        "",
        "Input: one text per line (UTF-8; CRLF accepted) from each FILE in turn, or from standard"
            + " input when no FILE is given or FILE is \"-\". Invalid UTF-8 is replaced by U+FFFD"
            + " and counted in the summary on standard error; it never stops the run.",
        ""
      },
      footer = {
        "",
        "Exit status: 0 done, 1 read/write error, 2 bad arguments (unknown option,",
        "missing or invalid --column, file not found)."
      })
  static final class Line {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "inputs; '-' is stdin")
    List<String> files = new ArrayList<>();

    @Option(
        names = "--tsv",
        description = "each input is TSV with a header row; its first line is skipped")
    boolean tsv;

    @Option(
        names = "--column",
        paramLabel = "N",
        description =
            "with --tsv: score column N, counted from 1 (the first column is 1); rows with fewer"
                + " columns are scored as empty text and counted")
    String column;

    ScoreOptions options() {
      if (tsv && column == null) {
        throw new UsageException("--tsv needs --column N (the column to score, counted from 1)");
      }
      if (!tsv && column != null) {
        throw new UsageException("--column is only valid with --tsv");
      }
      return new ScoreOptions(files, tsv ? parseColumn(column) : 0);
    }
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
