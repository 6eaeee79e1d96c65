package io.moodstream.local;

import io.moodstream.schema.cli.Cli;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./moodstream up|down|status}: the whole pipeline on one machine. The top-level command of
 * {@code ./moodstream}'s completion ({@link CompletionScript}) lists these three and the other
 * modules' commands.
 */
@Command(
    name = "moodstream",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    synopsisSubcommandLabel = "(up | down | status | completion)",
    description = {
      "up      builds what is missing, then starts the pipeline as child processes",
      "down    stops a running stack (from another terminal), in order; kills only as a last"
          + " resort",
      "status  shows each component's state, pid, port and restarts"
    },
    footer = {
      "",
      "Data persists under var/.",
      "Configuration: moodstream.properties or MOODSTREAM_* (docs/CONFIGURATION.md,"
          + " local/README.md)."
    })
public final class LocalMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final StackPaths paths;
  private final PrintStream out;
  private final PrintStream err;

  LocalMain(StackPaths paths, PrintStream out, PrintStream err) {
    this.paths = paths;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err, rootDir()));
  }

  static Path rootDir() {
    String home = System.getenv("MOODSTREAM_HOME");
    return (home != null ? Path.of(home) : Path.of("")).toAbsolutePath();
  }

  /** Parsed {@code up} options. */
  record UpOptions(
      String source,
      List<String> sourceArgs,
      String topics,
      Integer port,
      boolean fresh,
      boolean yes,
      List<String> only,
      boolean cluster) {}

  static int run(String[] args, PrintStream out, PrintStream err, Path root) {
    String var = System.getenv("MOODSTREAM_VAR");
    StackPaths paths =
        var == null ? new StackPaths(root) : new StackPaths(root, Path.of(var).toAbsolutePath());
    return Cli.execute(new LocalMain(paths, out, err), args, out, err);
  }

  /** Without a subcommand: the usage, on stderr, as a usage error. */
  @Override
  public Integer call() {
    return Cli.missingSubcommand(spec);
  }

  @Command(
      name = "up",
      sortOptions = false,
      description = {
        "Builds what is missing, then starts as child processes (logs in var/log/): a Kafka KRaft"
            + " broker, HBase standalone, the schema, the Spark streaming job, the REST service"
            + " with the dashboard, and an ingest source; waits for each to be healthy, prints a"
            + " status table and the dashboard URL, and runs until Ctrl-C, SIGTERM or `moodstream"
            + " down`, then stops everything in order.",
        ""
      },
      footer = {
        "",
        "A part that crashes is restarted after a backoff (1 s, doubling), at most",
        "local.restart.budget (5) times per local.restart.healthy.period (10 min) up;",
        "then it is reported FAILED with its exit status and the end of its log.",
        "",
        "Data persists under var/. Heaps (keys local.heap.*) default to 2.7 GB in total;",
        "up --cluster (keys local.cluster.heap.*) to about 5 GB.",
        "Configuration: moodstream.properties or MOODSTREAM_* (docs/CONFIGURATION.md, local/README.md)."
      })
  int up(@Mixin UpArgs args) throws Exception {
    UpOptions o;
    try {
      o = args.options();
    } catch (IllegalArgumentException e) {
      throw Cli.usageError(spec.subcommands().get("up").getCommandSpec(), e.getMessage());
    }
    Map<String, String> env = withPort(System.getenv(), o.port());
    Path file = MoodstreamConfig.propertiesFile(env);
    MoodstreamConfig config;
    try {
      config = MoodstreamConfig.load(LocalConfig.KEYS, env, file);
      config =
          MoodstreamConfig.load(
              LocalConfig.KEYS,
              o.cluster() ? clusterEnv(env, config) : singleEnv(env, config),
              file);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    config.warnings().forEach(w -> err.println("warning: " + w));
    return up(o, config, paths, out, err);
  }

  @Command(
      name = "down",
      description =
          "Stops a running stack (from another terminal), in order; kills only as a last resort.")
  int down() {
    MoodstreamConfig.propertiesFile(System.getenv()); // a named file that is missing: exit 2
    return down(paths, out);
  }

  @Command(
      name = "status",
      description = "Shows each component's state, pid, port and restarts.",
      footer = {"", "Exit status: 0 the stack is running, 3 it is not, 2 bad configuration."})
  int status() {
    return status(paths, out);
  }

  /** The bash completion the build wrote beside this class ({@code CompletionScript}). */
  static final String COMPLETION = "moodstream-completion.bash";

  @Command(
      name = "completion",
      description = {
        "Prints the bash completion of ./moodstream's commands and their options:",
        "  source <(./moodstream completion)"
      })
  int completion() throws IOException {
    try (InputStream in = LocalMain.class.getResourceAsStream(COMPLETION)) {
      if (in == null) {
        err.println("moodstream completion: this build of local has no " + COMPLETION);
        return Cli.FAILURE;
      }
      in.transferTo(out);
      out.flush();
    }
    return Cli.OK;
  }

  /** {@code up}'s options as picocli parses them; {@link #options} checks how they combine. */
  static final class UpArgs {
    @Option(
        names = "--source",
        paramLabel = "SOURCE",
        defaultValue = "synthetic",
        description =
            "synthetic (default) | replay PATH... | x-v2 | bluesky | twitter-v1: the ingest source")
    String source;

    @Parameters(
        paramLabel = "PATH",
        arity = "0..*",
        description = "with --source replay: the archives to replay")
    List<String> sourceArgs = new ArrayList<>();

    @Option(names = "--topics", paramLabel = "a,b", description = "track terms, comma-separated")
    String topics;

    @Option(
        names = "--port",
        paramLabel = "N",
        description = "REST/dashboard port (default 8080; key local.rest.port)")
    Integer port;

    @Option(names = "--fresh", description = "delete var/ (all data) first, after asking")
    boolean fresh;

    @Option(
        names = {"-y", "--yes"},
        description = "with --fresh: do not ask")
    boolean yes;

    @Option(
        names = "--only",
        paramLabel = "PARTS",
        split = ",",
        description = "start only these parts (kafka,hbase,schema,spark,stream,rest,ingest)")
    List<String> only;

    @Option(
        names = "--cluster",
        description =
            "cluster mode: three Kafka brokers (replication 3, min ISR 2), HBase as ZooKeeper +"
                + " master + two region servers, a Spark standalone master and two workers"
                + " running the job's -emr jar (spark-submit --deploy-mode cluster --supervise);"
                + " slower to start, same answers")
    boolean cluster;

    /** The options, checked together; an {@link IllegalArgumentException} says what is wrong. */
    UpOptions options() {
      if (Source.fromWireName(source).isEmpty()) {
        throw new IllegalArgumentException(
            "--source '" + source + "': expected one of " + Arrays.toString(Source.values()));
      }
      if (source.equals("replay") && sourceArgs.isEmpty()) {
        throw new IllegalArgumentException("--source replay needs at least one PATH");
      }
      if (!source.equals("replay") && !sourceArgs.isEmpty()) {
        throw new IllegalArgumentException(
            "unexpected argument '" + sourceArgs.get(0) + "' (PATHs go with --source replay)");
      }
      List<String> parts = StackPlan.GROUPS;
      if (only != null) {
        List<String> named = new ArrayList<>();
        for (String s : only) {
          String g = s.trim().toLowerCase(Locale.ROOT);
          if (!StackPlan.GROUPS.contains(g)) {
            throw new IllegalArgumentException("--only: unknown part '" + s + "'");
          }
          named.add(g);
        }
        parts = StackPlan.GROUPS.stream().filter(named::contains).toList();
      }
      return new UpOptions(source, sourceArgs, topics, port, fresh, yes, parts, cluster);
    }
  }

  /** Parses {@code up}'s arguments; for tests and the plan's callers. */
  static UpOptions parseUp(List<String> args) {
    UpArgs up = new UpArgs();
    Cli.parse(up, args.toArray(String[]::new));
    return up.options();
  }

  private static Map<String, String> withPort(Map<String, String> env, Integer port) {
    if (port == null) {
      return env;
    }
    Map<String, String> m = new HashMap<>(env);
    m.put(LocalConfig.REST_PORT.envName(), port.toString());
    return m;
  }

  /**
   * The single stack's view of the common keys: unless {@code kafka.topic.posts.partitions} is set,
   * one partition of moodstream.posts per core, at most 4 ({@link LocalConfig#localPartitions}).
   */
  static Map<String, String> singleEnv(Map<String, String> env, MoodstreamConfig config) {
    if (config.isExplicit(CommonConfig.POSTS_PARTITIONS)) {
      return env;
    }
    Map<String, String> m = new HashMap<>(env);
    m.put(CommonConfig.POSTS_PARTITIONS.envName(), Integer.toString(LocalConfig.localPartitions()));
    return m;
  }

  /**
   * Cluster mode's view of the common keys, for the stack and every child: the three brokers as
   * {@code kafka.bootstrap.servers}, and replication 3 with min ISR 2 unless {@code
   * kafka.replication.factor} / {@code kafka.min.insync.replicas} are set (environment or file).
   */
  static Map<String, String> clusterEnv(Map<String, String> env, MoodstreamConfig config) {
    Map<String, String> m = new HashMap<>(env);
    List<Integer> ports = LocalConfig.ports(config, LocalConfig.CLUSTER_KAFKA_PORTS, 3);
    m.put(
        CommonConfig.KAFKA_BOOTSTRAP_SERVERS.envName(),
        String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList()));
    // a variable would win over the properties file, which every child also reads
    if (!config.isExplicit(CommonConfig.KAFKA_REPLICATION_FACTOR)) {
      m.put(CommonConfig.KAFKA_REPLICATION_FACTOR.envName(), "3");
    }
    if (!config.isExplicit(CommonConfig.KAFKA_MIN_INSYNC_REPLICAS)) {
      m.put(CommonConfig.KAFKA_MIN_INSYNC_REPLICAS.envName(), "2");
    }
    return m;
  }

  static int up(
      UpOptions o, MoodstreamConfig config, StackPaths paths, PrintStream out, PrintStream err)
      throws Exception {
    Optional<ProcessHandle> running = ChildProcess.running("up", paths);
    if (running.isPresent()) {
      err.println(
          "moodstream up: a stack is already running (pid "
              + running.get().pid()
              + "); `moodstream down` first");
      return 1;
    }
    if (o.fresh()) {
      if (!o.yes()
          && !confirm(
              "Delete " + paths.var() + " (all Kafka, HBase and checkpoint data)? [y/N] ", out)) {
        err.println("moodstream up: not deleting; nothing started");
        return 1;
      }
      deleteTree(paths.var());
      out.println("deleted " + paths.var());
    }
    LocalStack stack = new LocalStack(config, paths, out);
    List<ChildSpec> plan;
    try {
      plan =
          o.cluster()
              ? ClusterPlan.plan(config, paths, o, stack)
              : StackPlan.single(config, paths, o, stack);
    } catch (IllegalArgumentException e) {
      err.println("moodstream up: " + e.getMessage());
      return 2;
    }
    List<String> problems = stack.preflight(plan, modules(o));
    if (!problems.isEmpty()) {
      err.println("moodstream up: cannot start:");
      problems.forEach(p -> err.println("  - " + p));
      return 1;
    }
    ChildProcess.recordSelf(paths);
    Supervisor supervisor = stack.supervisor(plan);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              out.println("stopping the stack …");
              supervisor.close();
              try {
                Files.deleteIfExists(paths.pid("up"));
              } catch (IOException ignored) {
                // best effort
              }
              stopped.countDown();
            },
            "moodstream-down");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      supervisor.startAll();
    } catch (Exception e) {
      err.println("moodstream up: " + e.getMessage());
      return 1; // the shutdown hook stops what did start
    }
    out.println();
    out.print(LocalStack.statusTable(paths));
    if (o.only().contains("rest")) {
      out.println("\nDashboard: http://127.0.0.1:" + config.get(LocalConfig.REST_PORT) + "/");
    }
    out.println(
        "Logs in "
            + paths.var().resolve("log")
            + ". Ctrl-C or `./moodstream down` stops everything.");
    while (stopped.getCount() > 0) {
      supervisor.watch();
      stopped.await(1, java.util.concurrent.TimeUnit.SECONDS);
    }
    return supervisor.failures().isEmpty() ? 0 : 1;
  }

  /** The modules whose jars the selected parts run. */
  static List<String> modules(UpOptions o) {
    List<String> m = new ArrayList<>();
    if (o.only().contains("stream")) {
      m.add("streaming");
    }
    if (o.only().contains("rest")) {
      m.add("rest");
    }
    if (o.only().contains("ingest")) {
      m.add("ingest");
    }
    return m;
  }

  static int down(StackPaths paths, PrintStream out) {
    Optional<ProcessHandle> up = ChildProcess.running("up", paths);
    if (up.isPresent()) {
      out.println("stopping the stack (pid " + up.get().pid() + ") …");
      // SIGTERM: its shutdown hook stops the parts in order; kill only as a last resort
      boolean clean = ChildProcess.stop(up.get(), Duration.ofMinutes(4));
      out.println(clean ? "stopped" : "the stack did not stop in time: killed");
    }
    List<String> orphans = LocalStack.stopRecorded(paths);
    if (!orphans.isEmpty()) {
      out.println("stopped left-over components: " + String.join(", ", orphans));
    }
    if (up.isEmpty() && orphans.isEmpty()) {
      out.println("nothing is running");
    }
    return 0;
  }

  static int status(StackPaths paths, PrintStream out) {
    MoodstreamConfig.load(
        LocalConfig.KEYS, System.getenv(), MoodstreamConfig.propertiesFile(System.getenv()));
    out.print(LocalStack.statusTable(paths));
    if (ChildProcess.running("spark-master", paths).isPresent()) {
      SparkCluster.describeDriver(paths).ifPresent(d -> out.println("spark: " + d));
    }
    Path streamStatus = StackPlan.statusFile(paths);
    if (Files.isRegularFile(streamStatus)) {
      try {
        out.println("stream: " + Files.readString(streamStatus).strip());
      } catch (IOException e) {
        out.println("stream: status unreadable: " + e.getMessage());
      }
    }
    return ChildProcess.running("up", paths).isPresent() ? 0 : 3;
  }

  private static boolean confirm(String question, PrintStream out) throws IOException {
    out.print(question);
    out.flush();
    String answer =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p); // children before their directory
      }
    }
  }
}
