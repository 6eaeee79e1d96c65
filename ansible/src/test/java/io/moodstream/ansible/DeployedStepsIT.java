package io.moodstream.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What deploy.yml puts on the cluster, run for real on this machine: deploy.yml renders its steps
 * and units for a deployment pointed at a local Kafka and HBase ({@code moodstream up --only
 * kafka,hbase}, free ports), then
 *
 * <ol>
 *   <li>the schema step, twice: it creates the tables, then finds nothing to do;
 *   <li>the ingest unit's ExecStart from the installed distribution: synthetic posts into Kafka;
 *   <li>the streaming step with the -emr jar and its spark-submit arguments ({@link
 *       LocalSparkSubmit} lists the few translations), with --until-caught-up;
 *   <li>the REST unit's ExecStart: the REST API serves every post the ingest unit sent;
 *   <li>the streaming step as submitted (no --until-caught-up), stopped by writing its stop marker,
 *       as the stop step does: it exits cleanly.
 * </ol>
 *
 * The schema step runs against kafka,hbase (not kafka,hbase,schema) so that its first run has the
 * tables to create. None of the processes may warn about a configuration key it does not know.
 */
class DeployedStepsIT {
  static Path work;
  static Path node;
  static Process stack;
  static Map<String, String> stackEnv;
  static int kafkaPort;
  static int zkPort;
  static int restPort;
  static JsonNode steps;

  @BeforeAll
  static void startKafkaAndHBaseAndRenderTheDeployment() throws Exception {
    work = Rendered.tempDir("deployed-steps");
    kafkaPort = Tooling.freePort();
    zkPort = Tooling.freePort();
    restPort = Tooling.freePort();
    stackEnv = new LinkedHashMap<>();
    stackEnv.put("MOODSTREAM_HOME", work.toString());
    stackEnv.put("MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
    stackEnv.put("MOODSTREAM_LOCAL_KAFKA_CONTROLLER_PORT", Integer.toString(Tooling.freePort()));
    stackEnv.put("MOODSTREAM_HBASE_ZOOKEEPER_PORT", Integer.toString(zkPort));
    stackEnv.put("MOODSTREAM_LOCAL_HBASE_MASTER_PORT", Integer.toString(Tooling.freePort()));
    stackEnv.put("MOODSTREAM_LOCAL_HBASE_REGIONSERVER_PORT", Integer.toString(Tooling.freePort()));
    ProcessBuilder pb =
        new ProcessBuilder(local("up", "--only", "kafka,hbase"))
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("up.log").toFile());
    pb.environment().putAll(stackEnv);
    stack = pb.start();

    Path vars = work.resolve("local-deployment.yml");
    Tooling.write(
        vars,
        """
        ---
        moodstream_name: moodstream-local
        moodstream_build: false
        moodstream_kafka_bootstrap_servers: 127.0.0.1:%d
        moodstream_hbase_zookeeper_quorum: 127.0.0.1
        moodstream_hbase_zookeeper_port: %d
        moodstream_kafka_replication_factor: 1
        moodstream_kafka_posts_partitions: 2
        moodstream_stream_shuffle_partitions: 2
        moodstream_checkpoint_location: %s/checkpoints/stream
        moodstream_stop_file: %s/run/stream.stop
        moodstream_status_file: %s/run/stream-status.json
        moodstream_rest_port: %d
        moodstream_rest_heap: 256m
        moodstream_ingest_heap: 256m
        moodstream_ingest_args: [--source, synthetic, --rate, '2000', --count, '6000', --topics, 'coffee,climate change,ai']
        """
            .formatted(kafkaPort, zkPort, work, work, work, restPort));
    Tooling.playbook(
            Tooling.renderArgs(List.of("deploy.yml"), work.resolve("rendered"), "@" + vars),
            Map.of(),
            Duration.ofMinutes(5))
        .requireSuccess("rendering the local deployment");
    steps =
        Tooling.json(work.resolve("rendered/deploy/emr-AddJobFlowSteps.json"))
            .get("params")
            .get("Steps");
    // this machine's /etc/hbase/conf/hbase-site.xml (the streaming step ships EMR's with --files)
    Tooling.write(
        work.resolve("hbase-conf/hbase-site.xml"),
        """
        <?xml version="1.0"?>
        <configuration>
          <property><name>hbase.zookeeper.quorum</name><value>127.0.0.1</value></property>
          <property><name>hbase.zookeeper.property.clientPort</name><value>%d</value></property>
        </configuration>
        """
            .formatted(zkPort));
    node = work.resolve("node");
    SystemdUnitsTest.installInto(node, work.resolve("rendered/deploy/primary-node"));

    awaitLine(work.resolve("up.log"), "Logs in", Duration.ofMinutes(4));
    assertThat(Tooling.read(work.resolve("up.log"))).contains("kafka   ready", "hbase   ready");
  }

  @AfterAll
  static void stopTheStack() throws Exception {
    if (stack == null) {
      return;
    }
    Tooling.run(local("down"), work, stackEnv, Duration.ofMinutes(4));
    if (!stack.waitFor(2, TimeUnit.MINUTES)) {
      stack.destroyForcibly();
    }
    // the logs stay; Kafka's and HBase's data and the extracted distributions go
    Tooling.deleteTree(work.resolve("var"));
    Tooling.deleteTree(work.resolve("node"));
    Tooling.deleteTree(work.resolve("checkpoints"));
  }

  /** LocalMain from local's jar and classpath, as the launcher runs it. */
  static List<String> local(String... args) {
    String jar = System.getProperty("moodstream.local.jar");
    String cp =
        jar + ":" + Tooling.read(Tooling.ROOT.resolve("local/target/classpath.txt")).strip();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx256m", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", cp));
    cmd.add("io.moodstream.local.LocalMain");
    cmd.addAll(List.of(args));
    return cmd;
  }

  static void awaitLine(Path log, String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(log) || !Tooling.read(log).contains(text)) {
      assertThat(System.nanoTime())
          .as("no '%s' within %s:%n%s", text, timeout, Files.exists(log) ? Tooling.read(log) : "")
          .isLessThan(deadline);
      assertThat(stack.isAlive()).as("the stack exited:%n%s", Tooling.read(log)).isTrue();
      Thread.sleep(500);
    }
  }

  static List<String> args(int step) {
    List<String> out = new ArrayList<>();
    steps.get(step).get("HadoopJarStep").get("Args").forEach(a -> out.add(a.asText()));
    return out;
  }

  /** The value of a --conf key=value in a step's arguments. */
  static String conf(List<String> stepArgs, String key) {
    return stepArgs.stream()
        .filter(a -> a.startsWith(key + "="))
        .map(a -> a.substring(key.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no --conf " + key + " in " + stepArgs));
  }

  static Path emrJar() {
    return Path.of(System.getProperty("moodstream.emr.jar"));
  }

  static List<String> localCommand(List<String> stepArgs, String... extra) {
    List<String> withExtra = new ArrayList<>(stepArgs);
    withExtra.addAll(List.of(extra));
    return LocalSparkSubmit.translate(withExtra, emrJar(), work.resolve("hbase-conf"), "1g");
  }

  static Tooling.Result runStep(List<String> stepArgs, String... extra) {
    return Tooling.run(
        onNode(new ProcessBuilder(localCommand(stepArgs, extra))).directory(work.toFile()),
        Duration.ofMinutes(8));
  }

  /**
   * {@code pb} with the environment a step or unit has on the primary node: none of the operator's
   * {@code MOODSTREAM_*} variables (such as {@code MOODSTREAM_AWS_PYTHON}, which {@code .ci/run}
   * exports), only what the step or unit itself sets.
   */
  static ProcessBuilder onNode(ProcessBuilder pb) {
    pb.environment().keySet().removeIf(k -> k.startsWith("MOODSTREAM_"));
    return pb;
  }

  /** A unit's ExecStart and environment, with the node's paths mapped into the node directory. */
  static ProcessBuilder unit(String name) {
    Path file = node.resolve("etc/systemd/system").resolve(name);
    List<String> cmd = SystemdUnitsTest.execStart(file, node);
    ProcessBuilder pb = onNode(new ProcessBuilder(cmd)).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    for (String line : Tooling.read(file).lines().toList()) {
      if (line.startsWith("EnvironmentFile=")) {
        String path = line.substring("EnvironmentFile=".length()).replaceFirst("^-", "");
        for (String kv :
            Tooling.read(Path.of(SystemdUnitsTest.mapPaths(path, node))).lines().toList()) {
          if (!kv.isBlank() && !kv.startsWith("#")) {
            env.put(
                kv.substring(0, kv.indexOf('=')),
                SystemdUnitsTest.mapPaths(kv.substring(kv.indexOf('=') + 1), node));
          }
        }
      }
      if (line.startsWith("WorkingDirectory=")) {
        pb.directory(
            Path.of(SystemdUnitsTest.mapPaths(line.substring("WorkingDirectory=".length()), node))
                .toFile());
      }
    }
    return pb;
  }

  static final Pattern UNKNOWN_KEY =
      Pattern.compile("warning: .*(not a key this command uses|unknown key)");

  @Test
  void theDeployedStepsAndUnitsRunAgainstARealKafkaAndHBase() throws Exception {
    // 1. schema, twice
    assertThat(steps.get(1).get("Name").asText()).startsWith("moodstream schema ");
    Tooling.Result schema = runStep(args(1)).requireSuccess("the schema step");
    assertThat(schema.output()).containsPattern("Applied \\d+ change\\(s\\)\\.");
    assertThat(schema.output()).doesNotContainPattern(UNKNOWN_KEY.pattern());
    Tooling.Result again = runStep(args(1)).requireSuccess("the schema step, again");
    assertThat(again.output()).contains("Schema is up to date: no changes.");

    // 2. ingest, from its unit
    ProcessBuilder ingest = unit("moodstream-ingest.service");
    Path ingestLog = work.resolve("ingest.log");
    Process ip = ingest.redirectOutput(ingestLog.toFile()).start();
    assertThat(ip.waitFor(4, TimeUnit.MINUTES))
        .as("ingest finished:%n%s", Tooling.read(ingestLog))
        .isTrue();
    String ingestOut = Tooling.read(ingestLog);
    assertThat(ip.exitValue()).as(ingestOut).isZero();
    assertThat(ingestOut).doesNotContainPattern(UNKNOWN_KEY.pattern());
    Matcher produced = Pattern.compile("([\\d,]+) posts produced").matcher(ingestOut);
    assertThat(produced.find()).as(ingestOut).isTrue();
    long posts = Long.parseLong(produced.group(1).replace(",", ""));
    assertThat(posts).isPositive();

    // 3. the streaming step, until caught up
    assertThat(steps.get(2).get("Name").asText()).startsWith("moodstream stream ");
    Tooling.Result stream =
        runStep(args(2), "--until-caught-up").requireSuccess("the streaming step");
    assertThat(stream.output()).doesNotContainPattern(UNKNOWN_KEY.pattern());
    JsonNode status = Tooling.json(work.resolve("run/stream-status.json"));
    assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("caught-up");

    // 4. REST, from its unit: every post is served
    Path restLog = work.resolve("rest.log");
    Process rest = unit("moodstream-rest.service").redirectOutput(restLog.toFile()).start();
    try {
      long total = awaitTotal(posts, Duration.ofMinutes(2), restLog);
      assertThat(total).as("posts served by REST = posts sent by ingest").isEqualTo(posts);
      assertThat(Tooling.read(restLog)).doesNotContainPattern(UNKNOWN_KEY.pattern());
    } finally {
      rest.destroy();
      assertThat(rest.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }
    // ServeMain returns 0 from main, but the JVM reports 143 for a SIGTERM stop; the unit's
    // SuccessExitStatus=143 makes that a clean stop for systemd
    assertThat(rest.exitValue())
        .as("REST stops on SIGTERM:%n%s", Tooling.read(restLog))
        .isIn(0, 143);
    assertThat(Tooling.read(node.resolve("etc/systemd/system/moodstream-rest.service")))
        .contains("SuccessExitStatus=143");

    // 5. the streaming step as submitted, stopped through its marker
    Path jobLog = work.resolve("job.log");
    ProcessBuilder jb =
        onNode(new ProcessBuilder(localCommand(args(2))))
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(jobLog.toFile());
    Process job = jb.start();
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      while (!Tooling.json(work.resolve("run/stream-status.json"))
          .get("state")
          .asText()
          .equals("running")) {
        assertThat(job.isAlive()).as("the job exited:%n%s", Tooling.read(jobLog)).isTrue();
        assertThat(System.nanoTime())
            .as("the job never ran:%n%s", Tooling.read(jobLog))
            .isLessThan(deadline);
        Thread.sleep(500);
      }
      // as the stop step's hdfs dfs -touchz does, at the step's streaming.stop.file
      Path marker = Path.of(conf(args(2), "spark.moodstream.streaming.stop.file"));
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, "");
      assertThat(job.waitFor(2, TimeUnit.MINUTES))
          .as("the job stops after its marker:%n%s", Tooling.read(jobLog))
          .isTrue();
      assertThat(job.exitValue()).as(Tooling.read(jobLog)).isZero();
      assertThat(Tooling.json(work.resolve("run/stream-status.json")).get("state").asText())
          .isEqualTo("stopped");
    } finally {
      if (job.isAlive()) {
        job.destroyForcibly();
      }
    }
  }

  static long awaitTotal(long expected, Duration timeout, Path restLog) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    long total = -1;
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + restPort
                                + "/api/v1/series?topic=all&from=now-3h&to=now&step=1m"))
                    .timeout(Duration.ofSeconds(20))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200) {
          total = 0;
          for (JsonNode p : Tooling.JSON.readTree(r.body()).get("series").get(0).get("points")) {
            total += p.get("count").asLong();
          }
          if (total == expected) {
            return total;
          }
        }
      } catch (IOException e) {
        last = e.toString(); // not listening yet
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "REST served "
            + total
            + " posts, expected "
            + expected
            + "; last answer "
            + last
            + "\n"
            + Tooling.read(restLog));
  }
}
