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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.RegionMetrics;
import org.apache.hadoop.hbase.ServerName;
import org.apache.hadoop.hbase.Size;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.RegionInfo;
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
    // The archive's 30 minutes replayed 8 times faster than real time, 225 s: the faults land
    // while posts still arrive, on a slow machine or a fast one, and a paced replay is parsed in
    // order (at full speed ingest parses batches of lines in parallel, in any order across
    // batches: on a loaded machine a stalled batch reached Kafka minutes of event time after its
    // neighbours, and its posts were rightly late). Small batches for the backlog the job finds.
    env.put("MOODSTREAM_INGEST_REPLAY_SPEED", "8");
    env.put("MOODSTREAM_STREAMING_MAX_OFFSETS_PER_TRIGGER", "600");
    // The EMR role's trigger, 1 s (up's default is 500 ms): killAWorkerUntilATaskIsLost waits 1 s
    // after a batch so that its kill lands among the next batch's tasks. With back-to-back
    // 250 ms batches three kills in a row (CI, 2026-11-30) found no task running on the victim.
    env.put("MOODSTREAM_STREAMING_TRIGGER_INTERVAL", "1s");
    String bootstrap = String.join(",", kafka.stream().map(p -> "127.0.0.1:" + p).toList());

    Path var = work.resolve("var");
    try {
      faultsWhileItStreams(
          var, file, env, bootstrap, client, archive, expected, sparkMaster, sparkUi);
    } catch (Throwable t) {
      keepLogs(var);
      throw t;
    }
    assertThat(processes(var.toString())).as("no process of the stack left after down").isEmpty();
  }

  private static void faultsWhileItStreams(
      Path var,
      Path file,
      Map<String, String> env,
      String bootstrap,
      Map<String, Object> client,
      ArchiveFixture archive,
      Map<String, Map<Instant, ReplayCheck.Expected>> expected,
      int sparkMaster,
      int sparkUi)
      throws Exception {
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

      long total = expected.get("all").values().stream().mapToLong(e -> e.count()).sum();
      awaitProgress(run, 0, total);

      // 1. a Spark worker without the driver: its executor is lost, its tasks retried elsewhere
      killAWorkerUntilATaskIsLost(run, total);

      // 2. the driver: --supervise relaunches it, and it resumes from its checkpoint
      killTheDriver(run, spark, total);

      // 3. a broker leading partitions: the leadership moves to the other two
      killALeadingBroker(run, bootstrap, client, total);

      // 4. a region server holding edits only its WAL has: its regions are reassigned elsewhere
      killARegionServer(run, env, total);

      awaitAnswer("after the four kills", run, expected, archive);
      JsonNode status = ReplayCheck.JSON.readTree(StackPlan.statusFile(run.paths).toFile());
      // the job's own totals, carried across the driver's restart by its checkpoint: every post
      // counted once whatever was retried, none late, none dated in the future
      assertThat(status.path("postsTotal").asLong()).as("posts the job counted").isEqualTo(total);
      assertThat(status.path("latePostsTotal").asLong()).as("late posts").isZero();
      assertThat(status.path("futureCreatedAtTotal").asLong()).as("future-dated").isZero();
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
  }

  private static void kill(ReplayCheck.Stack run, String id) {
    ProcessHandle h = ChildProcess.running(id, run.paths).orElseThrow();
    h.destroyForcibly();
  }

  /** What the test saw of one fault, printed with the build output. */
  private static void note(String what, ReplayCheck.Stack run, long total) throws Exception {
    System.out.printf(
        "ClusterModeIT %s: %d of %d posts visible at %s%n",
        what, totalCount(run), total, Instant.now());
  }

  /**
   * Kills the worker that runs the executor (not the driver's) with SIGKILL: the executor dies with
   * it, the driver reports it lost, the supervisor restarts the worker and the master gives the
   * application a new executor there. The kill comes a second after a batch ended, when the next
   * one is running on the executor; should it still land between tasks, it is repeated (at most
   * three kills) until the driver reports a task lost with the executor and runs it again.
   */
  private static void killAWorkerUntilATaskIsLost(ReplayCheck.Stack run, long total)
      throws Exception {
    ProcessHandle driver = driverProcess(run.paths).orElseThrow();
    long driverWorker = driver.parent().map(ProcessHandle::pid).orElse(-1L);
    String victim =
        ChildProcess.running("spark-worker-1", run.paths).orElseThrow().pid() == driverWorker
            ? "spark-worker-2"
            : "spark-worker-1";
    Path driverLog = driverLog(run.paths);
    for (int attempt = 1; ; attempt++) {
      List<Long> executors = pids(executorProcesses(run.paths));
      assertThat(executors).as("executor JVMs before killing " + victim).isNotEmpty();
      int lostExecutors = count(driverLog, "Lost executor");
      int lostTasks = count(driverLog, LOST_WITH_EXECUTOR);
      int retries = matches(driverLog, RETRY);
      awaitNextBatch(run, Duration.ofMinutes(3));
      Thread.sleep(1000);
      note("killing " + victim + " (attempt " + attempt + ")", run, total);
      kill(run, victim);
      run.awaitOutput(victim + " ready again", Duration.ofMinutes(2), attempt);
      awaitCount(driverLog, "Lost executor", lostExecutors + 1, Duration.ofMinutes(2));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (System.nanoTime() < deadline
          && pids(executorProcesses(run.paths)).stream().allMatch(executors::contains)) {
        Thread.sleep(500);
      }
      assertThat(pids(executorProcesses(run.paths)))
          .as("a new executor after " + victim + " came back")
          .isNotEmpty()
          .doesNotContainAnyElementsOf(executors);
      awaitProgress(run, totalCount(run), total);
      if (count(driverLog, LOST_WITH_EXECUTOR) > lostTasks) {
        assertThat(matches(driverLog, RETRY)).as("tasks run again").isGreaterThan(retries);
        note("tasks lost with the executor and run again", run, total);
        return;
      }
      assertThat(attempt)
          .as("no kill of %s landed while a task ran:%n%s", victim, tail(driverLog))
          .isLessThan(3);
    }
  }

  /** The driver's line for a task that was running on an executor that died (Spark 3.5). */
  static final String LOST_WITH_EXECUTOR =
      "failed because while it was being computed, its executor exited";

  /** The driver's line for the second or later attempt of a task. */
  static final java.util.regex.Pattern RETRY =
      java.util.regex.Pattern.compile("Starting task [0-9]+[.][1-9][0-9]* in stage");

  /** Waits until the job reports a posts batch it had not reported before. */
  private static void awaitNextBatch(ReplayCheck.Stack run, Duration timeout) throws Exception {
    long before = ReplayCheck.postsBatch(run);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ReplayCheck.postsBatch(run) == before) {
      assertThat(System.nanoTime()).as("no posts batch after %d", before).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /**
   * Kills the driver with SIGKILL: its worker relaunches it ({@code --supervise}), it starts from
   * its checkpoint, and the posts keep coming.
   */
  private static void killTheDriver(ReplayCheck.Stack run, SparkCluster spark, long total)
      throws Exception {
    ProcessHandle driver = driverProcess(run.paths).orElseThrow();
    long worker = driver.parent().map(ProcessHandle::pid).orElseThrow();
    String workerId =
        ChildProcess.running("spark-worker-1", run.paths).orElseThrow().pid() == worker
            ? "spark-worker-1"
            : "spark-worker-2";
    Path driverLog = driverLog(run.paths);
    int launches = count(driverLog, "Launch Command:");
    int jobStarts = count(driverLog, "starting: Kafka");
    note("killing the driver (pid " + driver.pid() + ")", run, total);
    driver.destroyForcibly();
    awaitCount(
        run.paths.log(workerId),
        "Command exited with status 137, re-launching",
        1,
        Duration.ofMinutes(1));
    awaitCount(driverLog, "Launch Command:", launches + 1, Duration.ofMinutes(1));
    awaitCount(driverLog, "starting: Kafka", jobStarts + 1, Duration.ofMinutes(3));
    assertThat(driverProcess(run.paths).map(ProcessHandle::pid))
        .as("a relaunched driver")
        .isPresent()
        .isNotEqualTo(Optional.of(driver.pid()));
    JsonNode master = spark.masterState().orElseThrow();
    assertThat(master.path("activedrivers")).as("driver kill: the master's drivers").hasSize(1);
    assertThat(master.path("activedrivers").get(0).path("state").asText())
        .as("driver kill: the relaunched driver's state")
        .isEqualTo("RUNNING");
    awaitProgress(run, totalCount(run), total);
  }

  /**
   * Kills the broker that leads partition 0 of moodstream.posts with SIGKILL: each partition it led
   * gets a leader among the other two, the supervisor restarts it, and the job reads on.
   */
  private static void killALeadingBroker(
      ReplayCheck.Stack run, String bootstrap, Map<String, Object> client, long total)
      throws Exception {
    Map<String, Object> p = new HashMap<>(client);
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      Map<String, Integer> before = leaders(admin);
      int victim = before.get("moodstream.posts-0");
      List<String> led =
          before.entrySet().stream()
              .filter(e -> e.getValue() == victim)
              .map(e -> e.getKey())
              .toList();
      note("killing kafka-" + victim + ", leader of " + led, run, total);
      kill(run, "kafka-" + victim);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      Map<String, Integer> after = leaders(admin);
      while (led.stream().anyMatch(t -> after.get(t) == null || after.get(t) == victim)) {
        assertThat(System.nanoTime()).as("leaders of %s still %s", led, after).isLessThan(deadline);
        Thread.sleep(500);
        after.putAll(leaders(admin));
      }
      note("leaders moved: " + after, run, total);
      run.awaitOutput("kafka-" + victim + " ready again", Duration.ofMinutes(3), 1);
      awaitProgress(run, totalCount(run), total); // the job reads on from the new leaders
    }
  }

  /** The leader of every partition of the stack's topics ("topic-partition" → node id). */
  private static Map<String, Integer> leaders(Admin admin) throws Exception {
    Map<String, Integer> m = new HashMap<>();
    admin
        .describeTopics(List.of("moodstream.posts", "moodstream.deletes", "moodstream.dlq"))
        .allTopicNames()
        .get(60, TimeUnit.SECONDS)
        .forEach(
            (t, d) ->
                d.partitions()
                    .forEach(
                        part ->
                            m.put(
                                t + "-" + part.partition(),
                                part.leader() == null || part.leader().isEmpty()
                                    ? null
                                    : part.leader().id())));
    return m;
  }

  /**
   * Kills the region server that holds the most unflushed Moodstream edits with SIGKILL: those
   * edits are only in its WAL; its regions are reassigned (to the other region server or to it once
   * restarted, under a new start code) after the master splits its WAL.
   */
  private static void killARegionServer(ReplayCheck.Stack run, Map<String, String> env, long total)
      throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", "127.0.0.1");
    conf.set("hbase.zookeeper.property.clientPort", env.get("MOODSTREAM_HBASE_ZOOKEEPER_PORT"));
    List<String> rsPorts =
        List.of(env.get("MOODSTREAM_LOCAL_CLUSTER_HBASE_REGIONSERVER_PORTS").split(","));
    try (Connection c = ConnectionFactory.createConnection(conf);
        org.apache.hadoop.hbase.client.Admin admin = c.getAdmin()) {
      ServerName victim = null;
      long most = -1;
      List<RegionInfo> regions = List.of();
      for (ServerName sn : admin.getRegionServers()) {
        // edits not flushed yet: the memstore (reported in whole MB), or writes to a region
        // that has no store file at all
        long unflushed = 0;
        for (RegionMetrics m : admin.getRegionMetrics(sn)) {
          if (new String(m.getRegionName(), StandardCharsets.UTF_8).startsWith("moodstream:")) {
            unflushed += (long) m.getMemStoreSize().get(Size.Unit.BYTE);
            if (m.getStoreFileCount() == 0) {
              unflushed += m.getWriteRequestCount();
            }
          }
        }
        if (unflushed > most) {
          most = unflushed;
          victim = sn;
          regions =
              admin.getRegions(sn).stream()
                  .filter(r -> r.getTable().getNamespaceAsString().equals("moodstream"))
                  .toList();
        }
      }
      assertThat(most).as("unflushed Moodstream edits on %s", victim).isPositive();
      assertThat(regions).as("region server kill: Moodstream regions on %s", victim).isNotEmpty();
      String id = "hbase-rs-" + (rsPorts.indexOf(Integer.toString(victim.getPort())) + 1);
      note("killing " + id + " (" + victim + ", unflushed: " + most + ")", run, total);
      kill(run, id);
      long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      ServerName dead = victim;
      Map<String, ServerName> where = Map.of();
      while (!reassigned(regions, where, dead)) {
        assertThat(System.nanoTime())
            .as("regions of %s not reassigned: %s", victim, where)
            .isLessThan(deadline);
        Thread.sleep(1000);
        where = regionsByServer(admin);
      }
      note("regions of " + victim + " reassigned", run, total);
      run.awaitOutput(id + " ready again", Duration.ofMinutes(3), 1);
    }
  }

  private static boolean reassigned(
      List<RegionInfo> regions, Map<String, ServerName> where, ServerName dead) {
    return regions.stream()
        .allMatch(
            r ->
                where.containsKey(r.getEncodedName())
                    && !where.get(r.getEncodedName()).equals(dead));
  }

  /**
   * Where each region is online now (encoded name → server), as the live region servers report it;
   * empty while a server the master still lists cannot be asked (it was just killed).
   */
  private static Map<String, ServerName> regionsByServer(
      org.apache.hadoop.hbase.client.Admin admin) {
    Map<String, ServerName> where = new HashMap<>();
    try {
      for (ServerName sn : admin.getRegionServers()) {
        for (RegionInfo r : admin.getRegions(sn)) {
          where.put(r.getEncodedName(), sn);
        }
      }
      return where;
    } catch (java.io.IOException e) {
      return Map.of();
    }
  }

  /** Processes on this machine whose command line contains every one of {@code parts}. */
  private static List<ProcessHandle> processes(String... parts) {
    return ProcessHandle.allProcesses()
        .filter(h -> Arrays.stream(parts).allMatch(commandLine(h)::contains))
        .toList();
  }

  /**
   * The whole command line of a process. {@link ProcessHandle.Info#commandLine()} gives nothing for
   * the long command lines of Spark's drivers and executors; Linux's {@code /proc/<pid>/cmdline}
   * has all of it.
   */
  private static String commandLine(ProcessHandle h) {
    try {
      byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
      return new String(b, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return h.info().commandLine().orElse(""); // not Linux, or it has just exited
    }
  }

  /** The driver JVM of this stack (a child of one of its workers), if it runs. */
  private static Optional<ProcessHandle> driverProcess(StackPaths paths) {
    return processes(
            "org.apache.spark.deploy.worker.DriverWrapper", paths.data("cluster").toString())
        .stream()
        .findFirst();
  }

  /** The executor JVMs of this stack. */
  private static List<ProcessHandle> executorProcesses(StackPaths paths) {
    return processes("CoarseGrainedExecutorBackend", paths.data("cluster").toString());
  }

  /**
   * The driver's directory in the work directory of the worker that runs it: {@code stderr} has the
   * launch commands, {@code stdout} the log.
   */
  private static Path driverLog(StackPaths paths) throws Exception {
    try (var dirs =
        Files.find(
            paths.data("cluster"),
            2,
            (f, a) -> a.isDirectory() && f.getFileName().toString().startsWith("driver-"))) {
      List<Path> l = dirs.toList();
      assertThat(l).as("the driver's directory").hasSize(1);
      return l.get(0);
    }
  }

  /** A log file, or both files (stderr, stdout) of a Spark work directory. */
  private static String read(Path file) throws Exception {
    if (!Files.isDirectory(file)) {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    }
    StringBuilder b = new StringBuilder();
    for (String f : List.of("stderr", "stdout")) {
      if (Files.exists(file.resolve(f))) {
        b.append(Files.readString(file.resolve(f), StandardCharsets.ISO_8859_1));
      }
    }
    return b.toString();
  }

  private static int count(Path file, String text) throws Exception {
    String s = read(file);
    int n = 0;
    for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
      n++;
    }
    return n;
  }

  private static int matches(Path file, java.util.regex.Pattern p) throws Exception {
    return (int) p.matcher(read(file)).results().count();
  }

  private static void awaitCount(Path file, String text, int n, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(file, text) < n) {
      assertThat(System.nanoTime())
          .as("'%s' %d times in %s:%n%s", text, n, file, tail(file))
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  private static String tail(Path file) {
    return ChildProcess.tail(Files.isDirectory(file) ? file.resolve("stdout") : file, 40);
  }

  /** On failure, the stack's logs and Spark's work directories go to target/ for a post-mortem. */
  private static void keepLogs(Path var) {
    Path to = Path.of("target", "cluster-mode-it-logs");
    try (var files = Files.walk(var)) {
      for (Path f : files.toList()) {
        String n = f.getFileName().toString();
        if (Files.isRegularFile(f)
            && (n.endsWith(".log")
                || n.equals("stdout")
                || n.equals("stderr")
                || n.endsWith(".json")
                || n.endsWith(".tsv"))) {
          Path dest = to.resolve(var.relativize(f).toString());
          Files.createDirectories(dest.getParent());
          Files.copy(f, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      System.out.println("ClusterModeIT: logs kept in " + to.toAbsolutePath());
    } catch (Exception e) {
      System.out.println("ClusterModeIT: logs not kept: " + e);
    }
  }

  private static List<Long> pids(List<ProcessHandle> l) {
    return l.stream().map(ProcessHandle::pid).toList();
  }

  /** Waits until REST serves more posts than {@code than}, or all of them. */
  private static void awaitProgress(ReplayCheck.Stack run, long than, long total) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      long n = totalCount(run);
      if (n > than || n >= total) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no progress past " + than + " posts:\n" + run.output());
  }

  private static void assertStatusListsEveryProcess(StackPaths paths) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    LocalMain.status(paths, o);
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
    // the driver is a worker's child, as the master sees it (its application registers moments
    // later; the line's application part is StackPlanTest's)
    assertThat(table)
        .as(table)
        .containsPattern("(?m)^spark: driver driver-\\S+: RUNNING on worker-\\S+");
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
      posts
          .partitions()
          .forEach(
              part ->
                  assertThat(part.replicas())
                      .as("replicas of posts partition %s", part.partition())
                      .hasSize(3));
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, "moodstream.posts");
      Config c = admin.describeConfigs(List.of(r)).all().get(60, TimeUnit.SECONDS).get(r);
      assertThat(c.get("min.insync.replicas").value())
          .as("posts' min.insync.replicas")
          .isEqualTo("2");
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
