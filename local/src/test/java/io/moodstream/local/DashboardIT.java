package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.broker.KafkaBroker;
import io.moodstream.rest.RestConfig;
import io.moodstream.rest.ServeMain;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.event.Author;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.testing.BucketWriter;
import io.moodstream.storage.testing.MiniHBase;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.client.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in real Chromium against the real REST service over a HBase mini cluster seeded
 * through {@link BucketWriter}: runs {@code d3-ui/e2e/dashboard.e2e.mjs} (Playwright, Debian's
 * {@code /usr/bin/chromium}) and writes a new minute while the live view is open. An archive of
 * another day (topic "archive", 2024-03-10) checks that the views open on the data and say so, and
 * the service's Content-Security-Policy is in force throughout (a violation is a console error).
 * Screenshots go to {@code d3-ui/target/screenshots/}.
 *
 * <p>The service runs as {@code ./moodstream serve} does: {@link ServeMain} in its own JVM on the
 * rest module's runtime classpath ({@code rest/target/classpath.txt}, which holds the d3-ui jar),
 * so its Jersey 3 jars never meet the HBase server jars of this module's test classpath.
 */
class DashboardIT {
  /** Bucket starts are epoch seconds (schema/HBASE-SCHEMA.md). */
  private static final long MINUTE = 60L;

  private static final Path D3_UI = Path.of(System.getProperty("user.dir")).resolveSibling("d3-ui");

  /**
   * The first minute of an archive of another day (topic "archive", three hours): the dashboard
   * must open its historical and replay views on it, say so, and offer a jump to it.
   */
  private static final long ARCHIVE_START = Instant.parse("2024-03-10T09:00:00Z").getEpochSecond();

  private static HBaseLayout layout;
  private static Connection connection;
  private static Process server;
  private static String base;
  private static long lastSeededMinute;

  @BeforeAll
  static void seedAndServe() throws Exception {
    connection = MiniHBase.connection();
    layout = MiniHBase.layout();
    MiniHBase.truncate(layout);
    lastSeededMinute = Step.MINUTE.alignDown(Instant.now().getEpochSecond()) - MINUTE;
    try (BucketWriter writer = new BucketWriter(connection, layout)) {
      seed(writer, "apple", 24 * 60);
      seed(writer, "banana", 3 * 60);
      seedDay(writer, "archive", ARCHIVE_START, 3 * 60);
      writer.flush();
    }
    base = startServer();
  }

  /**
   * Starts ServeMain on a free port against the mini cluster; returns its base URL once listening.
   */
  private static String startServer() throws Exception {
    Path restJar =
        Path.of(ServeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path classpathFile = D3_UI.resolveSibling("rest").resolve("target/classpath.txt");
    assertThat(classpathFile).as("written by the rest module's package phase").exists();
    String classpath = restJar + File.pathSeparator + Files.readString(classpathFile).trim();
    int port = KafkaBroker.freePort();
    Path work = Files.createTempDirectory("dashboard-it");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                "-Dlog4j2.configurationFile="
                    + D3_UI.resolveSibling("conf").resolve("log4j2-cli.xml"),
                ServeMain.class.getName(),
                "--port",
                String.valueOf(port))
            .directory(work.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("MOODSTREAM_"));
    env.putAll(
        new HashMap<>(
            Map.of(
                CommonConfig.HBASE_ZOOKEEPER_QUORUM.envName(), "127.0.0.1",
                CommonConfig.HBASE_ZOOKEEPER_PORT.envName(),
                    String.valueOf(MiniHBase.get().getZkCluster().getClientPort()),
                RestConfig.BIND_ADDRESS.envName(), "127.0.0.1",
                RestConfig.LIVE_POLL_INTERVAL.envName(), "200ms")));
    server = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    List<String> startup = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      startup.add(line);
      if (line.contains("listening on http://")) {
        break;
      }
    }
    assertThat(server.isAlive())
        .as("REST service started; its output:%n%s", String.join("\n", startup))
        .isTrue();
    Thread drain =
        new Thread(
            () -> {
              try {
                String l;
                while ((l = out.readLine()) != null) {
                  System.out.println("[serve] " + l);
                }
              } catch (IOException ignored) {
                // the service stopped
              }
            },
            "serve-output");
    drain.setDaemon(true);
    drain.start();
    return "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /**
   * {@code minutes} one-minute buckets ending at the last whole minute (every 97th left out, so the
   * charts show gaps), with the hour and day roll-ups they add up to, and one most positive and
   * most negative post per minute, stronger the older they are (so brushing the recent end of a
   * range changes the extremes).
   */
  private static void seed(BucketWriter writer, String topic, int minutes) throws IOException {
    Map<Long, Aggregate> hours = new TreeMap<>();
    Map<Long, Aggregate> days = new TreeMap<>();
    for (int i = 0; i < minutes; i++) {
      if (i % 97 == 50) {
        continue;
      }
      long start = lastSeededMinute - (long) i * MINUTE;
      Aggregate a = minute(topic, i);
      writer.aggregate(Step.MINUTE, topic, start, a);
      hours.merge(Step.HOUR.alignDown(start), a, Aggregate::merge);
      days.merge(Step.DAY.alignDown(start), a, Aggregate::merge);
      double strength = Math.min(0.99, 0.5 + 0.49 * i / (24.0 * 60));
      writer.extremes(
          topic,
          start,
          List.of(post(topic + "-p-" + start, "lovely " + topic + " minute " + i, start, strength)),
          List.of(
              post(topic + "-n-" + start, "awful " + topic + " minute " + i, start, -strength)));
    }
    for (Map.Entry<Long, Aggregate> e : hours.entrySet()) {
      writer.aggregate(Step.HOUR, topic, e.getKey(), e.getValue());
    }
    for (Map.Entry<Long, Aggregate> e : days.entrySet()) {
      writer.aggregate(Step.DAY, topic, e.getKey(), e.getValue());
    }
  }

  /**
   * {@code minutes} one-minute buckets from {@code start} (an archive replayed from another day),
   * with their hour and day roll-ups and one extreme post each way per minute.
   */
  private static void seedDay(BucketWriter writer, String topic, long start, int minutes)
      throws IOException {
    Map<Long, Aggregate> hours = new TreeMap<>();
    Map<Long, Aggregate> days = new TreeMap<>();
    for (int i = 0; i < minutes; i++) {
      long m = start + (long) i * MINUTE;
      Aggregate a = minute(topic, i);
      writer.aggregate(Step.MINUTE, topic, m, a);
      hours.merge(Step.HOUR.alignDown(m), a, Aggregate::merge);
      days.merge(Step.DAY.alignDown(m), a, Aggregate::merge);
      writer.extremes(
          topic,
          m,
          List.of(post(topic + "-p-" + m, "a lovely archived minute " + i, m, 0.7)),
          List.of(post(topic + "-n-" + m, "an awful archived minute " + i, m, -0.6)));
    }
    for (Map.Entry<Long, Aggregate> e : hours.entrySet()) {
      writer.aggregate(Step.HOUR, topic, e.getKey(), e.getValue());
    }
    for (Map.Entry<Long, Aggregate> e : days.entrySet()) {
      writer.aggregate(Step.DAY, topic, e.getKey(), e.getValue());
    }
  }

  /**
   * A minute of 4..10 posts whose mean drifts with i (a different phase per topic), one unscored.
   */
  private static Aggregate minute(String topic, int i) {
    double phase = topic.hashCode() % 7;
    int n = 4 + (i * 7 + topic.length()) % 7;
    Aggregate a = Aggregate.ofUnscored();
    for (int k = 0; k < n; k++) {
      double c = 0.6 * Math.sin((i + phase) / 25.0) + 0.35 * Math.sin(k * 2.1 + i);
      a = a.merge(Aggregate.ofScored(Math.max(-0.99, Math.min(0.99, c))));
    }
    return a;
  }

  private static ExtremePost post(String id, String text, long minute, double compound) {
    return new ExtremePost(
        id,
        text,
        new Author("u-" + id, "handle" + Math.abs(id.hashCode() % 1000)),
        Instant.ofEpochSecond(minute + 17),
        compound,
        compound > 0 ? "https://example.org/" + id : null);
  }

  @Test
  void liveHistoricalReplayAndComparisonWorkInChromium() throws Exception {
    assertThat(Path.of("/usr/bin/chromium"))
        .as("Debian Chromium (apt-get install chromium); .ci/run installs it")
        .exists();
    assertThat(D3_UI.resolve("node_modules/playwright-core"))
        .as("d3-ui's npm packages (the d3-ui build runs npm ci)")
        .exists();
    Path shots = D3_UI.resolve("target/screenshots");
    Files.createDirectories(shots);

    Process node =
        new ProcessBuilder("node", "e2e/dashboard.e2e.mjs", base, shots.toString())
            .directory(D3_UI.toFile())
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
      String line;
      while ((line = out.readLine()) != null) {
        System.out.println("[e2e] " + line);
        output.add(line);
        if (line.equals("E2E write-live-bucket")) {
          long minute = writeNewMinute();
          in.write("E2E written " + Instant.ofEpochSecond(minute) + "\n");
          in.flush();
        }
      }
    }
    assertThat(node.waitFor(3, TimeUnit.MINUTES)).as("e2e finished").isTrue();
    assertThat(output)
        .as("the live check asked for a new minute")
        .contains("E2E write-live-bucket");
    assertThat(node.exitValue())
        .as("e2e exit status; output:%n%s", String.join("\n", output))
        .isZero();
    assertThat(output).noneMatch(l -> l.startsWith("E2E FAIL"));
    for (String shot :
        List.of("live.png", "live-new-minute.png", "historical.png", "historical-brushed.png")) {
      assertThat(shots.resolve(shot)).isNotEmptyFile();
    }
    for (String shot :
        List.of(
            "replay.png",
            "compare.png",
            "live-360px.png",
            "historical-archive.png",
            "historical-archive-jump.png",
            "replay-archive.png",
            "live-waiting.png")) {
      assertThat(shots.resolve(shot)).isNotEmptyFile();
    }
  }

  /**
   * Writes the current minute (after the last seeded one) for apple, as the streaming job would.
   */
  private static long writeNewMinute() throws IOException {
    long minute =
        Math.max(Step.MINUTE.alignDown(Instant.now().getEpochSecond()), lastSeededMinute + MINUTE);
    Aggregate a = Aggregate.ofUnscored();
    for (int k = 0; k < 30; k++) {
      a = a.merge(Aggregate.ofScored(0.8 - k * 0.02));
    }
    try (BucketWriter writer = new BucketWriter(connection, layout)) {
      writer.aggregate(Step.MINUTE, "apple", minute, a);
      writer.extremes(
          "apple",
          minute,
          List.of(post("apple-live-p", "brand new lovely minute", minute, 0.97)),
          List.of(post("apple-live-n", "brand new awful minute", minute, -0.2)));
      writer.flush();
    }
    return minute;
  }
}
