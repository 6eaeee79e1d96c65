package io.moodstream.streaming;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.kafka.KafkaTopics;
import io.moodstream.storage.testing.MiniHBase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Shared plumbing of the ITs: topics, producing, reading HBase back, child JVMs. */
final class ItSupport {
  private ItSupport() {}

  static void createTopics(String bootstrap, int postPartitions) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(KafkaTopics.POSTS.name(), postPartitions, (short) 1),
                  new NewTopic(KafkaTopics.DELETES.name(), 1, (short) 1),
                  new NewTopic(KafkaTopics.DLQ.name(), 1, (short) 1)))
          .all()
          .get();
    }
  }

  static KafkaProducer<String, String> producer(String bootstrap) {
    return producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 5));
  }

  /** A String producer with acks=all and {@code settings}. */
  static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> settings) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.putAll(settings);
    return new KafkaProducer<>(p);
  }

  static void send(String bootstrap, String topic, List<String> values) throws Exception {
    try (KafkaProducer<String, String> p = producer(bootstrap)) {
      for (String v : values) {
        p.send(new ProducerRecord<>(topic, null, v));
      }
      p.flush();
    }
  }

  /** Sends raw record values (binary post records among them), no key, acks=all. */
  static void sendBytes(String bootstrap, String topic, List<byte[]> values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (byte[] v : values) {
        producer.send(new ProducerRecord<>(topic, null, v));
      }
      producer.flush();
    }
  }

  /** Every record value of a topic (from the beginning). */
  static List<String> readAll(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, String> r : c.poll(java.time.Duration.ofMillis(500))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }

  /** The job's configuration for this test, as MOODSTREAM_* environment entries. */
  static Map<String, String> env(String bootstrap, Path dir, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put(CommonConfig.KAFKA_BOOTSTRAP_SERVERS.envName(), bootstrap);
    env.put(StreamingConfig.SPARK_MASTER.envName(), "local[2]");
    env.put(StreamingConfig.SHUFFLE_PARTITIONS.envName(), "2");
    env.put(StreamingConfig.CHECKPOINT_LOCATION.envName(), dir.resolve("checkpoint").toString());
    env.put(StreamingConfig.STATUS_FILE.envName(), dir.resolve("status.json").toString());
    env.put(StreamingConfig.STOP_FILE.envName(), dir.resolve("stop").toString());
    env.put(StreamingConfig.TRIGGER_INTERVAL.envName(), "200ms");
    env.putAll(extra);
    return env;
  }

  /** {@link #env} plus the mini cluster's ZooKeeper, loaded as the job's configuration. */
  static MoodstreamConfig config(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put(CommonConfig.HBASE_ZOOKEEPER_QUORUM.envName(), "127.0.0.1");
    all.put(
        CommonConfig.HBASE_ZOOKEEPER_PORT.envName(),
        String.valueOf(MiniHBase.get().getZkCluster().getClientPort()));
    return MoodstreamConfig.load(StreamingConfig.KEYS, all, null);
  }

  /**
   * Every cell of every Moodstream table: table → "rowhex family:qualifier" → value hex. Cell
   * timestamps are left out: two runs are equal when they store the same values.
   */
  static Map<String, Map<String, String>> snapshot(HBaseLayout layout) throws IOException {
    Map<String, Map<String, String>> out = new TreeMap<>();
    HexFormat hex = HexFormat.of();
    for (HBaseLayout.TableSpec t : layout.tables()) {
      Map<String, String> cells = new TreeMap<>();
      try (Table table =
              MiniHBase.connection().getTable(TableName.valueOf(layout.qualified(t.name())));
          ResultScanner s = table.getScanner(new Scan())) {
        for (Result r : s) {
          for (Cell c : r.rawCells()) {
            cells.put(
                hex.formatHex(CellUtil.cloneRow(c))
                    + " "
                    + new String(CellUtil.cloneFamily(c))
                    + ":"
                    + hex.formatHex(CellUtil.cloneQualifier(c)),
                hex.formatHex(CellUtil.cloneValue(c)));
          }
        }
      }
      out.put(t.name(), cells);
    }
    return out;
  }

  /** A {@code StreamMain} child JVM on the test classpath, its output in {@code log}. */
  static Process startChild(Map<String, String> env, Path workDir, Path log, String... args)
      throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-")
          || a.startsWith("-Djdk.")
          || a.startsWith("-Dorg.apache.hbase")
          || a.startsWith("-Duser.timezone")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add(StreamMain.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().putAll(env);
    pb.environment().put(CommonConfig.HBASE_ZOOKEEPER_QUORUM.envName(), "127.0.0.1");
    pb.environment()
        .put(
            CommonConfig.HBASE_ZOOKEEPER_PORT.envName(),
            String.valueOf(MiniHBase.get().getZkCluster().getClientPort()));
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }
}
