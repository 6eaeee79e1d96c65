package io.moodstream.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code ./moodstream ingest}, parsed and validated; options left null fall
 * back to configuration.
 *
 * @param speed replay speed: 0 = as fast as possible, 1 = real time, N = N times faster
 */
public record IngestArgs(
    boolean help,
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
    boolean progress,
    boolean noProgress,
    boolean continueOnDamage,
    boolean steady) {

  static final Set<String> SOURCES = Set.of("synthetic", "replay", "twitter-v1", "x-v2", "bluesky");

  public static final String USAGE =
      """
      Usage: moodstream ingest [--source] SOURCE [options] [PATH...]

      Sources:
        synthetic              realistic generated posts (default): --rate, --seed, --from/--to
        replay PATH...         files or directories: v1.1 status JSON lines (plain, .gz, .bz2),
                               the Archive Team layout yyyy/mm/dd/HH/MM.json.bz2 (also in a .tar),
                               X API v2 JSON lines, Moodstream post JSONL
        twitter-v1             Twitter API v1.1 statuses/filter (or sample) through twitter4j
        x-v2                   X API v2 filtered stream; syncs the stream rules to the topics
        bluesky                Bluesky Jetstream (app.bsky.feed.post), resumes from its cursor

      Options:
        --topics a,b,...       track terms (words, #hashtags, phrases); default: ingest.track
        --rate N               synthetic: mean posts per second (default: ingest.synthetic.rate)
        --seed N               synthetic: seed; same seed, same posts (default 42)
        --steady               synthetic: exactly --rate posts per second, without the diurnal
                               and burst factors (load tests and benchmarks)
        --from T --to T        synthetic: backfill with a simulated clock, T = 2026-11-24 or
                               2026-11-24T10:00:00Z; as fast as Kafka takes it
        --count N              stop after N records (synthetic, replay)
        --speed 1|N|max        replay: real time (gaps kept), N times faster, or max (default)
        --parser fast|twitter4j  replay: v1.1 parser (default fast; twitter4j = reference)
        --progress / --no-progress  replay: force the progress bar on or off (default: on a terminal)
        --continue-on-damage   replay: after a truncated or corrupt compressed file, read on with
                               the next (default: stop; exit 3 either way names the damage)
        --method filter|sample twitter-v1: endpoint (default: ingest.twitter.method)
        --dry-run              x-v2: print the rule changes and stop
        -h, --help             this help

      Stops cleanly on SIGTERM or Ctrl-C: stops reading, flushes to Kafka, prints a summary, exit 0.
      Exit codes: 0 done or stopped, 1 the source failed (or the spool is full), 2 bad usage or
      configuration, 3 damaged input (every record before the damage was delivered).
      Configuration: moodstream.properties or MOODSTREAM_* variables; the keys are listed in
      ingest/README.md (kafka.bootstrap.servers, ingest.track, ingest.state.dir, ...);
      Kafka security: kafka.client.* / kafka.client.config (docs/CONFIGURATION.md); posts dated
      more than posts.max.clock.skew (5m) ahead of this machine's clock go to the DLQ.
      Secrets come from the environment only: MOODSTREAM_INGEST_X_BEARER_TOKEN,
      MOODSTREAM_INGEST_TWITTER_{CONSUMER_KEY,CONSUMER_SECRET,ACCESS_TOKEN,ACCESS_SECRET}.
      """;

  /** Invalid command line; the message says what to change. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }

  public static IngestArgs parse(String... argv) throws UsageException {
    boolean help = false;
    String source = null;
    List<String> paths = new ArrayList<>();
    List<String> topics = null;
    Double rate = null;
    Long seed = null;
    Instant from = null;
    Instant to = null;
    long count = 0;
    Double speed = null;
    String parser = null;
    String method = null;
    boolean dryRun = false;
    boolean progress = false;
    boolean noProgress = false;
    boolean continueOnDamage = false;
    boolean steady = false;
    List<String> a = Arrays.asList(argv);
    for (int i = 0; i < a.size(); i++) {
      String arg = a.get(i);
      String opt = arg;
      String inline = null;
      if (arg.startsWith("--") && arg.contains("=")) {
        opt = arg.substring(0, arg.indexOf('='));
        inline = arg.substring(arg.indexOf('=') + 1);
      }
      switch (opt) {
        case "-h", "--help" -> help = true;
        case "--dry-run" -> dryRun = true;
        case "--progress" -> progress = true;
        case "--no-progress" -> noProgress = true;
        case "--continue-on-damage" -> continueOnDamage = true;
        case "--steady" -> steady = true;
        case "--source",
            "--topics",
            "--rate",
            "--seed",
            "--from",
            "--to",
            "--count",
            "--speed",
            "--parser",
            "--method" -> {
          String v = inline;
          if (v == null) {
            if (i + 1 >= a.size()) {
              throw new UsageException(opt + " needs a value");
            }
            v = a.get(++i);
          }
          switch (opt) {
            case "--source" -> source = source(v);
            case "--topics" ->
                topics =
                    Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
            case "--rate" -> {
              rate = number(opt, v);
              if (rate <= 0) {
                throw new UsageException("--rate must be more than 0, got " + v);
              }
            }
            case "--seed" -> seed = (long) (double) integer(opt, v);
            case "--from" -> from = time(opt, v);
            case "--to" -> to = time(opt, v);
            case "--count" -> count = integer(opt, v);
            case "--speed" -> speed = speed(v);
            case "--parser" -> {
              if (!v.equals("fast") && !v.equals("twitter4j")) {
                throw new UsageException("--parser must be fast or twitter4j, got '" + v + "'");
              }
              parser = v;
            }
            case "--method" -> {
              if (!v.equals("filter") && !v.equals("sample")) {
                throw new UsageException("--method must be filter or sample, got '" + v + "'");
              }
              method = v;
            }
            default -> throw new IllegalStateException(opt);
          }
        }
        default -> {
          if (arg.startsWith("-") && !arg.equals("-")) {
            throw new UsageException("unknown option '" + arg + "'");
          }
          if (source == null && paths.isEmpty() && SOURCES.contains(arg)) {
            source = arg; // "ingest replay PATH" is "ingest --source replay PATH"
          } else {
            paths.add(arg);
          }
        }
      }
    }
    if (!help) {
      validate(source, paths, topics, from, to, progress, noProgress);
      if (steady && source != null && !source.equals("synthetic")) {
        throw new UsageException("--steady applies to the synthetic source only");
      }
    }
    return new IngestArgs(
        help,
        source,
        List.copyOf(paths),
        topics,
        rate,
        seed,
        from,
        to,
        count,
        speed,
        parser,
        method,
        dryRun,
        progress,
        noProgress,
        continueOnDamage,
        steady);
  }

  /** The rules that combine options; --help skips them. */
  private static void validate(
      String source,
      List<String> paths,
      List<String> topics,
      Instant from,
      Instant to,
      boolean progress,
      boolean noProgress)
      throws UsageException {
    if ("replay".equals(source) && paths.isEmpty()) {
      throw new UsageException("replay needs at least one PATH (a file or a directory)");
    }
    if (!paths.isEmpty() && !"replay".equals(source)) {
      throw new UsageException(
          "unexpected argument '" + paths.get(0) + "' (only replay takes paths)");
    }
    if ((from == null) != (to == null)) {
      throw new UsageException("--from and --to go together");
    }
    if (from != null && !from.isBefore(to)) {
      throw new UsageException("--from must be before --to");
    }
    if (from != null && source != null && !source.equals("synthetic")) {
      throw new UsageException("--from/--to apply to the synthetic source only");
    }
    if (topics != null && topics.isEmpty()) {
      throw new UsageException("--topics needs at least one term");
    }
    if (progress && noProgress) {
      throw new UsageException("--progress and --no-progress exclude each other");
    }
  }

  private static String source(String v) throws UsageException {
    if (!SOURCES.contains(v)) {
      throw new UsageException(
          "unknown source '" + v + "' (expected synthetic, replay, twitter-v1, x-v2 or bluesky)");
    }
    return v;
  }

  private static double number(String opt, String v) throws UsageException {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageException(opt + " must be a number, got '" + v + "'");
    }
  }

  private static long integer(String opt, String v) throws UsageException {
    try {
      long n = Long.parseLong(v.replace("_", ""));
      if (n < 0) {
        throw new UsageException(opt + " must not be negative, got " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(opt + " must be a whole number, got '" + v + "'");
    }
  }

  /** {@code max} = 0; else a positive factor. */
  static double speed(String v) throws UsageException {
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
    throw new UsageException(
        "--speed must be 1 (real time), a factor N > 0, or max; got '" + v + "'");
  }

  static Instant time(String opt, String v) throws UsageException {
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return java.time.OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(v);
      } catch (DateTimeParseException e2) {
        throw new UsageException(
            opt
                + " must be a date (2026-11-24) or an instant (2026-11-24T10:00:00Z), got '"
                + v
                + "'");
      }
    }
  }
}
