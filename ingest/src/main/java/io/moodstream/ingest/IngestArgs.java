package io.moodstream.ingest;

import io.moodstream.schema.cli.Cli;
import io.moodstream.schema.event.Source;
import io.moodstream.schema.hbase.EpochSeconds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of {@code ./moodstream ingest}, parsed and validated; options left null fall
 * back to configuration. picocli reads it into {@link Line}; {@link Line#args} checks and converts,
 * throwing an {@link IllegalArgumentException} that says what to change (a usage error).
 *
 * @param speed replay speed: 0 = as fast as possible, 1 = real time, N = N times faster
 * @param progress the replay's progress bar on or off; null: on a terminal
 */
public record IngestArgs(
    String source,
    List<String> paths,
    List<String> topics,
    Double rate,
    Long seed,
    Instant from,
    Instant to,
    long count,
    Double speed,
    String parser,
    String method,
    boolean dryRun,
    Boolean progress,
    boolean continueOnDamage,
    boolean steady) {

  /** Parses and checks {@code argv} (no help or version: {@link IngestMain} handles those). */
  public static IngestArgs parse(String... argv) {
    return Cli.parse(new Line(), argv).args();
  }

  /**
   * The options as picocli reads them: values stay text here, so that {@link #args} converts them
   * with the messages the tests and users know.
   */
  static final class Line {
    @Parameters(
        paramLabel = "[SOURCE] PATH",
        arity = "0..*",
        description = "a first word naming a source is --source SOURCE; replay's files follow")
    List<String> words = new ArrayList<>();

    @Option(
        names = "--source",
        paramLabel = "SOURCE",
        description = "synthetic (default), replay, twitter-v1, x-v2 or bluesky")
    String source;

    @Option(
        names = "--topics",
        paramLabel = "a,b,...",
        description = "track terms (words, #hashtags, phrases); default: ingest.track")
    String topics;

    @Option(
        names = "--rate",
        paramLabel = "N",
        description = "synthetic: mean posts per second (default: ingest.synthetic.rate)")
    String rate;

    @Option(
        names = "--seed",
        paramLabel = "N",
        description = "synthetic: seed; same seed, same posts (default 42)")
    String seed;

    @Option(
        names = "--steady",
        description =
            "synthetic: exactly --rate posts per second, without the diurnal and burst factors"
                + " (load tests and benchmarks)")
    boolean steady;

    @Option(
        names = "--from",
        paramLabel = "T",
        description =
            "synthetic: backfill with a simulated clock from T (with --to), T = 2026-11-24 or"
                + " 2026-11-24T10:00:00Z; as fast as Kafka takes it")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "synthetic: end of the backfill")
    String to;

    @Option(
        names = "--count",
        paramLabel = "N",
        description = "stop after N records (synthetic, replay)")
    String count;

    @Option(
        names = "--speed",
        paramLabel = "1|N|max",
        description = "replay: real time (gaps kept), N times faster, or max (default)")
    String speed;

    @Option(
        names = "--parser",
        paramLabel = "fast|twitter4j",
        description = "replay: v1.1 parser (default fast; twitter4j = reference)")
    String parser;

    @Option(
        names = "--progress",
        negatable = true,
        description = "replay: the progress bar on or off (default: on a terminal)")
    Boolean progress;

    @Option(
        names = "--continue-on-damage",
        description =
            "replay: after a truncated or corrupt compressed file, read on with the next"
                + " (default: stop; exit 3 either way names the damage)")
    boolean continueOnDamage;

    @Option(
        names = "--method",
        paramLabel = "filter|sample",
        description = "twitter-v1: endpoint (default: ingest.twitter.method)")
    String method;

    @Option(names = "--dry-run", description = "x-v2: print the rule changes and stop")
    boolean dryRun;

    /** The options converted and checked together. */
    IngestArgs args() {
      String src = source == null ? null : source(source);
      List<String> paths = new ArrayList<>(words);
      if (src == null && !paths.isEmpty() && Source.fromWireName(paths.get(0)).isPresent()) {
        src = paths.remove(0); // "ingest replay PATH" is "ingest --source replay PATH"
      }
      List<String> terms =
          topics == null
              ? null
              : Arrays.stream(topics.split(","))
                  .map(String::strip)
                  .filter(t -> !t.isEmpty())
                  .toList();
      Double r = null;
      if (rate != null) {
        r = number("--rate", rate);
        if (r <= 0) {
          throw new IllegalArgumentException("--rate must be more than 0, got " + rate);
        }
      }
      if (parser != null && !parser.equals("fast") && !parser.equals("twitter4j")) {
        throw new IllegalArgumentException(
            "--parser must be fast or twitter4j, got '" + parser + "'");
      }
      if (method != null && !method.equals("filter") && !method.equals("sample")) {
        throw new IllegalArgumentException(
            "--method must be filter or sample, got '" + method + "'");
      }
      Instant f = from == null ? null : time("--from", from);
      Instant t = to == null ? null : time("--to", to);
      validate(src, paths, terms, f, t);
      if (steady && src != null && !src.equals("synthetic")) {
        throw new IllegalArgumentException("--steady applies to the synthetic source only");
      }
      return new IngestArgs(
          src,
          List.copyOf(paths),
          terms,
          r,
          seed == null ? null : integer("--seed", seed),
          f,
          t,
          count == null ? 0 : integer("--count", count),
          speed == null ? null : speed(speed),
          parser,
          method,
          dryRun,
          progress,
          continueOnDamage,
          steady);
    }
  }

  /** The rules that combine options. */
  private static void validate(
      String source, List<String> paths, List<String> topics, Instant from, Instant to) {
    if ("replay".equals(source) && paths.isEmpty()) {
      throw new IllegalArgumentException("replay needs at least one PATH (a file or a directory)");
    }
    if (!paths.isEmpty() && !"replay".equals(source)) {
      throw new IllegalArgumentException(
          "unexpected argument '" + paths.get(0) + "' (only replay takes paths)");
    }
    if ((from == null) != (to == null)) {
      throw new IllegalArgumentException("--from and --to go together");
    }
    if (from != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("--from must be before --to");
    }
    if (from != null && source != null && !source.equals("synthetic")) {
      throw new IllegalArgumentException("--from/--to apply to the synthetic source only");
    }
    if (topics != null && topics.isEmpty()) {
      throw new IllegalArgumentException("--topics needs at least one term");
    }
  }

  private static String source(String v) {
    if (Source.fromWireName(v).isEmpty()) {
      throw new IllegalArgumentException(
          "unknown source '" + v + "' (expected one of " + Arrays.toString(Source.values()) + ")");
    }
    return v;
  }

  private static double number(String opt, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(opt + " must be a number, got '" + v + "'");
    }
  }

  private static long integer(String opt, String v) {
    try {
      long n = Long.parseLong(v.replace("_", ""));
      if (n < 0) {
        throw new IllegalArgumentException(opt + " must not be negative, got " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(opt + " must be a whole number, got '" + v + "'");
    }
  }

  /** {@code max} = 0; else a positive factor. */
  static double speed(String v) {
    if (v.equalsIgnoreCase("max")) {
      return 0;
    }
    String n = v.endsWith("x") ? v.substring(0, v.length() - 1) : v;
    try {
      double d = Double.parseDouble(n);
      if (d > 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException(
        "--speed must be 1 (real time), a factor N > 0, or max; got '" + v + "'");
  }

  static Instant time(String opt, String v) {
    return EpochSeconds.instant(v)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    opt
                        + " must be a date (2026-11-24) or an instant (2026-11-24T10:00:00Z), got '"
                        + v
                        + "'"));
  }
}
