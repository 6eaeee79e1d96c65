package io.moodstream.local;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigKey;
import java.util.ArrayList;
import java.util.List;

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

  static final List<ConfigKey<?>> KEYS = keys();

  private static List<ConfigKey<?>> keys() {
    List<ConfigKey<?>> k = new ArrayList<>(CommonConfig.KEYS);
    k.addAll(
        List.of(
            KAFKA_CONTROLLER_PORT,
            HBASE_MASTER_PORT,
            HBASE_REGIONSERVER_PORT,
            REST_PORT,
            HEAP_KAFKA,
            HEAP_HBASE,
            HEAP_STREAM,
            HEAP_REST,
            HEAP_INGEST));
    return List.copyOf(k);
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
