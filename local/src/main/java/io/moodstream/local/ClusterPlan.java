package io.moodstream.local;

import io.moodstream.broker.KafkaBroker;
import io.moodstream.local.ChildSpec.Port;
import io.moodstream.local.ChildSpec.Readiness;
import io.moodstream.local.ChildSpec.Restart;
import io.moodstream.local.ChildSpec.Start;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code up --cluster} as data: three Kafka KRaft brokers (a three-voter quorum, topics replicated
 * three times, min ISR 2), HBase as ZooKeeper, a master and two region servers, a Spark standalone
 * master and two workers, the job submitted to them as the {@code -emr} jar in cluster deploy mode
 * with {@code --supervise}, then REST and ingest as in {@code up}.
 */
final class ClusterPlan {
  private ClusterPlan() {}

  static final int BROKERS = 3;
  static final int REGION_SERVERS = 2;
  static final int WORKERS = 2;

  static List<ChildSpec> plan(
      MoodstreamConfig config, StackPaths paths, LocalMain.UpOptions o, StackPlan.Effects effects) {
    List<ChildSpec> plan = new ArrayList<>();
    List<String> brokers = kafka(config, paths, plan);
    List<String> regionServers = hbase(config, paths, plan);

    plan.add(StackPlan.topics(effects, brokers));
    plan.add(
        StackPlan.schemaStep(
            "tables",
            "waiting for HBase, then applying HBase tables",
            () -> {
              long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
              while (!effects.hbaseHealthy()) {
                if (System.nanoTime() > deadline) {
                  throw new java.io.IOException("HBase does not answer admin calls after 3 min");
                }
                Thread.sleep(1000);
              }
              effects.applyHBaseTables();
            },
            Duration.ofMinutes(3),
            regionServers));

    SparkCluster spark =
        new SparkCluster(
            paths,
            config.get(LocalConfig.CLUSTER_SPARK_MASTER_PORT),
            config.get(LocalConfig.CLUSTER_SPARK_MASTER_WEBUI_PORT));
    List<String> workers = spark(config, paths, spark, plan);

    Map<String, String> env = StackPlan.commonEnv(config);
    plan.add(StackPlan.rest(config, paths, env, effects));
    plan.add(stream(config, paths, spark, workers));
    plan.add(StackPlan.ingest(config, paths, o, env));
    return StackPlan.only(plan, o.only());
  }

  private static List<String> kafka(
      MoodstreamConfig config, StackPaths paths, List<ChildSpec> plan) {
    List<Integer> ports = LocalConfig.ports(config, LocalConfig.CLUSTER_KAFKA_PORTS, BROKERS);
    List<Integer> controllers =
        LocalConfig.ports(config, LocalConfig.CLUSTER_KAFKA_CONTROLLER_PORTS, BROKERS);
    String voters = KafkaBroker.voters(controllers);
    KafkaBroker.Tls tls = tls(config);
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= BROKERS; i++) {
      String id = "kafka-" + i;
      KafkaBroker.Options ko =
          KafkaBroker.Options.defaults(paths.data(id))
              .withPorts(ports.get(i - 1), controllers.get(i - 1))
              .withHeap(config.get(LocalConfig.CLUSTER_HEAP_KAFKA))
              .withLogFile(paths.log(id))
              .asNode(i, voters, paths.data("kafka-cluster.id"))
              .withTls(tls);
      plan.add(
          new ChildSpec(
              id,
              "kafka",
              new Start.Command(KafkaBroker.command(ko), Map.of(), () -> KafkaBroker.prepare(ko)),
              new Readiness.LogLine(KafkaBroker.READY),
              Duration.ofSeconds(120),
              StackPlan.GRACE,
              Restart.PERMANENT,
              List.of(),
              ko.heap(),
              List.of(
                  new Port(id, ports.get(i - 1)),
                  new Port(id + " controller", controllers.get(i - 1)))));
      ids.add(id);
    }
    return ids;
  }

  /** SSL-only brokers when a keystore is configured; its passwords are secrets (env or _FILE). */
  static KafkaBroker.Tls tls(MoodstreamConfig config) {
    String keystore = config.get(LocalConfig.CLUSTER_KAFKA_SSL_KEYSTORE);
    if (keystore.isBlank()) {
      return null;
    }
    String truststore = config.get(LocalConfig.CLUSTER_KAFKA_SSL_TRUSTSTORE);
    if (truststore.isBlank()) {
      throw new IllegalArgumentException(
          "local.cluster.kafka.ssl.keystore is set: set local.cluster.kafka.ssl.truststore too");
    }
    return new KafkaBroker.Tls(
        Path.of(keystore).toAbsolutePath(),
        config.require(LocalConfig.CLUSTER_KAFKA_SSL_KEYSTORE_PASSWORD),
        Path.of(truststore).toAbsolutePath(),
        config.require(LocalConfig.CLUSTER_KAFKA_SSL_TRUSTSTORE_PASSWORD));
  }

  private static List<String> hbase(
      MoodstreamConfig config, StackPaths paths, List<ChildSpec> plan) {
    Path data = paths.data("hbase-cluster");
    int zk = config.get(CommonConfig.HBASE_ZOOKEEPER_PORT);
    int master = config.get(LocalConfig.HBASE_MASTER_PORT);
    List<Integer> rsPorts =
        LocalConfig.ports(config, LocalConfig.CLUSTER_HBASE_REGIONSERVER_PORTS, REGION_SERVERS);
    plan.add(
        hbaseProcess(
            data,
            "zookeeper",
            HBaseNode.ZOOKEEPER,
            List.of(),
            zk,
            master,
            rsPorts.get(0),
            config.get(LocalConfig.CLUSTER_HEAP_ZOOKEEPER),
            new Readiness.Probe("ZooKeeper accepts connections", () -> !LocalStack.free(zk)),
            List.of(),
            List.of(new Port("zookeeper", zk))));
    plan.add(
        hbaseProcess(
            data,
            "hbase-master",
            HBaseNode.MASTER,
            List.of("start"),
            zk,
            master,
            rsPorts.get(0),
            config.get(LocalConfig.CLUSTER_HEAP_HBASE_MASTER),
            new Readiness.Probe("the master listens", () -> !LocalStack.free(master)),
            List.of("zookeeper"),
            List.of(new Port("hbase master", master))));
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= REGION_SERVERS; i++) {
      String id = "hbase-rs-" + i;
      plan.add(
          hbaseProcess(
              data,
              id,
              HBaseNode.REGION_SERVER,
              List.of("start"),
              zk,
              master,
              rsPorts.get(i - 1),
              config.get(LocalConfig.CLUSTER_HEAP_HBASE_REGIONSERVER),
              new Readiness.LogLine("Serving as "),
              List.of("hbase-master"),
              List.of(new Port(id, rsPorts.get(i - 1)))));
      ids.add(id);
    }
    return ids;
  }

  private static ChildSpec hbaseProcess(
      Path data,
      String id,
      String main,
      List<String> args,
      int zk,
      int master,
      int rs,
      String heap,
      Readiness readiness,
      List<String> needs,
      List<Port> ports) {
    Path conf = data.resolve("conf-" + id);
    return new ChildSpec(
        id,
        "hbase",
        new Start.Command(
            HBaseNode.command(conf, heap, main, args),
            Map.of(),
            () -> HBaseNode.writeConf(conf, HBaseNode.clusterSite(data, id, zk, master, rs), main)),
        readiness,
        Duration.ofSeconds(180),
        StackPlan.LONG_GRACE,
        Restart.PERMANENT,
        needs,
        heap,
        ports);
  }

  private static List<String> spark(
      MoodstreamConfig config, StackPaths paths, SparkCluster spark, List<ChildSpec> plan) {
    int masterPort = config.get(LocalConfig.CLUSTER_SPARK_MASTER_PORT);
    String daemonHeap = config.get(LocalConfig.CLUSTER_HEAP_SPARK_DAEMON);
    plan.add(
        new ChildSpec(
            "spark-master",
            "spark",
            new Start.Command(spark.masterCommand(daemonHeap), spark.env(), spark::prepareHome),
            new Readiness.LogLine(SparkCluster.MASTER_READY),
            Duration.ofSeconds(90),
            StackPlan.GRACE,
            Restart.PERMANENT,
            List.of(),
            daemonHeap,
            List.of(
                new Port("spark master", masterPort),
                new Port(
                    "spark master web UI",
                    config.get(LocalConfig.CLUSTER_SPARK_MASTER_WEBUI_PORT)))));
    List<Integer> ports =
        LocalConfig.ports(config, LocalConfig.CLUSTER_SPARK_WORKER_PORTS, WORKERS);
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= WORKERS; i++) {
      String id = "spark-worker-" + i;
      Path work = paths.data("cluster").resolve("spark-work-" + i);
      plan.add(
          new ChildSpec(
              id,
              "spark",
              new Start.Command(
                  spark.workerCommand(
                      work,
                      ports.get(i - 1),
                      config.get(LocalConfig.CLUSTER_SPARK_WORKER_CORES),
                      config.get(LocalConfig.CLUSTER_SPARK_WORKER_MEMORY),
                      daemonHeap),
                  spark.env(),
                  () -> Files.createDirectories(work)),
              new Readiness.LogLine(SparkCluster.WORKER_READY),
              Duration.ofSeconds(90),
              StackPlan.GRACE,
              Restart.PERMANENT,
              List.of("spark-master"),
              daemonHeap,
              List.of(new Port(id, ports.get(i - 1)))));
      ids.add(id);
    }
    return ids;
  }

  /**
   * The job: {@code spark-submit --deploy-mode cluster --supervise} of the {@code -emr} jar. Spark
   * restarts the driver when it dies ({@code --supervise}); the stack stops it through the stop
   * marker when it stops.
   */
  private static ChildSpec stream(
      MoodstreamConfig config, StackPaths paths, SparkCluster spark, List<String> workers) {
    List<String> conf = submitConf(jobSettings(config, paths), spark.jobJavaOptions());
    // Secrets never go into SparkConf (the UI and event logs show it): the standalone submit
    // client hands its environment to the driver, so the launcher's MOODSTREAM_* variables (a
    // Kafka truststore password, say) reach the job as they are; the settings above win.
    Map<String, String> env = spark.env();
    List<String> submit =
        spark.submitCommand(
            conf,
            config.get(LocalConfig.CLUSTER_HEAP_SPARK_DRIVER),
            config.get(LocalConfig.CLUSTER_HEAP_SPARK_EXECUTOR));
    List<String> needs = new ArrayList<>(List.of("topics", "tables"));
    needs.addAll(workers);
    return new ChildSpec(
        "stream",
        "stream",
        new Start.Step(
            "spark-submit --deploy-mode cluster --supervise " + spark.emrJar().getFileName(),
            () -> spark.submit(submit, env, Duration.ofMinutes(3)),
            () -> spark.stopDriver(StackPlan.stopFile(paths), StackPlan.LONG_GRACE)),
        new Readiness.Alive(),
        Duration.ofMinutes(3),
        StackPlan.LONG_GRACE,
        Restart.TEMPORARY,
        needs,
        (LocalConfig.heapMegabytes(config.get(LocalConfig.CLUSTER_HEAP_SPARK_DRIVER))
                + LocalConfig.heapMegabytes(config.get(LocalConfig.CLUSTER_HEAP_SPARK_EXECUTOR)))
            + "m",
        List.of());
  }

  /** The job's Moodstream settings: the stack's addresses, its checkpoint, marker and status. */
  static Map<String, String> jobSettings(MoodstreamConfig config, StackPaths paths) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (ConfigKey<?> k : StackPlan.SHARED_KEYS) {
      settings.put(k.name(), String.valueOf(config.get(k)));
    }
    settings.put(
        "streaming.checkpoint.location",
        paths.data("checkpoints").resolve("stream-cluster").toString());
    // where the driver runs is Spark's choice: marker and status as file system URIs
    settings.put("streaming.status.file", StackPlan.statusFile(paths).toUri().toString());
    settings.put("streaming.stop.file", StackPlan.stopFile(paths).toUri().toString());
    return settings;
  }

  /**
   * The {@code --conf} settings of the job: every Moodstream setting as {@code
   * spark.moodstream.<key>} (the cluster contract), the JVM options of driver and executors, one
   * core per executor.
   */
  static List<String> submitConf(Map<String, String> settings, String javaOptions) {
    List<String> conf = new ArrayList<>();
    settings.forEach((k, v) -> conf.add("spark.moodstream." + k + "=" + v));
    conf.add("spark.driver.extraJavaOptions=" + javaOptions);
    conf.add("spark.executor.extraJavaOptions=" + javaOptions);
    conf.add("spark.executor.cores=1");
    return conf;
  }
}
