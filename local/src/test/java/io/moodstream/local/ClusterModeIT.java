package io.moodstream.local;

import static io.moodstream.local.ReplayCheck.MINUTES;
import static io.moodstream.local.ReplayCheck.T0;
import static io.moodstream.local.ReplayCheck.assertDeadLetters;
import static io.moodstream.local.ReplayCheck.awaitAnswer;
import static io.moodstream.local.ReplayCheck.expected;
import static io.moodstream.local.ReplayCheck.totalCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.moodstream.broker.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code moodstream up --cluster} as a user runs it, one stack for the class: three KRaft brokers
 * listening on SSL only (keystore and truststore made here with keytool, a certificate for
 * 127.0.0.1), HBase as ZooKeeper, a master and two region servers, a Spark standalone master and
 * two workers running the {@code -emr} jar in cluster deploy mode with {@code --supervise}. Every
 * Kafka client (ingest, the stack's topic admin, the job's source and dead-letter writer, this
 * test's consumer and admin) connects through the {@code kafka.client.*} pass-through.
 *
 * <p>While a generated archive streams through it, one Spark worker, the driver, one broker and one
 * region server are killed with SIGKILL in turn; afterwards every minute REST serves equals the
 * independent computation, no post is late and every dead letter is counted once.
 */
class ClusterModeIT {
  static final int POSTS = 30_000;
  static final String KEYSTORE_PASSWORD = "ks-" + Long.toHexString(System.nanoTime());
  static final String TRUSTSTORE_PASSWORD = "ts-" + Long.toHexString(System.nanoTime() >>> 3);

  @TempDir Path work;

  @Test
  void aReplayOverSslSurvivesKillingAWorkerTheDriverABrokerAndARegionServer() throws Exception {
    Path file = work.resolve("archive.json");
    ArchiveFixture archive = ArchiveFixture.write(file, POSTS, MINUTES, T0, 11);
    Map<String, Map<Instant, ReplayCheck.Expected>> expected = expected(archive);
    Path tls = Files.createDirectories(work.resolve("tls"));
    Path keystore = tls.resolve("broker.p12");
    Path truststore = tls.resolve("trust.p12");
    makeCertificate(keystore, truststore);

    List<Integer> kafka = freePorts(3);
    Map<String, String> env = new HashMap<>();
    env.put("MOODSTREAM_LOCAL_CLUSTER_KAFKA_PORTS", join(kafka));
    env.put("MOODSTREAM_LOCAL_CLUSTER_KAFKA_CONTROLLER_PORTS", join(freePorts(3)));
    env.put("MOODSTREAM_HBASE_ZOOKEEPER_PORT", Integer.toString(KafkaBroker.freePort()));
    env.put("MOODSTREAM_LOCAL_HBASE_MASTER_PORT", Integer.toString(KafkaBroker.freePort()));
    env.put("MOODSTREAM_LOCAL_CLUSTER_HBASE_REGIONSERVER_PORTS", join(freePorts(2)));
    int sparkMaster = KafkaBroker.freePort();
    int sparkUi = KafkaBroker.freePort();
    env.put("MOODSTREAM_LOCAL_CLUSTER_SPARK_MASTER_PORT", Integer.toString(sparkMaster));
    env.put("MOODSTREAM_LOCAL_CLUSTER_SPARK_MASTER_WEBUI_PORT", Integer.toString(sparkUi));
    env.put("MOODSTREAM_LOCAL_CLUSTER_SPARK_WORKER_PORTS", join(freePorts(2)));
    // the brokers: SSL only
    env.put("MOODSTREAM_LOCAL_CLUSTER_KAFKA_SSL_KEYSTORE", keystore.toString());
    env.put("MOODSTREAM_LOCAL_CLUSTER_KAFKA_SSL_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
    env.put("MOODSTREAM_LOCAL_CLUSTER_KAFKA_SSL_TRUSTSTORE", truststore.toString());
    env.put("MOODSTREAM_LOCAL_CLUSTER_KAFKA_SSL_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);
    // every client of the stack: the pass-through
    Map<String, Object> client = clientSsl(truststore);
    client.forEach(
        (k, v) ->
            env.put(
                "MOODSTREAM_KAFKA_CLIENT_" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_'),
                v.toString()));
    // small batches, so the faults land while the archive streams
    env.put("MOODSTREAM_STREAMING_MAX_OFFSETS_PER_TRIGGER", "600");
    String bootstrap = String.join(",", kafka.stream().map(p -> "127.0.0.1:" + p).toList());

    Path var = work.resolve("var");
    try (ReplayCheck.Stack run =
        ReplayCheck.Stack.up(
            var, file, List.of("--cluster"), env, bootstrap, Duration.ofMinutes(6))) {
      run.clientProperties.putAll(client);
      SparkCluster spark = new SparkCluster(run.paths, sparkMaster, sparkUi);

      assertStatusListsEveryProcess(run.paths);
      assertTopicsAreReplicatedThreeTimesWithMinIsrTwo(bootstrap, client);
      assertThat(Files.readString(run.paths.log("stream-submit")))
          .doesNotContain(TRUSTSTORE_PASSWORD)
          .doesNotContain(KEYSTORE_PASSWORD);

      awaitProgress(run, 0);

      // 1. a Spark worker without the driver: its executor is lost, its stages retried elsewhere
      ProcessHandle driver = spark.driverProcess().orElseThrow();
      long driverWorker = driver.parent().map(ProcessHandle::pid).orElse(-1L);
      String victim =
          ChildProcess.running("spark-worker-1", run.paths).orElseThrow().pid() == driverWorker
              ? "spark-worker-2"
              : "spark-worker-1";
      kill(run, victim);
      run.awaitOutput(victim + " ready again", Duration.ofMinutes(2));
      awaitProgress(run, totalCount(run));

      // 2. the driver: --supervise restarts it from its checkpoint
      long before = spark.driverProcess().orElseThrow().pid();
      spark.driverProcess().orElseThrow().destroyForcibly();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      Optional<ProcessHandle> again = Optional.empty();
      while (System.nanoTime() < deadline) {
        again = spark.driverProcess().filter(h -> h.pid() != before);
        if (again.isPresent()) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(again).as("a relaunched driver").isPresent();
      awaitProgress(run, totalCount(run));

      // 3. a broker: partition leaders move to the other two
      kill(run, "kafka-2");
      run.awaitOutput("kafka-2 ready again", Duration.ofMinutes(3));

      // 4. a region server: its regions are reassigned and its WAL replayed
      kill(run, "hbase-rs-1");
      run.awaitOutput("hbase-rs-1 ready again", Duration.ofMinutes(3));

      awaitAnswer(run, expected, archive);
      JsonNode status = ReplayCheck.JSON.readTree(StackPlan.statusFile(run.paths).toFile());
      assertThat(status.path("latePostsTotal").asLong()).as("late posts").isZero();
      assertDeadLetters(run, archive);
      // dead letters counted once: each malformed line once in the DLQ (ingest rejects them),
      // and the job's own count equals the dead letters it wrote, whatever was retried
      List<Map.Entry<String, String>> dlq = ReplayCheck.deadLetters(run);
      for (String bad : archive.malformed) {
        assertThat(dlq.stream().filter(e -> e.getValue().equals(bad)).count())
            .as("times in moodstream.dlq: %s", bad)
            .isEqualTo(1);
      }
      assertThat(status.path("deadLettersTotal").asLong())
          .as("the job's dead letters, counted once")
          .isEqualTo(dlq.stream().filter(e -> e.getKey().equals("streaming")).count());
    }
    assertThat(SparkCluster.processes(var.toString()))
        .as("no process of the stack left after down")
        .isEmpty();
  }

  private static void kill(ReplayCheck.Stack run, String id) {
    ProcessHandle h = ChildProcess.running(id, run.paths).orElseThrow();
    h.destroyForcibly();
  }

  /** Waits until REST serves more posts than {@code than}. */
  private static void awaitProgress(ReplayCheck.Stack run, long than) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      if (totalCount(run) > than) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no progress past " + than + " posts:\n" + run.output());
  }

  private static void assertStatusListsEveryProcess(StackPaths paths) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    LocalMain.status(paths, o, o);
    String table = out.toString(StandardCharsets.UTF_8);
    for (String id :
        List.of(
            "kafka-1",
            "kafka-2",
            "kafka-3",
            "zookeeper",
            "hbase-master",
            "hbase-rs-1",
            "hbase-rs-2",
            "spark-master",
            "spark-worker-1",
            "spark-worker-2",
            "rest")) {
      assertThat(table).as(table).containsPattern("(?m)^" + id + " +\\d+ +\\S+ +running +0$");
    }
    // a replay at full speed may be done already: then it is finished, not failed
    assertThat(table).as(table).containsPattern("(?m)^ingest +\\S+ +\\S+ +(running|finished) +0$");
  }

  private static void assertTopicsAreReplicatedThreeTimesWithMinIsrTwo(
      String bootstrap, Map<String, Object> client) throws Exception {
    Map<String, Object> p = new HashMap<>(client);
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      TopicDescription posts =
          admin
              .describeTopics(List.of("moodstream.posts"))
              .allTopicNames()
              .get(60, TimeUnit.SECONDS)
              .get("moodstream.posts");
      posts.partitions().forEach(part -> assertThat(part.replicas()).hasSize(3));
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, "moodstream.posts");
      Config c = admin.describeConfigs(List.of(r)).all().get(60, TimeUnit.SECONDS).get(r);
      assertThat(c.get("min.insync.replicas").value()).isEqualTo("2");
    }
  }

  static Map<String, Object> clientSsl(Path truststore) {
    Map<String, Object> p = new HashMap<>();
    p.put("security.protocol", "SSL");
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.truststore.location", truststore.toString());
    p.put("ssl.truststore.password", TRUSTSTORE_PASSWORD);
    return p;
  }

  /** A self-signed certificate for 127.0.0.1 (SAN), and a truststore that trusts it. */
  static void makeCertificate(Path keystore, Path truststore) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path cert = keystore.resolveSibling("broker.crt");
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        KEYSTORE_PASSWORD,
        "-keypass",
        KEYSTORE_PASSWORD);
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-keystore",
        keystore.toString(),
        "-storepass",
        KEYSTORE_PASSWORD,
        "-file",
        cert.toString());
    run(
        keytool,
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore.toString(),
        "-storepass",
        TRUSTSTORE_PASSWORD);
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
  }

  private static List<Integer> freePorts(int n) throws Exception {
    List<Integer> l = new ArrayList<>();
    while (l.size() < n) {
      int p = KafkaBroker.freePort();
      if (!l.contains(p)) {
        l.add(p);
      }
    }
    return l;
  }

  private static String join(List<Integer> ports) {
    return String.join(",", ports.stream().map(String::valueOf).toList());
  }
}
