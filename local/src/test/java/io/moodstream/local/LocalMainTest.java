package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMainTest {
  @TempDir Path home;

  @Test
  void parsesUpOptions() {
    LocalMain.UpOptions o =
        LocalMain.parseUp(
            List.of(
                "--source",
                "replay",
                "a.json",
                "b.json.bz2",
                "--topics",
                "apple,pie",
                "--port",
                "9090",
                "--fresh",
                "--yes"));
    assertThat(o.source()).isEqualTo("replay");
    assertThat(o.sourceArgs()).containsExactly("a.json", "b.json.bz2");
    assertThat(o.topics()).isEqualTo("apple,pie");
    assertThat(o.port()).isEqualTo(9090);
    assertThat(o.fresh()).isTrue();
    assertThat(o.yes()).isTrue();
    assertThat(o.only()).isEqualTo(StackPlan.GROUPS);
    assertThat(o.cluster()).isFalse();
    assertThat(LocalMain.parseUp(List.of("--only", "hbase,kafka")).only())
        .containsExactly("kafka", "hbase");
    assertThat(LocalMain.parseUp(List.of("--cluster", "--only", "spark")).cluster()).isTrue();
  }

  @Test
  void rejectsBadOptionsWithTheirName() {
    assertThatThrownBy(() -> LocalMain.parseUp(List.of("--source", "myspace")))
        .hasMessageContaining("--source 'myspace'");
    assertThatThrownBy(() -> LocalMain.parseUp(List.of("--source", "replay")))
        .hasMessageContaining("needs at least one PATH");
    assertThatThrownBy(() -> LocalMain.parseUp(List.of("--port", "x")))
        .hasMessageContaining("'--port': 'x' is not an int");
    assertThatThrownBy(() -> LocalMain.parseUp(List.of("--port")))
        .hasMessageContaining("Missing required parameter for option '--port'");
    assertThatThrownBy(() -> LocalMain.parseUp(List.of("--only", "zookeeper")))
        .hasMessageContaining("unknown part 'zookeeper'");
    assertThatThrownBy(() -> LocalMain.parseUp(List.of("--turbo")))
        .hasMessageContaining("Unknown option: '--turbo'");
  }

  @Test
  void helpAndUsageErrors() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(LocalMain.run(new String[] {"up", "--help"}, o, e, home)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: moodstream up");
    assertThat(LocalMain.run(new String[] {"sideways"}, o, e, home)).isEqualTo(2);
    assertThat(LocalMain.run(new String[] {"up", "--bogus"}, o, e, home)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--bogus'");
  }

  @Test
  void downWithNothingRunningSaysSo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(
            LocalMain.down(
                new StackPaths(home), new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing is running");
  }

  @Test
  void heapsAndPortsParse() {
    assertThat(LocalConfig.heapMegabytes("384m")).isEqualTo(384);
    assertThat(LocalConfig.heapMegabytes("1g")).isEqualTo(1024);
    assertThat(LocalConfig.kafkaPort("127.0.0.1:9092,host:9093")).isEqualTo(9092);
    assertThat(ChildProcess.redact(List.of("--token=abc", "x")))
        .containsExactly("--token=******", "x");
    assertThat(
            ChildProcess.redact(
                List.of("spark.moodstream.kafka.client.ssl.truststore.password=s3cret")))
        .containsExactly("spark.moodstream.kafka.client.ssl.truststore.password=******");
    assertThat(kafkaPorts("1,2,3")).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> kafkaPorts("1,x,3"))
        .hasMessage("local.cluster.kafka.ports: 'x' is not a port");
    assertThatThrownBy(() -> kafkaPorts("1")).hasMessageContaining("must list 3 ports");
  }

  /** The three brokers' ports of a configuration that sets local.cluster.kafka.ports. */
  private static List<Integer> kafkaPorts(String value) {
    return LocalConfig.ports(
        StackPlanTest.config(Map.of(LocalConfig.CLUSTER_KAFKA_PORTS.envName(), value)),
        LocalConfig.CLUSTER_KAFKA_PORTS,
        3);
  }

  @Test
  void everyLocalKeyIsDocumented() throws Exception {
    String doc = java.nio.file.Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
    // the common keys are the schema module's to document (kafka.client is a prefix key)
    for (io.moodstream.schema.config.ConfigKey<?> k : LocalConfig.KEYS) {
      if (!k.name().startsWith("local.")) {
        continue;
      }
      assertThat(doc)
          .as("docs/CONFIGURATION.md documents %s", k.name())
          .contains("`" + k.name() + "`");
    }
  }

  @Test
  void freshDeletesTheWholeVarTree() throws Exception {
    Path var = home.resolve("var");
    java.nio.file.Files.createDirectories(var.resolve("kafka/data/moodstream.posts-0"));
    java.nio.file.Files.writeString(var.resolve("kafka/data/moodstream.posts-0/000.log"), "x");
    java.nio.file.Files.writeString(var.resolve("run.pid"), "1");
    LocalMain.deleteTree(var);
    assertThat(var).doesNotExist();
    LocalMain.deleteTree(var); // nothing there: no error
  }
}
