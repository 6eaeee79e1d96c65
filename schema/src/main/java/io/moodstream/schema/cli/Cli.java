package io.moodstream.schema.cli;

import io.moodstream.schema.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command-line layer every {@code ./moodstream} command shares: picocli with the house's exit
 * statuses and messages. A command is a picocli {@code @Command} named {@code "moodstream X"} with
 * {@code mixinStandardHelpOptions = true}; {@link #execute} runs it.
 *
 * <ul>
 *   <li>{@value #OK} ok (also {@code --help}, {@code --version});
 *   <li>{@value #FAILURE} a runtime failure (one line on stderr: the command's name and why);
 *   <li>{@value #USAGE} bad arguments or configuration: {@code moodstream X: why}, picocli's "did
 *       you mean" for an unknown option or subcommand, then {@code Try './moodstream X --help'}.
 * </ul>
 *
 * Commands may return other statuses of their own (ingest's 3 for damaged input, status's 3 for a
 * stack that is not running). {@code -V/--version} prints {@code moodstream <version>} from {@value
 * #BUILD_PROPERTIES}, which Maven writes with the project version.
 */
public final class Cli {
  private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  /** The classpath resource holding {@code version=<project.version>}. */
  public static final String BUILD_PROPERTIES = "/META-INF/moodstream/build.properties";

  /** Help lines wrap at this width (or the terminal's, when wider). */
  private static final int HELP_WIDTH = 100;

  private Cli() {}

  /** Runs {@code command} on {@code args}; a runtime exception is reported as {@value #FAILURE}. */
  public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
    return execute(command, args, out, err, null);
  }

  /**
   * {@link #execute(Object, String[], PrintStream, PrintStream)} with its own failure report. The
   * command (with its subcommands) writes to {@code out} and {@code err} in UTF-8, prints the
   * project version, and errors are sorted: a bad argument or a {@link #usageError} is {@value
   * #USAGE} with picocli's suggestions, a {@link ConfigException} is {@value #USAGE}, anything else
   * a command throws goes to {@code onException} (null: one line, {@value #FAILURE}).
   */
  public static int execute(
      Object command,
      String[] args,
      PrintStream out,
      PrintStream err,
      IExecutionExceptionHandler onException) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    // help texts keep lines of up to 100 characters (key lists) whole; a wider terminal is used
    cl.setUsageHelpWidth(HELP_WIDTH);
    cl.setUsageHelpAutoWidth(true);
    withVersion(cl);
    cl.setParameterExceptionHandler(Cli::badArguments);
    cl.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          if (e instanceof ConfigException) {
            c.getErr().println(name(c.getCommandSpec()) + ": " + e.getMessage());
            c.getErr().flush();
            return USAGE;
          }
          return onException != null
              ? onException.handleExecutionException(e, c, parsed)
              : failure(c.getErr(), name(c.getCommandSpec()), e);
        });
    return cl.execute(args);
  }

  /**
   * A bad argument found after parsing (values that depend on each other): thrown from a command's
   * {@code call()}, it is reported as picocli's own are, {@value #USAGE}.
   */
  public static ParameterException usageError(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * Parses {@code args} into {@code command}'s options without running it (tests, and commands that
   * read another's options); an {@link IllegalArgumentException} with picocli's message if they are
   * bad.
   */
  public static <T> T parse(T command, String... args) {
    try {
      new CommandLine(command).parseArgs(args);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return command;
  }

  /** A command that needs a subcommand was given none: its usage on stderr, {@value #USAGE}. */
  public static int missingSubcommand(CommandSpec spec) {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  /** Prints {@code name: message} and the hint to {@code --help}; returns {@value #USAGE}. */
  public static int usage(PrintStream err, String name, String message) {
    PrintWriter w = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    w.println(name + ": " + message);
    return helpHint(w, name);
  }

  /** The project version from {@value #BUILD_PROPERTIES}, or {@code unknown} without it. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = Cli.class.getResourceAsStream(BUILD_PROPERTIES)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUILD_PROPERTIES, e);
    }
    return p.getProperty("version", "unknown");
  }

  /** The command's name as a user types it: {@code moodstream up}, {@code moodstream sql}. */
  public static String name(CommandSpec spec) {
    String q = spec.qualifiedName();
    return q.startsWith("moodstream") ? q : "moodstream " + q;
  }

  private static int failure(PrintWriter err, String name, Exception e) {
    err.println(name + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
    err.flush();
    LOG.debug("{}: the stack of the failure above", name, e); // MOODSTREAM_LOG_LEVEL=DEBUG
    return FAILURE;
  }

  private static int badArguments(ParameterException e, String[] args) {
    CommandLine c = e.getCommandLine();
    PrintWriter err = c.getErr();
    err.println(name(c.getCommandSpec()) + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    return helpHint(err, name(c.getCommandSpec()));
  }

  /** The pointer to the command's help that ends every usage error; {@value #USAGE}. */
  private static int helpHint(PrintWriter err, String name) {
    err.println("Try '" + name.replace("moodstream ", "./moodstream ") + " --help' for more.");
    err.flush();
    return USAGE;
  }

  /** Every command and subcommand without a version of its own prints the project's. */
  private static void withVersion(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    if (spec.version().length == 0 && spec.versionProvider() == null) {
      spec.versionProvider(() -> new String[] {"moodstream " + version()});
    }
    cl.getSubcommands().values().forEach(Cli::withVersion);
  }
}
