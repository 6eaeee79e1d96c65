package io.moodstream.local;

import io.moodstream.broker.ChildJvm;
import io.moodstream.broker.KafkaBroker;
import io.moodstream.local.ChildSpec.Port;
import io.moodstream.local.ChildSpec.Readiness;
import io.moodstream.local.ChildSpec.Restart;
import io.moodstream.local.ChildSpec.Start;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stack as data: which children {@code up} (and {@code up --cluster}) runs, with their
 * commands, readiness, timeouts, restart types and dependencies. Plain functions of the
 * configuration; the effects a child needs (an admin call, a health probe) come from {@link
 * Effects}, so a plan can be built and checked without starting anything.
 */
final class StackPlan {
  private StackPlan() {}

  /** The {@code --only} groups, in start order. */
  static final List<String> GROUPS =
      List.of("kafka", "hbase", "schema", "spark", "rest", "stream", "ingest");

  /** What children need from the outside world: probes and one-off steps. */
  interface Effects {
    boolean hbaseHealthy();

    boolean restHealthy();

    void applyKafkaTopics() throws Exception;

    void applyHBaseTables() throws Exception;
  }

  static final Duration LONG_GRACE = Duration.ofSeconds(90);

  /** How long the job started beside HBase waits for the tables: its streaming.tables.wait. */
  static final String STREAM_TABLES_WAIT = "3m";

  static final Duration GRACE = Duration.ofSeconds(30);

  /**
   * REST's start-up bound: it starts as the job (started beside HBase) runs its first batch, and on
   * 2 cores busy with Spark's code generation its JVM once took over 60 s to answer /health.
   */
  static final Duration REST_START = Duration.ofSeconds(120);

  /**
   * {@code up}: one broker, HBase standalone, the job on Spark local, REST and an ingest source.
   */
  static List<ChildSpec> single(
      MoodstreamConfig config, StackPaths paths, LocalMain.UpOptions o, Effects effects) {
    List<ChildSpec> plan = new ArrayList<>();
    int kafkaPort = LocalConfig.kafkaPort(config.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS));
    int controllerPort = config.get(LocalConfig.KAFKA_CONTROLLER_PORT);
    KafkaBroker.Options ko =
        KafkaBroker.Options.defaults(paths.data("kafka"))
            .withPorts(kafkaPort, controllerPort)
            .withHeap(config.get(LocalConfig.HEAP_KAFKA))
            .withLogFile(paths.log("kafka"));
    plan.add(
        new ChildSpec(
            "kafka",
            "kafka",
            new Start.Command(KafkaBroker.command(ko), Map.of(), () -> KafkaBroker.prepare(ko)),
            new Readiness.LogLine(KafkaBroker.READY),
            Duration.ofSeconds(90),
            GRACE,
            Restart.PERMANENT,
            List.of(),
            ko.heap(),
            List.of(new Port("kafka", kafkaPort), new Port("kafka controller", controllerPort))));

    int zk = config.get(CommonConfig.HBASE_ZOOKEEPER_PORT);
    int master = config.get(LocalConfig.HBASE_MASTER_PORT);
    int rs = config.get(LocalConfig.HBASE_REGIONSERVER_PORT);
    Path hbase = paths.data("hbase");
    Path conf = hbase.resolve("conf");
    plan.add(
        new ChildSpec(
            "hbase",
            "hbase",
            new Start.Command(
                HBaseNode.command(
                    conf, config.get(LocalConfig.HEAP_HBASE), HBaseNode.MASTER, List.of("start")),
                Map.of(),
                () ->
                    HBaseNode.writeConf(
                        conf, HBaseNode.standaloneSite(hbase, zk, master, rs), HBaseNode.MASTER)),
            new Readiness.Probe("HBase answers an admin call", effects::hbaseHealthy),
            Duration.ofSeconds(180),
            LONG_GRACE,
            Restart.PERMANENT,
            List.of(),
            config.get(LocalConfig.HEAP_HBASE),
            List.of(
                new Port("hbase zookeeper", zk),
                new Port("hbase master", master),
                new Port("hbase region server", rs))));

    plan.add(topics(effects, List.of("kafka")));
    plan.add(
        schemaStep(
            "tables",
            "applying HBase tables",
            effects::applyHBaseTables,
            Duration.ofMinutes(2),
            List.of("hbase")));

    Map<String, String> env = commonEnv(config);
    plan.add(rest(config, paths, env, effects));
    Map<String, String> streamEnv = new LinkedHashMap<>(env);
    streamEnv.put(
        "MOODSTREAM_STREAMING_CHECKPOINT_LOCATION",
        paths.data("checkpoints").resolve("stream").toString());
    streamEnv.put("MOODSTREAM_STREAMING_STATUS_FILE", statusFile(paths).toString());
    streamEnv.put("MOODSTREAM_STREAMING_STOP_FILE", stopFile(paths).toString());
    // the job starts beside HBase, not after it: its JVM and Spark session (2-4 s on 2 cores)
    // overlap HBase's start, and it waits for the tables (a replay's posts are already in Kafka)
    unlessSet(config, streamEnv, "streaming.tables.wait", STREAM_TABLES_WAIT);
    unlessSet(
        config,
        streamEnv,
        "streaming.shuffle.partitions",
        Integer.toString(LocalConfig.localPartitions()));
    plan.add(
        new ChildSpec(
            "stream",
            "stream",
            new Start.Command(
                moduleCommand(
                    config,
                    paths,
                    "streaming",
                    LaunchFacts.main(paths.root(), "streaming", "stream"),
                    config.get(LocalConfig.HEAP_STREAM),
                    LaunchFacts.current().jvmFlags(),
                    List.of()),
                streamEnv),
            new Readiness.Alive(),
            Duration.ofSeconds(30),
            LONG_GRACE,
            Restart.PERMANENT,
            List.of("topics"),
            config.get(LocalConfig.HEAP_STREAM),
            List.of()));
    plan.add(ingest(config, paths, o, env));
    return only(plan, o.only());
  }

  /** The Kafka topics, once the brokers {@code kafka} are up. */
  static ChildSpec topics(Effects effects, List<String> kafka) {
    return schemaStep(
        "topics", "applying Kafka topics", effects::applyKafkaTopics, Duration.ofMinutes(2), kafka);
  }

  /** A one-off step of the schema group, run once {@code needs} are ready. */
  static ChildSpec schemaStep(
      String id, String what, ChildSpec.Action run, Duration timeout, List<String> needs) {
    return new ChildSpec(
        id,
        "schema",
        new Start.Step(what, run, ChildSpec.Action.NONE),
        new Readiness.Alive(),
        timeout,
        Duration.ZERO,
        Restart.TEMPORARY,
        needs,
        null,
        List.of());
  }

  static ChildSpec rest(
      MoodstreamConfig config, StackPaths paths, Map<String, String> env, Effects effects) {
    int port = config.get(LocalConfig.REST_PORT);
    Map<String, String> restEnv = new LinkedHashMap<>(env);
    restEnv.put("MOODSTREAM_REST_STREAM_STATUS_FILE", statusFile(paths).toString());
    return new ChildSpec(
        "rest",
        "rest",
        new Start.Command(
            moduleCommand(
                config,
                paths,
                "rest",
                LaunchFacts.main(paths.root(), "rest", "serve"),
                config.get(LocalConfig.HEAP_REST),
                List.of(),
                List.of("--port", Integer.toString(port))),
            restEnv),
        new Readiness.Probe("GET /health answers 200", effects::restHealthy),
        REST_START,
        GRACE,
        Restart.PERMANENT,
        List.of("tables"),
        config.get(LocalConfig.HEAP_REST),
        List.of(new Port("rest", port)));
  }

  /**
   * Ingest's exit statuses that a restart cannot mend: 2 bad usage or configuration, 3 damaged
   * input (every record before the damage delivered; a restart would replay the file to the same
   * damage). 1, a failed source or a full spool, may pass and is restarted.
   */
  static final Set<Integer> INGEST_FATAL_EXITS = Set.of(2, 3);

  /**
   * A replay that ends is finished; a live source is a server and always restarted; either fails at
   * once on {@link #INGEST_FATAL_EXITS}.
   */
  static ChildSpec ingest(
      MoodstreamConfig config, StackPaths paths, LocalMain.UpOptions o, Map<String, String> env) {
    List<String> args = new ArrayList<>(List.of("--source", o.source()));
    args.addAll(o.sourceArgs());
    if (o.topics() != null) {
      args.addAll(List.of("--topics", o.topics()));
    }
    Map<String, String> ingestEnv = new LinkedHashMap<>(env);
    ingestEnv.put("MOODSTREAM_INGEST_STATE_DIR", paths.data("ingest").toString());
    return new ChildSpec(
            "ingest",
            "ingest",
            new Start.Command(
                moduleCommand(
                    config,
                    paths,
                    "ingest",
                    LaunchFacts.main(paths.root(), "ingest", "ingest"),
                    config.get(LocalConfig.HEAP_INGEST),
                    List.of(),
                    args),
                ingestEnv),
            new Readiness.Alive(),
            Duration.ofSeconds(30),
            GRACE,
            o.source().equals("replay") ? Restart.TRANSIENT : Restart.PERMANENT,
            List.of("topics"),
            config.get(LocalConfig.HEAP_INGEST),
            List.of())
        .withFatalExits(INGEST_FATAL_EXITS);
  }

  /**
   * Gives a child a value for another module's key, unless the launcher's environment or the
   * properties file sets it (a variable would win over the file, which the child also reads).
   */
  private static void unlessSet(
      MoodstreamConfig config, Map<String, String> env, String key, String value) {
    String var = ConfigKey.envName(key);
    if (System.getenv(var) == null && !config.fileSets(key)) {
      env.put(var, value);
    }
  }

  /**
   * The Kafka and HBase addresses and replication every child, the job of {@code up --cluster}
   * included, is given as the stack sees them.
   */
  static final List<ConfigKey<?>> SHARED_KEYS =
      List.of(
          CommonConfig.KAFKA_BOOTSTRAP_SERVERS,
          CommonConfig.KAFKA_REPLICATION_FACTOR,
          // ingest aligns the topics' min ISR at start: another value would undo the stack's
          CommonConfig.KAFKA_MIN_INSYNC_REPLICAS,
          CommonConfig.HBASE_ZOOKEEPER_QUORUM,
          CommonConfig.HBASE_ZOOKEEPER_PORT);

  /**
   * Every child sees the same {@link #SHARED_KEYS} and posts partitions as the stack itself (the
   * rest of the launcher's environment, e.g. {@code MOODSTREAM_KAFKA_CLIENT_*}, is inherited as it
   * is, less up's own keys: {@link LocalConfig#withoutOwnKeys}).
   */
  static Map<String, String> commonEnv(MoodstreamConfig config) {
    Map<String, String> env = new LinkedHashMap<>();
    for (ConfigKey<?> k : SHARED_KEYS) {
      env.put(k.envName(), String.valueOf(config.get(k)));
    }
    // ingest aligns the topics at start too: it must want the partitions the stack created
    env.put(
        CommonConfig.POSTS_PARTITIONS.envName(),
        Integer.toString(config.get(CommonConfig.POSTS_PARTITIONS)));
    return env;
  }

  static Path statusFile(StackPaths paths) {
    return paths.run().resolve("stream-status.json");
  }

  static Path stopFile(StackPaths paths) {
    return paths.run().resolve("stream.stop");
  }

  /** The children of the {@code --only} groups, in plan order. */
  static List<ChildSpec> only(List<ChildSpec> plan, List<String> groups) {
    Set<String> g = Set.copyOf(groups);
    return plan.stream().filter(s -> g.contains(s.group())).toList();
  }

  /** {@code java … -cp <module jar>:<its classpath> <main> <args>}, logging as the CLI does. */
  static List<String> moduleCommand(
      MoodstreamConfig config,
      StackPaths paths,
      String module,
      String main,
      String heap,
      List<String> jvmFlags,
      List<String> args) {
    List<String> flags = new ArrayList<>(jvmFlags);
    flags.add(
        "-Dlog4j2.configurationFile="
            + paths.root().resolve("conf").resolve("log4j2-cli.xml").toUri());
    String classpath = moduleJar(paths, module) + File.pathSeparator + classpath(paths, module);
    if (config.get(LocalConfig.CLASS_ARCHIVES)) {
      flags.addAll(ClassArchive.flags(classArchives(paths, module), main, flags, classpath));
    }
    return ChildJvm.command(heap, flags, classpath, main, args);
  }

  /** Where the module's commands keep their class archives ({@link ClassArchive}). */
  static Path classArchives(StackPaths paths, String module) {
    return paths.root().resolve(module).resolve("target").resolve("class-archives");
  }

  static Path moduleJar(StackPaths paths, String module) {
    return paths
        .root()
        .resolve(module)
        .resolve("target")
        .resolve("moodstream-" + module + "-" + LaunchFacts.current().version() + ".jar");
  }

  static Path classpathFile(StackPaths paths, String module) {
    return paths.root().resolve(module).resolve("target").resolve("classpath.txt");
  }

  /** The module's runtime classpath written by its build; empty when it is not built. */
  static String classpath(StackPaths paths, String module) {
    try {
      return Files.readString(classpathFile(paths, module)).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
