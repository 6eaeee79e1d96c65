package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.broker.ChildJvm;
import io.moodstream.broker.KafkaBroker;
import io.moodstream.rest.store.HBaseBucketStore;
import io.moodstream.rest.store.HBaseBulkhead;
import io.moodstream.rest.store.StoreUnavailableException;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.SchemaApplier;
import io.moodstream.storage.testing.BucketWriter;
import io.moodstream.storage.testing.TimedGet;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service over a real HBase that freezes: HBase standalone (master, region server and ZooKeeper
 * in one child JVM, as {@code ./moodstream up} runs it) is stopped with SIGSTOP while requests
 * arrive. HBase-bound requests must answer 503 with Retry-After within {@code rest.hbase.timeout},
 * a full bulkhead at once; static files, scoring, {@code /health/live} and the OpenAPI document
 * must keep answering in milliseconds; after SIGCONT the service recovers by itself. The latencies
 * measured are printed and written to {@code target/frozen-hbase.txt}.
 */
class FrozenHBaseIT {
  static final Duration HBASE_TIMEOUT = Duration.ofSeconds(2);
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static Path data;
  static Process hbase;
  static Connection connection;
  static RestServer server;
  static MoodstreamConfig config;
  static final Map<String, String> report = new LinkedHashMap<>();

  @BeforeAll
  static void startHBaseAndTheService() throws Exception {
    data = Files.createTempDirectory(Path.of("target"), "frozen-hbase-");
    int zk = KafkaBroker.freePort();
    hbase = startHBase(data, zk, KafkaBroker.freePort(), KafkaBroker.freePort());
    config =
        MoodstreamConfig.load(
            RestConfig.KEYS,
            Map.of(
                CommonConfig.HBASE_ZOOKEEPER_QUORUM.envName(), "127.0.0.1",
                CommonConfig.HBASE_ZOOKEEPER_PORT.envName(), Integer.toString(zk),
                RestConfig.HBASE_TIMEOUT.envName(), HBASE_TIMEOUT.toMillis() + "ms",
                RestConfig.HBASE_THREADS.envName(), "4",
                RestConfig.HBASE_QUEUE.envName(), "4"),
            null);
    HBaseLayout layout = HBaseLayout.from(config);
    connection = awaitHBase(ServeMain.hbaseConfiguration(config), layout);
    long now = Step.MINUTE.alignDown(Instant.now().getEpochSecond());
    try (BucketWriter w = new BucketWriter(connection, layout)) {
      for (long m = now - 3 * 3600; m <= now; m += 60) {
        w.aggregate(Step.MINUTE, "apple", m, Seed.minute(m, 5));
      }
      w.aggregate(Step.DAY, "apple", Step.DAY.alignDown(now), Seed.minute(now, 5));
      w.flush();
    }
    RestConfig.Settings settings = RestConfig.Settings.from(config).withPort(0);
    server =
        RestServer.start(
            RestServices.create(
                new HBaseBucketStore(connection, layout), settings, Clock.systemUTC()));
  }

  /** HBase standalone in a child JVM, as local's HBaseStandalone starts it, on this classpath. */
  static Process startHBase(Path dir, int zk, int master, int regionServer) throws IOException {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("hbase.cluster.distributed", "false");
    p.put("hbase.rootdir", dir.resolve("root").toUri().toString());
    p.put("hbase.tmp.dir", dir.resolve("tmp").toString());
    p.put("hbase.zookeeper.quorum", "127.0.0.1");
    p.put("hbase.zookeeper.property.clientPort", Integer.toString(zk));
    p.put("hbase.zookeeper.property.dataDir", dir.resolve("zookeeper").toString());
    p.put("hbase.master.port", Integer.toString(master));
    p.put("hbase.regionserver.port", Integer.toString(regionServer));
    p.put("hbase.master.info.port", "-1");
    p.put("hbase.regionserver.info.port", "-1");
    p.put("hbase.unsafe.stream.capability.enforce", "false");
    p.put("hbase.master.hostname", "127.0.0.1");
    p.put("hbase.regionserver.hostname", "127.0.0.1");
    // master, region server and ZooKeeper freeze together: after ~20 s frozen ZooKeeper expires
    // their sessions at SIGCONT and the master aborts (a quirk of one-JVM HBase), so each freeze
    // of this test stays well under that
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    p.forEach(
        (k, v) ->
            xml.append("  <property><name>")
                .append(k)
                .append("</name><value>")
                .append(v)
                .append("</value></property>\n"));
    Files.writeString(conf.resolve("hbase-site.xml"), xml.append("</configuration>\n"));
    Files.writeString(
        conf.resolve("log4j2.properties"),
        ChildJvm.consoleLog4j("org.apache.hadoop.hbase.master.HMaster"));
    List<String> cmd =
        ChildJvm.command(
            "512m",
            List.of(
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true",
                "-Dlog4j2.configurationFile=" + conf.resolve("log4j2.properties").toUri()),
            conf + File.pathSeparator + System.getProperty("java.class.path"),
            "org.apache.hadoop.hbase.master.HMaster",
            List.of("start"));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("hbase.log").toFile())
        .start();
  }

  /** Connects once HBase answers, and applies the schema; fails after 3 minutes. */
  static Connection awaitHBase(Configuration c, HBaseLayout layout) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      assertThat(hbase.isAlive())
          .as("HBase standalone runs; its log:%n%s", tail(data.resolve("hbase.log")))
          .isTrue();
      Connection conn = null;
      try {
        conn = ConnectionFactory.createConnection(c);
        try (Admin admin = conn.getAdmin()) {
          new SchemaApplier(admin).apply(layout, false);
        }
        return conn;
      } catch (IOException | RuntimeException e) {
        last = e;
        if (conn != null) {
          conn.close();
        }
        Thread.sleep(1_000);
      }
    }
    throw new AssertionError("HBase standalone not ready in 3 minutes", last);
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      signal("CONT"); // a stopped process would not act on SIGTERM
    } catch (AssertionError e) {
      System.err.println("HBase already gone: " + e.getMessage());
    }
    if (server != null) {
      server.close();
    }
    if (connection != null) {
      connection.close();
    }
    if (hbase != null) {
      hbase.descendants().forEach(ProcessHandle::destroy);
      hbase.destroy();
      if (!hbase.waitFor(30, TimeUnit.SECONDS)) {
        hbase.descendants().forEach(ProcessHandle::destroyForcibly);
        hbase.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    StringBuilder b = new StringBuilder("REST with HBase frozen (SIGSTOP), rest.hbase.timeout = ");
    b.append(HBASE_TIMEOUT.toMillis()).append(" ms, load average ");
    b.append(Files.readString(Path.of("/proc/loadavg")).trim()).append('\n');
    report.forEach((k, v) -> b.append(String.format("  %-58s %s%n", k, v)));
    System.out.print(b);
    Files.writeString(Path.of("target", "frozen-hbase.txt"), b.toString());
  }

  /** SIGSTOP / SIGCONT to HBase and its descendants. */
  static void signal(String sig) throws Exception {
    if (hbase == null) {
      return;
    }
    StringBuilder pids = new StringBuilder();
    Stream.concat(Stream.of(hbase.toHandle()), hbase.descendants())
        .forEach(h -> pids.append(' ').append(h.pid()));
    // bash's own kill: no procps package needed on a fresh machine
    Process k =
        new ProcessBuilder("bash", "-c", "kill -" + sig + pids).redirectErrorStream(true).start();
    assertThat(k.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(k.exitValue()).as("kill -%s", sig).isZero();
  }

  static CompletableFuture<TimedGet> get(String path) {
    return TimedGet.send(HTTP, "http://127.0.0.1:" + server.port(), path, Integer.MAX_VALUE);
  }

  static TimedGet getNow(String path) throws Exception {
    return TimedGet.now(HTTP, "http://127.0.0.1:" + server.port(), path, Integer.MAX_VALUE);
  }

  static double rejected(String reason) throws Exception {
    Map<String, io.moodstream.rest.health.Exposition.Family> m =
        io.moodstream.rest.health.Exposition.parse(
            getNow("/metrics").body(), io.moodstream.rest.health.Exposition.Format.PROMETHEUS);
    io.moodstream.rest.health.Exposition.Family f = m.get("moodstream_http_rejected_total");
    if (f == null) {
      return 0;
    }
    var found = f.find(f.name(), Map.of("reason", reason));
    return found.isEmpty() ? 0 : found.get(0).value();
  }

  /** A series of the last minutes whose range no earlier request asked: HBase must be read. */
  static String freshSeries(int i) {
    return "/api/v1/series?topic=apple&step=1m&from=now-" + (5 + i) + "m&to=now-" + i + "s";
  }

  @Test
  void aFrozenHBaseGets503sWithinTheTimeoutAndTheRestKeepsAnsweringThenRecovers() throws Exception {
    // warm: topics known, every path served once
    assertThat(getNow("/api/v1/topics").status()).isEqualTo(200);
    for (String p : List.of("/", "/api/v1/score?text=warm", "/health/live", "/api/openapi.json")) {
      assertThat(getNow(p).status()).as(p).isEqualTo(200);
    }
    assertThat(getNow(freshSeries(0)).status()).isEqualTo(200);
    assertThat(getNow("/health/ready").status()).isEqualTo(200);
    report.put("series before the freeze", getNow(freshSeries(1)).millis() + " ms");
    // the client settings before the bulkhead (5 s default timeout, 2 retries, rpc = timeout / 2)
    Configuration legacyConf = ServeMain.hbaseConfiguration(config);
    legacyConf.setInt("hbase.client.operation.timeout", 5_000);
    legacyConf.setInt("hbase.client.meta.operation.timeout", 5_000);
    legacyConf.setInt("hbase.rpc.timeout", 2_500);
    legacyConf.setInt("hbase.rpc.read.timeout", 2_500);
    legacyConf.setInt("hbase.client.scanner.timeout.period", 5_000);
    legacyConf.setInt("hbase.client.retries.number", 2);
    Connection legacy = ConnectionFactory.createConnection(legacyConf);
    HBaseBucketStore legacyStore = new HBaseBucketStore(legacy, HBaseLayout.from(config));
    legacyStore.aggregates(Step.MINUTE, "apple", 0, 60); // locate the region before the freeze

    signal("STOP");
    long frozenAt = System.nanoTime();
    try {
      // first, the HBase client on its own (no bulkhead, no other thread waiting on it): how long a
      // scan takes to fail with the former settings and with ServeMain's
      HBaseBucketStore direct = new HBaseBucketStore(connection, HBaseLayout.from(config));
      long t0 = System.nanoTime();
      boolean failed = false;
      try {
        long now = Instant.now().getEpochSecond();
        direct.aggregates(Step.MINUTE, "apple", now - 120, now);
      } catch (StoreUnavailableException e) {
        failed = true;
      }
      long clientMs = (System.nanoTime() - t0) / 1_000_000;

      // 12 HBase-bound requests at once against 4 bulkhead threads and 4 queue slots
      double busyBefore = rejected("hbase_busy");
      List<CompletableFuture<TimedGet>> hbaseBound = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        hbaseBound.add(get(freshSeries(10 + i)));
      }
      Thread.sleep(300);
      List<TimedGet> fast = new ArrayList<>();
      for (String p :
          List.of(
              "/",
              "/app.js",
              "/api/v1/score?text=frozen%20but%20fine",
              "/health/live",
              "/api/openapi.json",
              "/metrics")) {
        fast.add(getNow(p));
      }
      TimedGet ready = getNow("/health/ready");
      TimedGet health = getNow("/health");
      List<TimedGet> answered = new ArrayList<>();
      for (CompletableFuture<TimedGet> f : hbaseBound) {
        answered.add(f.get(60, TimeUnit.SECONDS));
      }

      for (TimedGet t : fast) {
        assertThat(t.status()).as(t.path()).isEqualTo(200);
        assertThat(t.millis()).as("%s while HBase is frozen", t.path()).isLessThan(1_000);
        report.put("frozen: " + t.path(), t.millis() + " ms, " + t.status());
      }
      List<Long> latencies = new ArrayList<>();
      for (TimedGet t : answered) {
        assertThat(t.status()).as("%s: %s", t.path(), t.body()).isEqualTo(503);
        assertThat(t.retryAfter()).isEqualTo("5");
        assertThat(t.millis())
            .as("answered within rest.hbase.timeout (+ slack for a loaded machine)")
            .isLessThan(HBASE_TIMEOUT.toMillis() + 1_500);
        latencies.add(t.millis());
      }
      latencies.sort(null);
      report.put("frozen: 12 HBase-bound series at once, ms (sorted)", latencies.toString());
      double busy = rejected("hbase_busy") - busyBefore;
      assertThat(busy)
          .as("the bulkhead (4 threads + 4 queued) refused at least the 4 beyond it at once")
          .isGreaterThanOrEqualTo(4);
      assertThat(latencies.subList(0, 4)).allMatch(ms -> ms < HBASE_TIMEOUT.toMillis() / 2);
      report.put(
          "frozen: refused at once by the full bulkhead (probes included)",
          (long) busy + " (moodstream_http_rejected_total{reason=\"hbase_busy\"})");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.millis()).isLessThan(2_000 + 1_500);
      report.put(
          "frozen: /health/ready", ready.millis() + " ms, " + ready.status() + " " + ready.body());
      assertThat(health.status()).isEqualTo(503);
      report.put("frozen: /health", health.millis() + " ms, " + health.status());
      assertThat(failed).as("the HBase client gives up on its own too").isTrue();
      report.put("frozen: HBase client alone gives up after", clientMs + " ms");
      report.put("frozen for", (System.nanoTime() - frozenAt) / 1_000_000 + " ms before SIGCONT");
    } finally {
      signal("CONT");
    }

    long resumed = System.nanoTime();
    TimedGet back = null;
    for (int i = 0; i < 120; i++) {
      back = getNow(freshSeries(40 + i));
      if (back.status() == 200) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(back.status()).as("the service recovers by itself after SIGCONT").isEqualTo(200);
    report.put(
        "after SIGCONT: first series 200 after", (System.nanoTime() - resumed) / 1_000_000 + " ms");
    TimedGet ready = null;
    for (int i = 0; i < 60 && (ready == null || ready.status() != 200); i++) {
      ready = getNow("/health/ready");
      Thread.sleep(ready.status() == 200 ? 0 : 500);
    }
    assertThat(ready.status()).isEqualTo(200);
    report.put("after SIGCONT: series", getNow(freshSeries(200)).millis() + " ms");
    HBaseBulkhead bulkhead = server.services().hbase();
    assertThat(bulkhead.timeout()).isEqualTo(HBASE_TIMEOUT);

    // a second, short freeze: one scan with the former client settings, to show why a request
    // used to take ~20 s (each freeze stays well under the one-JVM HBase's ZooKeeper sessions)
    signal("STOP");
    try {
      long t1 = System.nanoTime();
      try {
        long now = Instant.now().getEpochSecond();
        legacyStore.aggregates(Step.MINUTE, "apple", now - 180, now);
      } catch (StoreUnavailableException e) {
        report.put(
            "frozen again: one scan with the former client settings gives up after",
            (System.nanoTime() - t1) / 1_000_000 + " ms");
      }
    } finally {
      signal("CONT");
      legacy.close();
    }
  }
}
