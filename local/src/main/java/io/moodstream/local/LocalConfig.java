package io.moodstream.local;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keys of the local stack ({@code ./moodstream up}). Kafka's port comes from {@code
 * kafka.bootstrap.servers} and HBase's ZooKeeper port from {@code hbase.zookeeper.port}, so every
 * component sees the same addresses. Default heaps add up to 2.7 GB, inside a 4 GB budget.
 */
final class LocalConfig {
  private LocalConfig() {}

  static final ConfigKey<Integer> KAFKA_CONTROLLER_PORT =
      ConfigKey.integer(
          "local.kafka.controller.port",
          9093,
          1,
          65_535,
          "KRaft controller port of the local broker");
  static final ConfigKey<Integer> HBASE_MASTER_PORT =
      ConfigKey.integer(
          "local.hbase.master.port", 16_000, 1, 65_535, "RPC port of the local HBase master");
  static final ConfigKey<Integer> HBASE_REGIONSERVER_PORT =
      ConfigKey.integer(
          "local.hbase.regionserver.port",
          16_020,
          1,
          65_535,
          "RPC port of the local HBase region server");
  static final ConfigKey<Integer> REST_PORT =
      ConfigKey.integer(
          "local.rest.port", 8080, 1, 65_535, "port of the REST service and dashboard");
  static final ConfigKey<String> HEAP_KAFKA =
      ConfigKey.string("local.heap.kafka", "384m", "-Xmx of the Kafka broker");
  static final ConfigKey<String> HEAP_HBASE =
      ConfigKey.string("local.heap.hbase", "768m", "-Xmx of HBase standalone");
  static final ConfigKey<String> HEAP_STREAM =
      ConfigKey.string(
          "local.heap.stream",
          "1g",
          "-Xmx of the Spark streaming job (driver and local executors)");
  static final ConfigKey<String> HEAP_REST =
      ConfigKey.string("local.heap.rest", "256m", "-Xmx of the REST service");
  static final ConfigKey<String> HEAP_INGEST =
      ConfigKey.string("local.heap.ingest", "256m", "-Xmx of the ingest source");
  static final ConfigKey<Boolean> CLASS_ARCHIVES =
      ConfigKey.bool(
          "local.class.archives",
          true,
          "class data sharing for the job, REST and ingest: their first start records the classes"
              + " they load (in each module's target/class-archives), later starts map them and start"
              + " on about half the CPU");

  static final ConfigKey<Integer> RESTART_BUDGET =
      ConfigKey.integer(
          "local.restart.budget",
          5,
          0,
          1000,
          "restarts of a crashed part before it is reported as failed; the count resets after"
              + " local.restart.healthy.period up");
  static final ConfigKey<Duration> RESTART_BACKOFF =
      ConfigKey.duration(
          "local.restart.backoff",
          Duration.ofSeconds(1),
          Duration.ZERO,
          "wait before the first restart of a crashed part; doubles with each further restart");
  static final ConfigKey<Duration> RESTART_BACKOFF_MAX =
      ConfigKey.duration(
          "local.restart.backoff.max",
          Duration.ofMinutes(1),
          Duration.ZERO,
          "longest wait between restarts of a crashed part");
  static final ConfigKey<Duration> RESTART_HEALTHY_PERIOD =
      ConfigKey.duration(
          "local.restart.healthy.period",
          Duration.ofMinutes(10),
          Duration.ofSeconds(1),
          "how long a restarted part must stay up for its restart budget to be full again");

  // --------------------------------------------------------------- up --cluster

  static final ConfigKey<List<String>> CLUSTER_KAFKA_PORTS =
      ConfigKey.list(
          "local.cluster.kafka.ports",
          List.of("9092", "9094", "9096"),
          "client ports of the three Kafka brokers of up --cluster");
  static final ConfigKey<List<String>> CLUSTER_KAFKA_CONTROLLER_PORTS =
      ConfigKey.list(
          "local.cluster.kafka.controller.ports",
          List.of("9093", "9095", "9097"),
          "KRaft controller ports of the three Kafka brokers of up --cluster");
  static final ConfigKey<List<String>> CLUSTER_HBASE_REGIONSERVER_PORTS =
      ConfigKey.list(
          "local.cluster.hbase.regionserver.ports",
          List.of("16020", "16022"),
          "RPC ports of the HBase region servers of up --cluster (one per region server)");
  static final ConfigKey<Integer> CLUSTER_SPARK_MASTER_PORT =
      ConfigKey.integer(
          "local.cluster.spark.master.port",
          7077,
          1,
          65_535,
          "RPC port of the Spark standalone master of up --cluster");
  static final ConfigKey<Integer> CLUSTER_SPARK_MASTER_WEBUI_PORT =
      ConfigKey.integer(
          "local.cluster.spark.master.webui.port",
          8081,
          1,
          65_535,
          "web UI (and /json/ status) port of the Spark master of up --cluster");
  static final ConfigKey<List<String>> CLUSTER_SPARK_WORKER_PORTS =
      ConfigKey.list(
          "local.cluster.spark.worker.ports",
          List.of("7078", "7079"),
          "RPC ports of the Spark workers of up --cluster (one per worker)");
  static final ConfigKey<Integer> CLUSTER_SPARK_WORKER_CORES =
      ConfigKey.integer(
          "local.cluster.spark.worker.cores",
          1,
          1,
          64,
          "cores each Spark worker offers; the driver (--deploy-mode cluster) takes one of them");
  static final ConfigKey<String> CLUSTER_SPARK_WORKER_MEMORY =
      ConfigKey.string(
          "local.cluster.spark.worker.memory",
          "1g",
          "memory each Spark worker offers to the driver and executors it runs");
  static final ConfigKey<String> CLUSTER_KAFKA_SSL_KEYSTORE =
      ConfigKey.string(
          "local.cluster.kafka.ssl.keystore",
          "",
          "PKCS12 keystore of the brokers of up --cluster; when set they listen on SSL only (clients"
              + " then need kafka.client.security.protocol=SSL and a truststore)");
  static final ConfigKey<String> CLUSTER_KAFKA_SSL_KEYSTORE_PASSWORD =
      ConfigKey.secret(
          "local.cluster.kafka.ssl.keystore.password",
          "password of local.cluster.kafka.ssl.keystore");
  static final ConfigKey<String> CLUSTER_KAFKA_SSL_TRUSTSTORE =
      ConfigKey.string(
          "local.cluster.kafka.ssl.truststore",
          "",
          "PKCS12 truststore the SSL brokers of up --cluster use to verify each other");
  static final ConfigKey<String> CLUSTER_KAFKA_SSL_TRUSTSTORE_PASSWORD =
      ConfigKey.secret(
          "local.cluster.kafka.ssl.truststore.password",
          "password of local.cluster.kafka.ssl.truststore");
  static final ConfigKey<String> CLUSTER_HEAP_KAFKA =
      ConfigKey.string("local.cluster.heap.kafka", "256m", "-Xmx of each of the three brokers");
  static final ConfigKey<String> CLUSTER_HEAP_ZOOKEEPER =
      ConfigKey.string("local.cluster.heap.zookeeper", "128m", "-Xmx of HBase's ZooKeeper");
  static final ConfigKey<String> CLUSTER_HEAP_HBASE_MASTER =
      ConfigKey.string("local.cluster.heap.hbase.master", "256m", "-Xmx of the HBase master");
  static final ConfigKey<String> CLUSTER_HEAP_HBASE_REGIONSERVER =
      ConfigKey.string(
          "local.cluster.heap.hbase.regionserver", "512m", "-Xmx of each HBase region server");
  static final ConfigKey<String> CLUSTER_HEAP_SPARK_DAEMON =
      ConfigKey.string(
          "local.cluster.heap.spark.daemon", "192m", "-Xmx of the Spark master and each worker");
  static final ConfigKey<String> CLUSTER_HEAP_SPARK_DRIVER =
      ConfigKey.string(
          "local.cluster.heap.spark.driver",
          "768m",
          "--driver-memory of the streaming job (runs inside a worker)");
  static final ConfigKey<String> CLUSTER_HEAP_SPARK_EXECUTOR =
      ConfigKey.string(
          "local.cluster.heap.spark.executor", "768m", "--executor-memory of the streaming job");

  /** up's own keys: its children are not given them ({@link #withoutOwnKeys}). */
  static final List<ConfigKey<?>> OWN_KEYS =
      List.of(
          KAFKA_CONTROLLER_PORT,
          HBASE_MASTER_PORT,
          HBASE_REGIONSERVER_PORT,
          REST_PORT,
          HEAP_KAFKA,
          HEAP_HBASE,
          HEAP_STREAM,
          HEAP_REST,
          HEAP_INGEST,
          CLASS_ARCHIVES,
          RESTART_BUDGET,
          RESTART_BACKOFF,
          RESTART_BACKOFF_MAX,
          RESTART_HEALTHY_PERIOD,
          CLUSTER_KAFKA_PORTS,
          CLUSTER_KAFKA_CONTROLLER_PORTS,
          CLUSTER_HBASE_REGIONSERVER_PORTS,
          CLUSTER_SPARK_MASTER_PORT,
          CLUSTER_SPARK_MASTER_WEBUI_PORT,
          CLUSTER_SPARK_WORKER_PORTS,
          CLUSTER_SPARK_WORKER_CORES,
          CLUSTER_SPARK_WORKER_MEMORY,
          CLUSTER_KAFKA_SSL_KEYSTORE,
          CLUSTER_KAFKA_SSL_KEYSTORE_PASSWORD,
          CLUSTER_KAFKA_SSL_TRUSTSTORE,
          CLUSTER_KAFKA_SSL_TRUSTSTORE_PASSWORD,
          CLUSTER_HEAP_KAFKA,
          CLUSTER_HEAP_ZOOKEEPER,
          CLUSTER_HEAP_HBASE_MASTER,
          CLUSTER_HEAP_HBASE_REGIONSERVER,
          CLUSTER_HEAP_SPARK_DAEMON,
          CLUSTER_HEAP_SPARK_DRIVER,
          CLUSTER_HEAP_SPARK_EXECUTOR);

  static final List<ConfigKey<?>> KEYS = CommonConfig.plus(OWN_KEYS);

  /**
   * Removes up's own keys from a child's environment, which starts as the launcher's: no child
   * reads them, and each would warn that a {@code MOODSTREAM_LOCAL_*} variable is not one of its
   * keys.
   */
  static void withoutOwnKeys(Map<String, String> childEnv) {
    for (ConfigKey<?> k : OWN_KEYS) {
      childEnv.remove(k.envName());
      childEnv.remove(k.envName() + "_FILE");
    }
  }

  /**
   * Partitions of the single stack's posts topic and of its job's shuffle, unless configured: one
   * per core, at most 4. The job runs local[*], one task per core at a time, and each task costs a
   * batch ~5 ms of CPU whatever its rows: on 2 cores, 2 partitions instead of 4 cut a paced batch
   * from 155-189 to 136-149 ms (docs/perf/e2e.md).
   */
  static int localPartitions() {
    return Math.min(4, Runtime.getRuntime().availableProcessors());
  }

  /** The port of the first {@code host:port} of {@code kafka.bootstrap.servers}. */
  static int kafkaPort(String bootstrap) {
    String first = bootstrap.split(",")[0].trim();
    try {
      return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("kafka.bootstrap.servers '" + bootstrap + "' has no port");
    }
  }

  /** The integer ports of a list key, with a message naming the key when one is not a port. */
  static List<Integer> ports(MoodstreamConfig config, ConfigKey<List<String>> key, int expected) {
    List<String> values = config.get(key);
    if (values.size() != expected) {
      throw new IllegalArgumentException(
          key.name() + " must list " + expected + " ports, has " + values.size() + ": " + values);
    }
    List<Integer> l = new ArrayList<>();
    for (String v : values) {
      try {
        int p = Integer.parseInt(v);
        if (p < 1 || p > 65_535) {
          throw new NumberFormatException();
        }
        l.add(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key.name() + ": '" + v + "' is not a port");
      }
    }
    return List.copyOf(l);
  }

  /** Megabytes of a -Xmx value such as 384m or 1g. */
  static long heapMegabytes(String heap) {
    String h = heap.trim().toLowerCase(java.util.Locale.ROOT);
    long n = Long.parseLong(h.substring(0, h.length() - 1));
    return switch (h.charAt(h.length() - 1)) {
      case 'g' -> n * 1024;
      case 'm' -> n;
      default ->
          throw new IllegalArgumentException("heap '" + heap + "' must look like 384m or 1g");
    };
  }
}
