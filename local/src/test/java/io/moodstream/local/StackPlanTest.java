package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.local.ChildSpec.Restart;
import io.moodstream.local.ChildSpec.Start;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plans of {@code up} and {@code up --cluster}, built without starting anything. */
class StackPlanTest {
  @TempDir Path home;

  /** The launch facts a build writes, for the modules the stack runs, under {@code home}. */
  @BeforeEach
  void builtModules() throws Exception {
    LaunchFactsTest.writeFacts(home, "streaming", "stream:io.moodstream.streaming.StreamMain");
    LaunchFactsTest.writeFacts(home, "rest", "serve:io.moodstream.rest.ServeMain");
    LaunchFactsTest.writeFacts(home, "ingest", "ingest:io.moodstream.ingest.IngestMain");
  }

  static final StackPlan.Effects NO_EFFECTS =
      new StackPlan.Effects() {
        @Override
        public boolean hbaseHealthy() {
          return true;
        }

        @Override
        public boolean restHealthy() {
          return true;
        }

        @Override
        public void applyKafkaTopics() {}

        @Override
        public void applyHBaseTables() {}
      };

  static MoodstreamConfig config(Map<String, String> env) {
    return MoodstreamConfig.load(LocalConfig.KEYS, env, null);
  }

  static List<String> ids(List<ChildSpec> plan) {
    return plan.stream().map(ChildSpec::id).toList();
  }

  static ChildSpec spec(List<ChildSpec> plan, String id) {
    return plan.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  static List<String> argv(ChildSpec s) {
    return ((Start.Command) s.start()).argv();
  }

  /** The plan of {@code ./moodstream up} with these arguments and the default configuration. */
  List<ChildSpec> singlePlan(String... args) {
    return StackPlan.single(
        config(Map.of()), new StackPaths(home), LocalMain.parseUp(List.of(args)), NO_EFFECTS);
  }

  /** {@code up --cluster}'s plan with the default configuration, under {@code home}. */
  List<ChildSpec> clusterPlan() {
    return ClusterPlan.plan(
        config(LocalMain.clusterEnv(Map.of(), config(Map.of()))),
        new StackPaths(home),
        LocalMain.parseUp(List.of("--cluster")),
        NO_EFFECTS);
  }

  @Test
  void upRunsOneOfEachAndStopsIngestFirstAndKafkaLast() {
    List<ChildSpec> plan = singlePlan();
    assertThat(ids(plan))
        .containsExactly("kafka", "hbase", "topics", "tables", "rest", "stream", "ingest");
    // the supervisor stops in reverse plan order: the order
    List<String> reversed = new java.util.ArrayList<>(ids(plan));
    java.util.Collections.reverse(reversed);
    assertThat(reversed).containsSubsequence("ingest", "stream", "rest", "hbase", "kafka");
    assertThat(argv(spec(plan, "kafka"))).contains("kafka.Kafka");
  }

  @Test
  void topicsTablesAndTheJobWaitOnlyForWhatTheyNeed() {
    List<ChildSpec> plan = singlePlan();
    assertThat(spec(plan, "topics").needs()).containsExactly("kafka");
    assertThat(spec(plan, "tables").needs()).containsExactly("hbase");
    // the job starts beside HBase (its Spark start-up overlaps HBase's) and waits for the tables
    assertThat(spec(plan, "stream").needs()).containsExactly("topics");
    assertThat(((Start.Command) spec(plan, "stream").start()).env())
        .containsEntry("MOODSTREAM_STREAMING_TABLES_WAIT", "3m");
    assertThat(spec(plan, "rest").startTimeout()).isEqualTo(StackPlan.REST_START);
  }

  @Test
  void theSingleStackHasOnePartitionPerCoreUnlessConfigured() {
    String cores = Integer.toString(LocalConfig.localPartitions());
    MoodstreamConfig single = config(LocalMain.singleEnv(Map.of(), config(Map.of())));
    assertThat(single.get(CommonConfig.POSTS_PARTITIONS)).hasToString(cores);
    List<ChildSpec> plan =
        StackPlan.single(single, new StackPaths(home), LocalMain.parseUp(List.of()), NO_EFFECTS);
    // every child that aligns the topics wants the partitions the stack created
    assertThat(((Start.Command) spec(plan, "ingest").start()).env())
        .containsEntry("MOODSTREAM_KAFKA_TOPIC_POSTS_PARTITIONS", cores);
    assertThat(((Start.Command) spec(plan, "stream").start()).env())
        .containsEntry("MOODSTREAM_KAFKA_TOPIC_POSTS_PARTITIONS", cores)
        .containsEntry("MOODSTREAM_STREAMING_SHUFFLE_PARTITIONS", cores);

    Map<String, String> set = Map.of("MOODSTREAM_KAFKA_TOPIC_POSTS_PARTITIONS", "6");
    assertThat(config(LocalMain.singleEnv(set, config(set))).get(CommonConfig.POSTS_PARTITIONS))
        .isEqualTo(6);
  }

  @Test
  void everyChildIsGivenTheStacksKafkaAndHBaseAddressesReplicationAndPartitions() {
    Map<String, String> env =
        Map.of(
            "MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9192",
            "MOODSTREAM_KAFKA_REPLICATION_FACTOR", "3",
            "MOODSTREAM_KAFKA_MIN_INSYNC_REPLICAS", "2",
            "MOODSTREAM_KAFKA_TOPIC_POSTS_PARTITIONS", "6",
            "MOODSTREAM_HBASE_ZOOKEEPER_QUORUM", "localhost",
            "MOODSTREAM_HBASE_ZOOKEEPER_PORT", "2281");
    MoodstreamConfig c = config(env);
    assertThat(StackPlan.commonEnv(c)).containsExactlyInAnyOrderEntriesOf(env);
    StackPaths paths = new StackPaths(home);
    // the job of up --cluster gets them (but the partitions) as settings, in this order
    assertThat(ClusterPlan.jobSettings(c, paths))
        .containsExactly(
            entry("kafka.bootstrap.servers", "127.0.0.1:9192"),
            entry("kafka.replication.factor", "3"),
            entry("kafka.min.insync.replicas", "2"),
            entry("hbase.zookeeper.quorum", "localhost"),
            entry("hbase.zookeeper.port", "2281"),
            entry(
                "streaming.checkpoint.location",
                paths.data("checkpoints").resolve("stream-cluster").toString()),
            entry("streaming.status.file", StackPlan.statusFile(paths).toUri().toString()),
            entry("streaming.stop.file", StackPlan.stopFile(paths).toUri().toString()));
  }

  @Test
  void theSchemaIsAppliedByOneOffStepsOnceKafkaAndHBaseAreUp() {
    List<ChildSpec> single = singlePlan();
    List<ChildSpec> cluster = clusterPlan();
    assertThat(
            List.of(
                spec(single, "topics"), spec(single, "tables"),
                spec(cluster, "topics"), spec(cluster, "tables")))
        .allSatisfy(
            s -> {
              assertThat(s.group()).isEqualTo("schema");
              assertThat(((Start.Step) s.start()).stop()).isSameAs(ChildSpec.Action.NONE);
              assertThat(s.readiness()).isEqualTo(new ChildSpec.Readiness.Alive());
              assertThat(s.stopGrace()).isZero();
              assertThat(s.restart()).isEqualTo(Restart.TEMPORARY);
              assertThat(s.heap()).isNull();
              assertThat(s.ports()).isEmpty();
              assertThat(s.fatalExits()).isEmpty();
            });
    assertThat(((Start.Step) spec(single, "topics").start()).what())
        .isEqualTo("applying Kafka topics")
        .isEqualTo(((Start.Step) spec(cluster, "topics").start()).what());
    assertThat(((Start.Step) spec(single, "tables").start()).what())
        .isEqualTo("applying HBase tables");
    assertThat(((Start.Step) spec(cluster, "tables").start()).what())
        .isEqualTo("waiting for HBase, then applying HBase tables");
    assertThat(spec(single, "topics").startTimeout()).hasMinutes(2);
    assertThat(spec(single, "tables").startTimeout()).hasMinutes(2);
    assertThat(spec(cluster, "topics").startTimeout()).hasMinutes(2);
    assertThat(spec(cluster, "tables").startTimeout()).hasMinutes(3);
  }

  @Test
  void theJobsKeysFromThePropertiesFileAreNotOverriddenByUp() throws Exception {
    Path file = home.resolve("moodstream.properties");
    Files.writeString(file, "streaming.tables.wait=10m\nstreaming.shuffle.partitions=8\n");
    List<ChildSpec> plan =
        StackPlan.single(
            MoodstreamConfig.load(LocalConfig.KEYS, Map.of(), file),
            new StackPaths(home),
            LocalMain.parseUp(List.of()),
            NO_EFFECTS);
    // the job reads the file itself; a variable from up would win over it
    assertThat(((Start.Command) spec(plan, "stream").start()).env())
        .doesNotContainKeys(
            "MOODSTREAM_STREAMING_TABLES_WAIT", "MOODSTREAM_STREAMING_SHUFFLE_PARTITIONS");
  }

  @Test
  void clusterModeKeepsTheReplicationOfThePropertiesFile() throws Exception {
    Path file = home.resolve("moodstream.properties");
    Files.writeString(file, "kafka.replication.factor=2\n");
    Map<String, String> env =
        LocalMain.clusterEnv(Map.of(), MoodstreamConfig.load(LocalConfig.KEYS, Map.of(), file));
    // the children read the file themselves: only what it leaves unset comes by variable
    assertThat(env)
        .doesNotContainKey("MOODSTREAM_KAFKA_REPLICATION_FACTOR")
        .containsEntry("MOODSTREAM_KAFKA_MIN_INSYNC_REPLICAS", "2");
    assertThat(
            MoodstreamConfig.load(LocalConfig.KEYS, env, file)
                .get(CommonConfig.KAFKA_REPLICATION_FACTOR))
        .isEqualTo(2);
  }

  @Test
  void everyPartIsRestartedExceptAReplayThatFinished() {
    List<ChildSpec> plan = singlePlan();
    for (String id : List.of("kafka", "hbase", "stream", "rest", "ingest")) {
      // a live source is a server
      assertThat(spec(plan, id).restart()).as(id).isEqualTo(Restart.PERMANENT);
    }
    // a replay is finished when it exits 0
    assertThat(spec(singlePlan("--source", "replay", "a.json"), "ingest").restart())
        .isEqualTo(Restart.TRANSIENT);
  }

  @Test
  void badUsageConfigAndDamagedInputAreNotMendedByARestart() {
    List<ChildSpec> plan = singlePlan();
    assertThat(spec(plan, "ingest").fatalExits()).containsExactlyInAnyOrder(2, 3);
    assertThat(spec(plan, "kafka").fatalExits()).isEmpty();
  }

  @Test
  void theJobAndHBaseHave90sToStopAndTheJobItsStopFile() {
    List<ChildSpec> plan = singlePlan();
    assertThat(spec(plan, "stream").stopGrace().toSeconds()).isEqualTo(90);
    assertThat(spec(plan, "hbase").stopGrace().toSeconds()).isEqualTo(90);
    Map<String, String> env = ((Start.Command) spec(plan, "stream").start()).env();
    assertThat(env.get("MOODSTREAM_STREAMING_STOP_FILE")).endsWith("var/run/stream.stop");
  }

  @Test
  void ingestsFatalExitStatusesAreTheOnesIngestReturnsForBadUsageAndDamagedInput(@TempDir Path dir)
      throws Exception {
    java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = new java.io.PrintStream(sink, true, "UTF-8");
    int usage =
        io.moodstream.ingest.IngestMain.run(
            new String[] {"--no-such-option"},
            keys -> MoodstreamConfig.load(keys, Map.of(), null),
            new io.moodstream.ingest.core.Lifecycle(),
            out,
            out);
    assertThat(usage).isEqualTo(2);
    assertThat(StackPlan.INGEST_FATAL_EXITS).contains(usage).containsExactlyInAnyOrder(2, 3);
  }

  @Test
  void onlyKeepsTheChosenParts() {
    List<ChildSpec> plan =
        StackPlan.single(
            config(Map.of()),
            new StackPaths(home),
            LocalMain.parseUp(List.of("--only", "kafka,hbase,schema")),
            NO_EFFECTS);
    assertThat(ids(plan)).containsExactly("kafka", "hbase", "topics", "tables");
  }

  @Test
  void clusterModeRunsThreeBrokersFourHBaseProcessesAndASparkStandaloneCluster() {
    MoodstreamConfig c = config(Map.of());
    MoodstreamConfig clustered = config(LocalMain.clusterEnv(Map.of(), c));
    List<ChildSpec> plan =
        ClusterPlan.plan(
            clustered, new StackPaths(home), LocalMain.parseUp(List.of("--cluster")), NO_EFFECTS);
    assertThat(ids(plan))
        .containsExactly(
            "kafka-1",
            "kafka-2",
            "kafka-3",
            "zookeeper",
            "hbase-master",
            "hbase-rs-1",
            "hbase-rs-2",
            "topics",
            "tables",
            "spark-master",
            "spark-worker-1",
            "spark-worker-2",
            "rest",
            "stream",
            "ingest");
    // 12 JVMs of ours; the driver and executor run as children of the workers
    assertThat(plan.stream().filter(ChildSpec::isProcess).count()).isEqualTo(12);
    assertThat(spec(plan, "topics").needs()).containsExactly("kafka-1", "kafka-2", "kafka-3");
    assertThat(spec(plan, "tables").needs()).containsExactly("hbase-rs-1", "hbase-rs-2");
    assertThat(spec(plan, "hbase-rs-2").needs()).containsExactly("hbase-master");
    assertThat(spec(plan, "stream").needs())
        .containsExactly("topics", "tables", "spark-worker-1", "spark-worker-2");
    for (ChildSpec s : plan) {
      if (s.isProcess()) {
        assertThat(s.restart()).as(s.id()).isNotEqualTo(Restart.TEMPORARY);
      }
    }

    // every port of the layout is distinct, so the preflight covers them all
    List<Integer> ports =
        plan.stream().flatMap(s -> s.ports().stream()).map(ChildSpec.Port::port).toList();
    assertThat(new HashSet<>(ports)).hasSameSizeAs(ports);
    assertThat(ports).contains(9092, 9094, 9096, 9093, 9095, 9097, 2181, 16000, 16020, 16022);
    assertThat(ports).contains(7077, 8081, 7078, 7079, 8080);

    assertThat(clustered.get(io.moodstream.schema.config.CommonConfig.KAFKA_BOOTSTRAP_SERVERS))
        .isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
    assertThat(clustered.get(io.moodstream.schema.config.CommonConfig.KAFKA_REPLICATION_FACTOR))
        .isEqualTo(3);
    assertThat(clustered.get(io.moodstream.schema.config.CommonConfig.KAFKA_MIN_INSYNC_REPLICAS))
        .isEqualTo(2);
    // ingest aligns the topics at its start: it must see the same min ISR, or it undoes it
    assertThat(((Start.Command) spec(plan, "ingest").start()).env())
        .containsEntry("MOODSTREAM_KAFKA_MIN_INSYNC_REPLICAS", "2")
        .containsEntry("MOODSTREAM_KAFKA_REPLICATION_FACTOR", "3");
  }

  @Test
  void standaloneHBaseKeepsItsZooKeeperSessionsThroughA30SecondFreeze() throws Exception {
    StackPaths paths = new StackPaths(home);
    List<ChildSpec> plan =
        StackPlan.single(config(Map.of()), paths, LocalMain.parseUp(List.of()), NO_EFFECTS);
    ((Start.Command) spec(plan, "hbase").start()).prepare().run();
    String site = Files.readString(paths.data("hbase").resolve("conf/hbase-site.xml"));
    // HBase's own default for a local cluster is 10 s, and ZooKeeper caps sessions at 40 s
    assertThat(site)
        .contains("<name>zookeeper.session.timeout.localHBaseCluster</name><value>90000</value>")
        .contains("<name>hbase.zookeeper.property.maxSessionTimeout</name><value>120000</value>");
  }

  @Test
  void theBrokersFormOneQuorumAndTheHBaseProcessesShareOneRoot() throws Exception {
    StackPaths paths = new StackPaths(home);
    List<ChildSpec> plan = clusterPlan();
    for (String id : List.of("zookeeper", "hbase-master", "hbase-rs-1", "hbase-rs-2")) {
      ((Start.Command) spec(plan, id).start()).prepare().run();
    }
    String rs1 =
        Files.readString(paths.data("hbase-cluster").resolve("conf-hbase-rs-1/hbase-site.xml"));
    String rs2 =
        Files.readString(paths.data("hbase-cluster").resolve("conf-hbase-rs-2/hbase-site.xml"));
    assertThat(rs1)
        .contains("<name>hbase.cluster.distributed</name><value>true</value>")
        .contains("<name>hbase.regionserver.port</name><value>16020</value>")
        .contains(
            "<name>hbase.rootdir</name><value>"
                + paths.data("hbase-cluster").resolve("root").toUri());
    assertThat(rs2).contains("<name>hbase.regionserver.port</name><value>16022</value>");
    // no ZooKeeper AdminServer on 8080, REST's default port
    assertThat(
            Files.readString(paths.data("hbase-cluster").resolve("conf-zookeeper/hbase-site.xml")))
        .contains("<name>hbase.zookeeper.property.admin.enableServer</name><value>false</value>");
    assertThat(argv(spec(plan, "hbase-rs-1"))).contains(HBaseNode.REGION_SERVER);
    assertThat(argv(spec(plan, "zookeeper"))).contains(HBaseNode.ZOOKEEPER);
    assertThat(String.join(" ", argv(spec(plan, "kafka-2"))))
        .contains(paths.data("kafka-2").resolve("server.properties").toString());
  }

  @Test
  void eachSparkWorkerWorksInTheDirectoryItsPrepareCreates() throws Exception {
    List<ChildSpec> plan = clusterPlan();
    for (int i = 1; i <= ClusterPlan.WORKERS; i++) {
      Start.Command worker = (Start.Command) spec(plan, "spark-worker-" + i).start();
      Path work = new StackPaths(home).data("cluster").resolve("spark-work-" + i);
      assertThat(worker.argv()).containsSequence("--work-dir", work.toString());
      worker.prepare().run();
      assertThat(work).isDirectory();
    }
  }

  @Test
  void theJobIsSubmittedAsTheEmrJarInClusterDeployModeWithItsSettingsAsSparkConf() {
    List<String> conf =
        ClusterPlan.submitConf(
            Map.of("kafka.bootstrap.servers", "127.0.0.1:9092,127.0.0.1:9094"), "-Dx=1");
    assertThat(conf)
        .contains("spark.moodstream.kafka.bootstrap.servers=127.0.0.1:9092,127.0.0.1:9094")
        .contains("spark.driver.extraJavaOptions=-Dx=1")
        .contains("spark.executor.extraJavaOptions=-Dx=1");
    SparkCluster spark = new SparkCluster(new StackPaths(home), 7077, 8081);
    List<String> submit = spark.submitCommand(conf, "768m", "768m");
    String line = String.join(" ", submit);
    assertThat(line)
        .contains(SparkCluster.SUBMIT_MAIN + " --master spark://127.0.0.1:7077")
        .contains("--deploy-mode cluster --supervise --class io.moodstream.streaming.StreamMain")
        .contains("--driver-memory 768m --executor-memory 768m")
        .endsWith("moodstream-streaming-" + LaunchFacts.current().version() + "-emr.jar");
    assertThat(String.join(" ", spark.workerCommand(home.resolve("work"), 7078, 1, "1g", "192m")))
        .contains(SparkCluster.WORKER_MAIN)
        .contains("--cores 1 --memory 1g")
        .endsWith("spark://127.0.0.1:7077");
    assertThat(spark.env())
        .containsEntry("SPARK_HOME", spark.home().toString())
        .containsEntry("SPARK_LOCAL_IP", "127.0.0.1");
  }

  @Test
  void statusDescribesTheDriverAsTheMasterReportsIt() throws Exception {
    JsonNode master =
        new ObjectMapper()
            .readTree(
                "{\"activedrivers\":[{\"id\":\"driver-1\",\"state\":\"RUNNING\","
                    + "\"worker\":\"worker-7079\"}],\"activeapps\":[{\"id\":\"app-1\","
                    + "\"state\":\"RUNNING\",\"cores\":1}],\"completeddrivers\":[]}");
    assertThat(SparkCluster.describeDriver(master, "driver-1"))
        .isEqualTo(
            "driver driver-1: RUNNING on worker-7079; application app-1 RUNNING, 1 executor"
                + " core(s)");
    assertThat(SparkCluster.describeDriver(master, "driver-2"))
        .isEqualTo("driver driver-2: unknown to the Spark master");
    StackPaths paths = new StackPaths(home);
    assertThat(SparkCluster.describeDriver(paths)).isEmpty();
    Files.createDirectories(paths.run());
    Files.writeString(SparkCluster.driverFile(paths), "driver-1\t" + freePort() + "\n");
    assertThat(SparkCluster.describeDriver(paths).orElseThrow())
        .startsWith("driver driver-1: the Spark master does not answer on port");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void sparksLogKeepsTaskFaultsAndRetriesButNotEveryTask() throws Exception {
    java.util.Properties p = new java.util.Properties();
    p.load(new java.io.StringReader(SparkCluster.log4jProperties()));
    assertThat(p.getProperty("logger.tasks.name"))
        .isEqualTo("org.apache.spark.scheduler.TaskSetManager");
    java.util.regex.Pattern kept =
        java.util.regex.Pattern.compile(p.getProperty("logger.tasks.filter.faults.regex"));
    for (String line :
        List.of(
            "Task 109 failed because while it was being computed, its executor exited for a"
                + " reason unrelated to the task. Not counting this failure towards the maximum",
            "Lost task 1.0 in stage 7.0 (TID 31) (127.0.0.1 executor 2): ExecutorLostFailure",
            "Starting task 2.1 in stage 12.0 (TID 40) (127.0.0.1, executor 3, partition 2)",
            "Resubmitted ShuffleMapTask(5, 0), so marking it as still running")) {
      assertThat(kept.matcher(line).matches()).as(line).isTrue();
    }
    for (String line :
        List.of(
            "Starting task 2.0 in stage 12.0 (TID 40) (127.0.0.1, executor 3, partition 2)",
            "Finished task 2.1 in stage 12.0 (TID 40) in 120 ms on 127.0.0.1 (executor 3) (4/4)")) {
      assertThat(kept.matcher(line).matches()).as(line).isFalse();
    }
    assertThat(p.getProperty("logger.info1.name")).isEqualTo("io.moodstream");
  }

  @Test
  void sparkHomeLinksWhatAClusterProvidesAndLeavesOutWhatTheEmrJarShadesIn() throws Exception {
    Path emr = jar(home.resolve("emr.jar"), "io/moodstream/A.class", "org/apache/kafka/K.class");
    Path ours = jar(home.resolve("moodstream-schema.jar"), "io/moodstream/A.class");
    Path kafka = jar(home.resolve("kafka-clients.jar"), "org/apache/kafka/K.class");
    Path spark = jar(home.resolve("spark-core.jar"), "org/apache/spark/S.class");
    Files.createDirectories(home.resolve("classes"));
    String cp =
        String.join(
            java.io.File.pathSeparator,
            ours.toString(),
            kafka.toString(),
            spark.toString(),
            home.resolve("classes").toString());
    assertThat(SparkCluster.providedJars(cp, emr)).containsExactly(spark);
  }

  @Test
  void everyPartOfTheClusterHasAHeapAndTheyFitTheMachine() {
    List<ChildSpec> plan = clusterPlan();
    long mb = 0;
    Set<String> without = new HashSet<>();
    for (ChildSpec s : plan) {
      if (s.heap() == null) {
        without.add(s.id());
      } else {
        mb += LocalConfig.heapMegabytes(s.heap());
      }
    }
    assertThat(without).containsExactlyInAnyOrder("topics", "tables");
    assertThat(mb).as("heaps in MB").isBetween(4_000L, 6_000L);
  }

  static Path jar(Path file, String... entries) throws IOException {
    try (OutputStream o = Files.newOutputStream(file);
        ZipOutputStream z = new ZipOutputStream(o)) {
      for (String e : entries) {
        z.putNextEntry(new ZipEntry(e));
        z.write(new byte[] {1});
        z.closeEntry();
      }
    }
    return file;
  }

  @Test
  void aPartWhoseModuleIsNotBuiltIsRefusedByThePreflightNotStarted(@TempDir Path empty) {
    StackPaths paths = new StackPaths(empty);
    List<ChildSpec> plan =
        StackPlan.single(config(Map.of()), paths, LocalMain.parseUp(List.of()), NO_EFFECTS);
    assertThat(plan.stream().flatMap(c -> c.toString().lines()))
        .anyMatch(l -> l.contains(LaunchFacts.NOT_BUILT + "streaming"));
    List<String> problems =
        new LocalStack(config(Map.of()), paths, System.out).preflight(plan, List.of("streaming"));
    assertThat(problems).anyMatch(p -> p.startsWith("streaming: not built in streaming/"));
  }
}
