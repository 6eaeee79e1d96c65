package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.broker.KafkaBroker;
import io.moodstream.schema.hbase.HBaseLayout;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code moodstream up} as a user runs it, in its own JVM, with the real Kafka broker and HBase
 * standalone: it starts them, applies the schema, reports status, and {@code down} from "another
 * terminal" stops everything with no orphan processes.
 */
class LocalStackIT {
  @TempDir Path home;

  @Test
  void upStartsKafkaHBaseAndTheSchemaAndDownLeavesNoOrphans() throws Exception {
    int kafka = KafkaBroker.freePort();
    int zk = KafkaBroker.freePort();
    Map<String, String> env =
        Map.of(
            "MOODSTREAM_HOME", home.toString(),
            "MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafka,
            "MOODSTREAM_LOCAL_KAFKA_CONTROLLER_PORT", Integer.toString(KafkaBroker.freePort()),
            "MOODSTREAM_HBASE_ZOOKEEPER_PORT", Integer.toString(zk),
            "MOODSTREAM_LOCAL_HBASE_MASTER_PORT", Integer.toString(KafkaBroker.freePort()),
            "MOODSTREAM_LOCAL_HBASE_REGIONSERVER_PORT", Integer.toString(KafkaBroker.freePort()));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(LocalMain.class.getName());
    cmd.addAll(List.of("up", "--only", "kafka,hbase,schema"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(home.toFile());
    pb.environment().putAll(env);
    Process up = pb.start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.append(line).append('\n');
        if (line.startsWith("Logs in")) {
          break;
        }
      }
      String text = output.toString();
      assertThat(text)
          .as(text)
          .contains("kafka   ready")
          .contains("hbase   ready")
          .contains(
              "Applied "
                  + (1 + HBaseLayout.of("GZ", Duration.ofDays(90), 1).tables().size())
                  + " change(s).");
      assertThat(text)
          .containsPattern("kafka +\\d+ +" + kafka + " +running")
          .containsPattern("hbase +\\d+ +" + zk + " +running");

      StackPaths paths = new StackPaths(home);
      long kafkaPid = ChildProcess.running("kafka", paths).orElseThrow().pid();
      long hbasePid = ChildProcess.running("hbase", paths).orElseThrow().pid();
      assertThat(Files.readString(paths.log("hbase"))).contains("HMaster");

      Configuration conf = HBaseConfiguration.create();
      conf.set("hbase.zookeeper.quorum", "127.0.0.1");
      conf.setInt("hbase.zookeeper.property.clientPort", zk);
      try (Connection c = ConnectionFactory.createConnection(conf);
          Admin admin = c.getAdmin()) {
        assertThat(admin.tableExists(TableName.valueOf("moodstream:agg_1m"))).isTrue();
        assertThat(admin.tableExists(TableName.valueOf("moodstream:extremes_1m"))).isTrue();
      }

      ByteArrayOutputStream down = new ByteArrayOutputStream();
      assertThat(LocalMain.down(paths, new PrintStream(down, true, StandardCharsets.UTF_8)))
          .isZero();
      assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String rest = new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(rest).contains("kafka   stopped").contains("hbase   stopped");
      assertThat(rest.indexOf("hbase   stopping")).isLessThan(rest.indexOf("kafka   stopping"));
      for (long pid : new long[] {kafkaPid, hbasePid}) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        assertThat(h.map(ProcessHandle::isAlive).orElse(false))
            .as("pid %d alive after down", pid)
            .isFalse();
      }
      assertThat(ChildProcess.running("up", paths)).isEmpty();
    } finally {
      if (up.isAlive()) {
        up.destroyForcibly();
      }
      LocalStack.stopRecorded(new StackPaths(home));
    }
  }

  @Test
  void upRefusesToStartWhenAPortIsTaken() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      io.moodstream.schema.config.MoodstreamConfig config =
          io.moodstream.schema.config.MoodstreamConfig.load(
              LocalConfig.KEYS,
              Map.of("MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + taken.getLocalPort()),
              null);
      int rc =
          LocalMain.up(
              LocalMain.parseUp(List.of("--only", "kafka")),
              config,
              new StackPaths(home),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(rc).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("port " + taken.getLocalPort() + " (kafka) is in use");
      assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("starting");
    }
  }
}
