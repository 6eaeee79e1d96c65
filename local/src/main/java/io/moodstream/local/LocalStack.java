package io.moodstream.local;

import io.moodstream.broker.ChildJvm;
import io.moodstream.broker.KafkaBroker;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.KafkaClientConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.kafka.KafkaTopicApplier;
import io.moodstream.storage.HBaseClients;
import io.moodstream.storage.SchemaCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipFile;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/**
 * Starts the pipeline on one machine, each part a child process with its own log under {@code
 * var/log/}: Kafka, HBase, the schema, the streaming job, the REST service, an ingest source; and
 * stops it in the reverse order (ingest first, so nothing is produced into a stopping pipeline).
 */
final class LocalStack implements AutoCloseable {
  /** The parts in start order; {@link #close()} stops them in the order the issue asks for. */
  enum Part {
    KAFKA("kafka"),
    HBASE("hbase"),
    SCHEMA("schema"),
    STREAM("stream"),
    REST("rest"),
    INGEST("ingest");

    final String id;

    Part(String id) {
      this.id = id;
    }
  }

  static final List<Part> STOP_ORDER =
      List.of(Part.INGEST, Part.STREAM, Part.REST, Part.HBASE, Part.KAFKA);

  /** A module's runnable: module folder, main class, extra JVM flags, arguments. */
  record Runnable(String module, String mainClass, List<String> jvmFlags, List<String> args) {}

  private final MoodstreamConfig config;
  private final StackPaths paths;
  private final PrintStream out;
  private final Map<Part, ChildProcess> started = new ConcurrentHashMap<>();
  private final Map<Part, String> notes = new ConcurrentHashMap<>();
  private final Map<Part, List<String>> commands = new ConcurrentHashMap<>();
  private final Map<Part, Integer> restarts = new LinkedHashMap<>();
  private volatile boolean stopping;
  private final long t0 = System.nanoTime();

  LocalStack(MoodstreamConfig config, StackPaths paths, PrintStream out) {
    this.config = config;
    this.paths = paths;
    this.out = out;
  }

  // ---------------------------------------------------------------- preflight

  /** Problems that must stop {@code up} before anything starts: taken ports, too little memory. */
  List<String> preflight(List<Part> parts, Map<Part, Runnable> runnables) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> ports = ports(parts);
    ports.forEach(
        (what, port) -> {
          if (!free(port)) {
            problems.add(
                "port "
                    + port
                    + " ("
                    + what
                    + ") is in use: stop what holds it (`ss -ltnp 'sport = :"
                    + port
                    + "'`) or configure another port");
          }
        });
    long needMb = 0;
    for (Part p : parts) {
      needMb += heapOf(p).map(LocalConfig::heapMegabytes).orElse(0L);
    }
    long availMb = availableMemoryMb();
    if (availMb > 0 && availMb < needMb + 512) {
      problems.add(
          "only "
              + availMb
              + " MB of memory available, the stack needs about "
              + (needMb + 512)
              + " MB (heaps "
              + needMb
              + " MB + overhead); lower local.heap.* or free memory");
    }
    for (Part p : parts) {
      Runnable r = runnables.get(p);
      if (r != null && !hasMainClass(r)) {
        problems.add(
            p.id
                + ": "
                + r.mainClass()
                + " is not built in "
                + r.module()
                + "/ (run mvn -B -DskipTests package)");
      }
    }
    return problems;
  }

  Map<String, Integer> ports(List<Part> parts) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    if (parts.contains(Part.KAFKA)) {
      ports.put("kafka", LocalConfig.kafkaPort(config.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)));
      ports.put("kafka controller", config.get(LocalConfig.KAFKA_CONTROLLER_PORT));
    }
    if (parts.contains(Part.HBASE)) {
      ports.put("hbase zookeeper", config.get(CommonConfig.HBASE_ZOOKEEPER_PORT));
      ports.put("hbase master", config.get(LocalConfig.HBASE_MASTER_PORT));
      ports.put("hbase region server", config.get(LocalConfig.HBASE_REGIONSERVER_PORT));
    }
    if (parts.contains(Part.REST)) {
      ports.put("rest", config.get(LocalConfig.REST_PORT));
    }
    return ports;
  }

  private Optional<String> heapOf(Part p) {
    return Optional.ofNullable(
        switch (p) {
          case KAFKA -> config.get(LocalConfig.HEAP_KAFKA);
          case HBASE -> config.get(LocalConfig.HEAP_HBASE);
          case STREAM -> config.get(LocalConfig.HEAP_STREAM);
          case REST -> config.get(LocalConfig.HEAP_REST);
          case INGEST -> config.get(LocalConfig.HEAP_INGEST);
          case SCHEMA -> null;
        });
  }

  static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static long availableMemoryMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: skip the check
    }
    return -1;
  }

  private boolean hasMainClass(Runnable r) {
    Path jar = jar(r.module());
    if (!Files.isRegularFile(jar) || !Files.isRegularFile(classpathFile(r.module()))) {
      return false;
    }
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return z.getEntry(r.mainClass().replace('.', '/') + ".class") != null;
    } catch (IOException e) {
      return false;
    }
  }

  private Path jar(String module) {
    return paths
        .root()
        .resolve(module)
        .resolve("target")
        .resolve("moodstream-" + module + "-" + Version.VERSION + ".jar");
  }

  private Path classpathFile(String module) {
    return paths.root().resolve(module).resolve("target").resolve("classpath.txt");
  }

  // ---------------------------------------------------------------- start

  /**
   * Parts that start together, each wave once the one before is ready: Kafka and HBase have no need
   * of each other, and the stream, REST and ingest only need the schema (ingest's posts wait in
   * Kafka until the stream reads them). On 2 cores this takes the waits off the critical path.
   */
  static final List<List<Part>> START_WAVES =
      List.of(
          List.of(Part.KAFKA, Part.HBASE),
          List.of(Part.SCHEMA),
          List.of(Part.STREAM, Part.REST, Part.INGEST));

  void start(List<Part> parts, Map<Part, Runnable> runnables) throws Exception {
    for (List<Part> wave : START_WAVES) {
      List<Part> now = wave.stream().filter(parts::contains).toList();
      inParallel(now, p -> startPart(p, parts, runnables));
    }
  }

  private void startPart(Part p, List<Part> parts, Map<Part, Runnable> runnables) throws Exception {
    switch (p) {
      case KAFKA -> {
        startKafka();
        if (parts.contains(Part.SCHEMA)) {
          applyKafkaTopics(); // while HBase is still starting
        }
      }
      case HBASE -> startHBase();
      case SCHEMA -> applyHBaseTables();
      case REST -> startModule(p, runnables.get(p), this::restHealthy, Duration.ofSeconds(60));
      default -> startModule(p, runnables.get(p), () -> true, Duration.ofSeconds(5));
    }
  }

  interface PartStarter {
    void start(Part p) throws Exception;
  }

  /**
   * Starts the parts on their own threads and waits for all; the first failure cancels the others
   * (their processes stay in {@link #started}, so {@link #close()} stops them) and is rethrown.
   */
  static void inParallel(List<Part> parts, PartStarter starter) throws Exception {
    if (parts.size() <= 1) {
      for (Part p : parts) {
        starter.start(p);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(parts.size());
    ExecutorCompletionService<Part> done = new ExecutorCompletionService<>(pool);
    try {
      for (Part p : parts) {
        done.submit(
            () -> {
              starter.start(p);
              return p;
            });
      }
      for (int i = 0; i < parts.size(); i++) {
        try {
          done.take().get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void startKafka() throws Exception {
    step("kafka", "starting KRaft broker on " + config.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS));
    KafkaBroker broker =
        KafkaBroker.start(
            KafkaBroker.Options.defaults(paths.data("kafka"))
                .withPorts(
                    LocalConfig.kafkaPort(config.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)),
                    config.get(LocalConfig.KAFKA_CONTROLLER_PORT))
                .withHeap(config.get(LocalConfig.HEAP_KAFKA))
                .withLogFile(paths.log("kafka")));
    ChildProcess c =
        ChildProcess.adopt("kafka", ProcessHandle.of(broker.pid()).orElseThrow(), paths);
    track(Part.KAFKA, c);
    step("kafka", "ready (pid " + c.pid() + ")");
  }

  private void startHBase() throws Exception {
    int zk = config.get(CommonConfig.HBASE_ZOOKEEPER_PORT);
    step("hbase", "starting standalone HBase (ZooKeeper port " + zk + ")");
    List<String> cmd =
        HBaseStandalone.command(
            paths.data("hbase"),
            zk,
            config.get(LocalConfig.HBASE_MASTER_PORT),
            config.get(LocalConfig.HBASE_REGIONSERVER_PORT),
            config.get(LocalConfig.HEAP_HBASE));
    ChildProcess c = ChildProcess.start("hbase", cmd, Map.of(), paths);
    track(Part.HBASE, c);
    awaitReady("hbase", c, this::hbaseHealthy, Duration.ofSeconds(180));
  }

  private void applyHBaseTables() throws IOException {
    step("schema", "applying HBase tables");
    try (Connection conn = HBaseClients.connect(config);
        Admin admin = conn.getAdmin()) {
      SchemaCommand.apply(admin, HBaseLayout.from(config), false, out);
    }
  }

  private void applyKafkaTopics() throws IOException {
    step("schema", "applying Kafka topics");
    try (org.apache.kafka.clients.admin.Admin kafka =
        org.apache.kafka.clients.admin.Admin.create(KafkaClientConfig.properties(config))) {
      KafkaTopicApplier.Report r = new KafkaTopicApplier(kafka, 30_000).apply(config);
      out.print(r.describe().lines().map(l -> "  " + l + "\n").reduce("", String::concat));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating Kafka topics", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IOException("cannot create Kafka topics: " + cause.getMessage(), e);
    }
  }

  private void startModule(Part p, Runnable r, BooleanSupplier healthy, Duration timeout)
      throws Exception {
    if (r == null) {
      notes.put(p, "not started");
      return;
    }
    step(p.id, "starting " + r.mainClass());
    List<String> flags = new ArrayList<>(r.jvmFlags());
    flags.add(
        "-Dlog4j2.configurationFile="
            + paths.root().resolve("conf").resolve("log4j2-cli.xml").toUri());
    List<String> cmd =
        ChildJvm.command(
            heapOf(p).orElse(null),
            flags,
            jar(r.module())
                + java.io.File.pathSeparator
                + Files.readString(classpathFile(r.module())).strip(),
            r.mainClass(),
            r.args());
    ChildProcess c = ChildProcess.start(p.id, cmd, childEnv(p), paths);
    commands.put(p, cmd);
    track(p, c);
    awaitReady(p.id, c, healthy, timeout);
  }

  /** Records a started child, or stops it at once if the stack is already stopping. */
  private synchronized void track(Part p, ChildProcess c) throws IOException {
    if (stopping) {
      c.stop(grace(p));
      throw new IOException("the stack is stopping: " + p.id + " stopped again");
    }
    started.put(p, c);
  }

  /**
   * Every child sees the same Kafka and HBase addresses as the stack itself, and keeps its state
   * under the stack's var/ whatever the launching directory.
   */
  Map<String, String> childEnv(Part p) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(
        CommonConfig.KAFKA_BOOTSTRAP_SERVERS.envName(),
        config.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS));
    env.put(
        CommonConfig.HBASE_ZOOKEEPER_QUORUM.envName(),
        config.get(CommonConfig.HBASE_ZOOKEEPER_QUORUM));
    env.put(
        CommonConfig.HBASE_ZOOKEEPER_PORT.envName(),
        Integer.toString(config.get(CommonConfig.HBASE_ZOOKEEPER_PORT)));
    String status = paths.run().resolve("stream-status.json").toString();
    switch (p) {
      case STREAM -> {
        env.putIfAbsent(
            "MOODSTREAM_STREAMING_CHECKPOINT_LOCATION",
            paths.data("checkpoints").resolve("stream").toString());
        env.put("MOODSTREAM_STREAMING_STATUS_FILE", status);
        env.put("MOODSTREAM_STREAMING_STOP_FILE", paths.run().resolve("stream.stop").toString());
      }
      case REST -> env.put("MOODSTREAM_REST_STREAM_STATUS_FILE", status);
      case INGEST -> env.put("MOODSTREAM_INGEST_STATE_DIR", paths.data("ingest").toString());
      default -> {}
    }
    return env;
  }

  private void awaitReady(String name, ChildProcess c, BooleanSupplier healthy, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long minimumAlive = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    int dots = 0;
    while (true) {
      if (!c.isAlive()) {
        throw new IOException(name + " exited during start; see " + c.logFile());
      }
      if (System.nanoTime() > minimumAlive && healthy.getAsBoolean()) {
        step(name, "ready (pid " + c.pid() + ")");
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            name + " not ready after " + timeout.toSeconds() + " s; see " + c.logFile());
      }
      if (++dots % 10 == 0) {
        step(name, "waiting … (" + c.logFile() + ")");
      }
      Thread.sleep(1000);
    }
  }

  boolean hbaseHealthy() {
    org.apache.hadoop.conf.Configuration conf =
        HBaseClients.configuration(config, HBaseClients.Timeouts.within(Duration.ofSeconds(5)));
    try (Connection c = ConnectionFactory.createConnection(conf);
        Admin a = c.getAdmin()) {
      a.listNamespaces();
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  boolean restHealthy() {
    try {
      HttpResponse<Void> r =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + config.get(LocalConfig.REST_PORT) + "/health"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void step(String part, String msg) {
    out.printf("[%5.1fs] %-7s %s%n", (System.nanoTime() - t0) / 1e9, part, msg);
    out.flush();
  }

  // ---------------------------------------------------------------- status and stop

  /** The status table: component, pid, port, state. */
  String statusTable(List<Part> parts) {
    Map<String, Integer> ports = ports(parts);
    StringBuilder b =
        new StringBuilder(
            String.format("%-8s %-8s %-6s %s%n", "COMPONENT", "PID", "PORT", "STATE"));
    for (Part p : parts) {
      if (p == Part.SCHEMA) {
        continue;
      }
      Optional<ProcessHandle> h = ChildProcess.running(p.id, paths);
      Integer port =
          switch (p) {
            case KAFKA -> ports.get("kafka");
            case HBASE -> ports.get("hbase zookeeper");
            case REST -> ports.get("rest");
            default -> null;
          };
      b.append(
          String.format(
              "%-8s %-8s %-6s %s%n",
              p.id,
              h.map(x -> Long.toString(x.pid())).orElse("-"),
              port == null ? "-" : port,
              h.isPresent() ? "running" : notes.getOrDefault(p, "stopped")));
    }
    return b.toString();
  }

  /**
   * How long a part may take to stop after SIGTERM before it is killed: the stream lets its batch
   * commit and HBase flushes its memstores, which on a busy 2-core machine can take a minute.
   */
  static Duration grace(Part p) {
    return p == Part.STREAM || p == Part.HBASE ? Duration.ofSeconds(90) : Duration.ofSeconds(30);
  }

  /** Stops what this stack started: ingest, stream (its batch commits), REST, HBase, Kafka. */
  @Override
  public synchronized void close() {
    stopping = true;
    for (Part p : STOP_ORDER) {
      ChildProcess c = started.remove(p);
      if (c == null) {
        continue;
      }
      Duration grace = grace(p);
      step(p.id, "stopping (pid " + c.pid() + ")");
      try {
        boolean clean = c.stop(grace);
        step(p.id, clean ? "stopped" : "did not stop within " + grace.toSeconds() + " s: killed");
      } catch (IOException e) {
        step(p.id, "stop failed: " + e.getMessage());
      }
    }
  }

  /** Stops components recorded in var/run by any launcher (orphans of a killed {@code up}). */
  static List<String> stopRecorded(StackPaths paths) {
    List<String> stopped = new ArrayList<>();
    for (Part p : STOP_ORDER) {
      ChildProcess.running(p.id, paths)
          .ifPresent(
              h -> {
                boolean clean = ChildProcess.stop(h, grace(p));
                stopped.add(p.id + " (pid " + h.pid() + (clean ? ")" : ", killed)"));
              });
      try {
        Files.deleteIfExists(paths.pid(p.id));
      } catch (IOException ignored) {
        // best effort
      }
    }
    return stopped;
  }

  /**
   * Watches the running parts once: a stream or REST process that died is restarted (at most 5
   * times), which is what makes a crash or kill -9 of the job recoverable from its checkpoint; an
   * ingest source that ended (a finished replay) is reported once. Returns what it did.
   */
  synchronized List<String> supervise() throws IOException {
    List<String> events = new ArrayList<>();
    for (Map.Entry<Part, ChildProcess> e : new ArrayList<>(started.entrySet())) {
      ChildProcess c = e.getValue();
      Part p = e.getKey();
      if (c.isAlive() || stopping) {
        continue;
      }
      if (p == Part.STREAM || p == Part.REST) {
        int n = restarts.merge(p, 1, Integer::sum);
        if (n > 5) {
          events.add(p.id + " exited again; giving up after 5 restarts (see " + c.logFile() + ")");
          started.remove(p);
          continue;
        }
        ChildProcess again = ChildProcess.start(p.id, commands.get(p), childEnv(p), paths);
        started.put(p, again);
        events.add(
            p.id + " exited unexpectedly; restarted (pid " + again.pid() + ", restart " + n + ")");
      } else if (!notes.containsKey(p)) {
        notes.put(p, "finished");
        started.remove(p);
        events.add(p.id + " finished; see " + c.logFile());
      }
    }
    return events;
  }
}
