package io.moodstream.local;

import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code ./moodstream up|down|status}: the whole pipeline on one machine. */
public final class LocalMain {
  static final String USAGE =
      """
      Usage: moodstream up [--cluster] [--source SOURCE [PATH...]] [--topics a,b] [--port 8080]
                           [--fresh [--yes]] [--only PARTS]
             moodstream down
             moodstream status

      up      builds what is missing, then starts as child processes (logs in var/log/):
              a Kafka KRaft broker, HBase standalone, the schema, the Spark streaming job,
              the REST service with the dashboard, and an ingest source; waits for each to be
              healthy, prints a status table and the dashboard URL, and runs until Ctrl-C,
              SIGTERM or `moodstream down`, then stops everything in order.
                --source S   synthetic (default) | replay PATH... | x-v2 | bluesky | twitter-v1
                --topics     track terms, comma-separated
                --port N     REST/dashboard port (default 8080; key local.rest.port)
                --fresh      delete var/ (all data) first, after asking; --yes to not ask
                --only P,..  start only these parts (kafka,hbase,schema,spark,stream,rest,ingest)
                --cluster    cluster mode: three Kafka brokers (replication 3, min ISR 2), HBase as
                             ZooKeeper + master + two region servers, a Spark standalone master
                             and two workers running the job's -emr jar (spark-submit
                             --deploy-mode cluster --supervise); slower to start, same answers
              A part that crashes is restarted after a backoff (1 s, doubling), at most
              local.restart.budget (5) times per local.restart.healthy.period (10 min) up;
              then it is reported FAILED with its exit status and the end of its log.
      down    stops a running stack (from another terminal), in order; kills only as a last resort
      status  shows each component's state, pid, port and restarts

      Data persists under var/. Heaps (keys local.heap.*) default to 2.7 GB in total;
      up --cluster (keys local.cluster.heap.*) to about 5 GB.
      Configuration: moodstream.properties or MOODSTREAM_* (docs/CONFIGURATION.md, local/README.md).
      """;

  private LocalMain() {}

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

  static int run(String[] args, PrintStream out, PrintStream err, Path root) throws Exception {
    List<String> a = List.of(args);
    if (a.isEmpty()) {
      err.print(USAGE);
      return 2;
    }
    if (a.contains("-h") || a.contains("--help")) {
      out.print(USAGE);
      return 0;
    }
    String var = System.getenv("MOODSTREAM_VAR");
    StackPaths paths =
        var == null ? new StackPaths(root) : new StackPaths(root, Path.of(var).toAbsolutePath());
    switch (a.get(0)) {
      case "down":
        return down(paths, out);
      case "status":
        return status(paths, out, err);
      case "up":
        break;
      default:
        err.println("moodstream: unknown command '" + a.get(0) + "'");
        err.print(USAGE);
        return 2;
    }
    UpOptions o;
    try {
      o = parseUp(a.subList(1, a.size()));
    } catch (IllegalArgumentException e) {
      err.println("moodstream up: " + e.getMessage());
      return 2;
    }
    MoodstreamConfig config;
    try {
      config =
          MoodstreamConfig.load(
              LocalConfig.KEYS, withPort(System.getenv(), o.port()), configFile());
      if (o.cluster()) {
        config =
            MoodstreamConfig.load(
                LocalConfig.KEYS,
                clusterEnv(withPort(System.getenv(), o.port()), config),
                configFile());
      }
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("moodstream up: " + e.getMessage());
      return 2;
    }
    config.warnings().forEach(w -> err.println("warning: " + w));
    return up(o, config, paths, out, err);
  }

  private static Path configFile() {
    String named = System.getenv(MoodstreamConfig.CONFIG_FILE_ENV);
    Path f = named != null ? Path.of(named) : Path.of("moodstream.properties");
    return Files.isRegularFile(f) ? f : null;
  }

  private static Map<String, String> withPort(Map<String, String> env, Integer port) {
    if (port == null) {
      return env;
    }
    Map<String, String> m = new java.util.HashMap<>(env);
    m.put(LocalConfig.REST_PORT.envName(), port.toString());
    return m;
  }

  /**
   * Cluster mode's view of the common keys, for the stack and every child: the three brokers as
   * {@code kafka.bootstrap.servers}, and replication 3 with min ISR 2 unless {@code
   * kafka.replication.factor} / {@code kafka.min.insync.replicas} are set in the environment.
   */
  static Map<String, String> clusterEnv(Map<String, String> env, MoodstreamConfig config) {
    Map<String, String> m = new java.util.HashMap<>(env);
    List<Integer> ports =
        LocalConfig.ports(
            LocalConfig.CLUSTER_KAFKA_PORTS, config.get(LocalConfig.CLUSTER_KAFKA_PORTS), 3);
    m.put(
        io.moodstream.schema.config.CommonConfig.KAFKA_BOOTSTRAP_SERVERS.envName(),
        String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList()));
    m.putIfAbsent(io.moodstream.schema.config.CommonConfig.KAFKA_REPLICATION_FACTOR.envName(), "3");
    m.putIfAbsent(
        io.moodstream.schema.config.CommonConfig.KAFKA_MIN_INSYNC_REPLICAS.envName(), "2");
    return m;
  }

  static UpOptions parseUp(List<String> a) {
    String source = "synthetic";
    List<String> sourceArgs = new ArrayList<>();
    String topics = null;
    Integer port = null;
    boolean fresh = false;
    boolean yes = false;
    boolean cluster = false;
    List<String> only = StackPlan.GROUPS;
    for (int i = 0; i < a.size(); i++) {
      String x = a.get(i);
      switch (x) {
        case "--source" -> {
          source = value(a, ++i, x);
          if (!List.of("synthetic", "replay", "x-v2", "bluesky", "twitter-v1").contains(source)) {
            throw new IllegalArgumentException(
                "--source '"
                    + source
                    + "': expected synthetic, replay, x-v2, bluesky or twitter-v1");
          }
          while (source.equals("replay") && i + 1 < a.size() && !a.get(i + 1).startsWith("--")) {
            sourceArgs.add(a.get(++i));
          }
          if (source.equals("replay") && sourceArgs.isEmpty()) {
            throw new IllegalArgumentException("--source replay needs at least one PATH");
          }
        }
        case "--topics" -> topics = value(a, ++i, x);
        case "--port" -> {
          String v = value(a, ++i, x);
          try {
            port = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port '" + v + "' is not a number");
          }
        }
        case "--fresh" -> fresh = true;
        case "--yes", "-y" -> yes = true;
        case "--cluster" -> cluster = true;
        case "--only" -> {
          List<String> parts = new ArrayList<>();
          for (String s : value(a, ++i, x).split(",")) {
            String g = s.trim().toLowerCase(Locale.ROOT);
            if (!StackPlan.GROUPS.contains(g)) {
              throw new IllegalArgumentException("--only: unknown part '" + s + "'");
            }
            parts.add(g);
          }
          only = StackPlan.GROUPS.stream().filter(parts::contains).toList();
        }
        default -> throw new IllegalArgumentException("unknown option '" + x + "' (see --help)");
      }
    }
    return new UpOptions(source, sourceArgs, topics, port, fresh, yes, only, cluster);
  }

  private static String value(List<String> a, int i, String opt) {
    if (i >= a.size() || a.get(i).startsWith("--")) {
      throw new IllegalArgumentException(opt + " needs a value");
    }
    return a.get(i);
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

  static int status(StackPaths paths, PrintStream out, PrintStream err) {
    MoodstreamConfig config;
    try {
      config = MoodstreamConfig.load(LocalConfig.KEYS, System.getenv(), configFile());
    } catch (ConfigException e) {
      err.println("moodstream status: " + e.getMessage());
      return 2;
    }
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
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            Files.delete(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
