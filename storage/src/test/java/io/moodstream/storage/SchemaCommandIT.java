package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.broker.KafkaBroker;
import io.moodstream.schema.kafka.KafkaTopics;
import io.moodstream.storage.testing.MiniHBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schema apply} as the EMR step runs it: configured only through {@code spark.moodstream.*}
 * system properties (what spark-submit hands the driver), against a real broker and HBase. Topics
 * and tables together; a dry run changes neither.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaCommandIT {
  @TempDir static Path dir;
  static KafkaBroker kafka;
  static Admin admin;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaBroker.start(KafkaBroker.Options.defaults(dir.resolve("kafka")));
    admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    MiniHBase.get();
    System.setProperty("spark.moodstream.kafka.bootstrap.servers", kafka.bootstrapServers());
    System.setProperty("spark.moodstream.kafka.topic.posts.partitions", "3");
    System.setProperty("spark.moodstream.kafka.client.client.id", "schema-apply-it");
    System.setProperty("spark.moodstream.hbase.zookeeper.quorum", "127.0.0.1");
    System.setProperty(
        "spark.moodstream.hbase.zookeeper.port",
        String.valueOf(MiniHBase.get().getZkCluster().getClientPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    for (String k : System.getProperties().stringPropertyNames()) {
      if (k.startsWith("spark.moodstream.")) {
        System.clearProperty(k);
      }
    }
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SchemaCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      String.valueOf(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  private static List<String> topics() throws Exception {
    return admin.listTopics().names().get().stream()
        .filter(t -> t.startsWith("moodstream."))
        .sorted()
        .toList();
  }

  @Test
  @Order(1)
  void aDryRunShowsTheTopicsAndTablesItWouldCreateAndChangesNothing() throws Exception {
    String[] r = run("apply", "--dry-run");
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1])
        .contains("Dry run against Kafka at " + kafka.bootstrapServers())
        .contains(
            "Kafka topics: would create moodstream.posts (partitions=3, replication=1,"
                + " retention.ms=604800000, min.insync.replicas=1)")
        .contains("would create moodstream.deletes")
        .contains("would create moodstream.dlq")
        .contains("Dry run against HBase at 127.0.0.1:");
    assertThat(topics()).isEmpty();
  }

  @Test
  @Order(2)
  void applyCreatesTopicsAndTablesAndASecondRunChangesNothing() throws Exception {
    String[] first = run("apply");
    assertThat(first[0]).as(first[2]).isEqualTo("0");
    assertThat(first[1]).contains("Kafka topics: create moodstream.posts");
    assertThat(topics())
        .containsExactly("moodstream.deletes", "moodstream.dlq", "moodstream.posts");
    TopicDescription posts =
        admin
            .describeTopics(List.of(KafkaTopics.POSTS.name()))
            .allTopicNames()
            .get()
            .get(KafkaTopics.POSTS.name());
    assertThat(posts.partitions()).hasSize(3);
    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, KafkaTopics.POSTS.name());
    assertThat(
            admin.describeConfigs(List.of(r)).all().get().get(r).get("min.insync.replicas").value())
        .isEqualTo("1");
    assertThat(
            MiniHBase.connection()
                .getAdmin()
                .tableExists(org.apache.hadoop.hbase.TableName.valueOf("moodstream:agg_1m")))
        .isTrue();

    String[] again = run("apply");
    assertThat(again[0]).isEqualTo("0");
    assertThat(again[1])
        .contains("Kafka topics: no changes")
        .contains("Schema is up to date: no changes.");
  }

  @Test
  @Order(3)
  void aChangedRetentionIsAlignedAndOnlyKafkaCanBeApplied() throws Exception {
    System.setProperty("spark.moodstream.kafka.topic.dlq.retention", "2d");
    try {
      String[] dry = run("apply", "--only", "kafka", "--dry-run");
      assertThat(dry[1])
          .contains("would set moodstream.dlq retention.ms 2592000000 -> 172800000")
          .doesNotContain("HBase");
      String[] r = run("apply", "--only=kafka");
      assertThat(r[0]).isEqualTo("0");
      assertThat(r[1]).contains("set moodstream.dlq retention.ms 2592000000 -> 172800000");
      assertThat(run("apply", "--only", "kafka")[1]).contains("Kafka topics: no changes");
    } finally {
      System.clearProperty("spark.moodstream.kafka.topic.dlq.retention");
    }
  }

  @Test
  @Order(4)
  void anUnreachableKafkaIsAClearFailure() throws Exception {
    String saved = System.getProperty("spark.moodstream.kafka.bootstrap.servers");
    System.setProperty(
        "spark.moodstream.kafka.bootstrap.servers", "127.0.0.1:" + KafkaBroker.freePort());
    System.setProperty("spark.moodstream.kafka.client.default.api.timeout.ms", "3000");
    System.setProperty("spark.moodstream.kafka.client.request.timeout.ms", "2000");
    try {
      String[] r = run("apply", "--only", "kafka");
      assertThat(r[0]).isEqualTo("1");
      assertThat(r[2]).contains("cannot apply the topics to Kafka at 127.0.0.1:");
    } finally {
      System.setProperty("spark.moodstream.kafka.bootstrap.servers", saved);
      System.clearProperty("spark.moodstream.kafka.client.default.api.timeout.ms");
      System.clearProperty("spark.moodstream.kafka.client.request.timeout.ms");
    }
  }
}
