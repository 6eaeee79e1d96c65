package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.broker.KafkaBroker;
import io.moodstream.schema.event.Author;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.sentiment.Language;
import io.moodstream.sentiment.SentimentScorer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the end-to-end ITs share: the independent computation of every minute from a generated
 * archive (scoring the same posts with the scorer directly), the comparison with what the REST API
 * serves, and {@code moodstream up} run in its own JVM on free ports.
 */
final class ReplayCheck {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final int MINUTES = 30;
  static final int K = 5;
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ReplayCheck() {}

  /** What one (topic, minute) must hold. */
  record Expected(
      long count,
      long scored,
      long positive,
      long neutral,
      long negative,
      double sum,
      List<String> mostPositive,
      List<String> mostNegative) {}

  // ------------------------------------------------------------------ the independent answer

  static Map<String, Map<Instant, Expected>> expected(ArchiveFixture archive) {
    SentimentScorer scorer = SentimentScorer.standard();
    Map<String, Map<Instant, List<ExtremePost>>> scored = new TreeMap<>();
    Map<String, Map<Instant, long[]>> counts = new TreeMap<>();
    Map<String, Map<Instant, double[]>> sums = new TreeMap<>();
    for (ArchiveFixture.Post p : archive.posts) {
      Instant minute =
          Instant.ofEpochSecond(Math.floorDiv(p.createdAt().getEpochSecond(), 60) * 60);
      for (String topic : ArchiveFixture.topicsOf(p.text())) {
        long[] c =
            counts
                .computeIfAbsent(topic, t -> new TreeMap<>())
                .computeIfAbsent(minute, m -> new long[5]);
        c[0]++;
        if (!Language.isScorable(p.lang())) {
          continue;
        }
        double compound = scorer.score(p.text()).compound();
        c[1]++;
        c[compound >= 0.05 ? 2 : compound <= -0.05 ? 4 : 3]++;
        sums.computeIfAbsent(topic, t -> new TreeMap<>())
                .computeIfAbsent(minute, m -> new double[1])[0] +=
            compound;
        scored
            .computeIfAbsent(topic, t -> new TreeMap<>())
            .computeIfAbsent(minute, m -> new ArrayList<>())
            .add(
                new ExtremePost(
                    p.id(),
                    p.text(),
                    new Author(p.userId(), p.handle()),
                    p.createdAt(),
                    compound,
                    null));
      }
    }
    Map<String, Map<Instant, Expected>> out = new TreeMap<>();
    counts.forEach(
        (topic, byMinute) ->
            byMinute.forEach(
                (minute, c) -> {
                  List<ExtremePost> posts =
                      scored.getOrDefault(topic, Map.of()).getOrDefault(minute, List.of());
                  out.computeIfAbsent(topic, t -> new TreeMap<>())
                      .put(
                          minute,
                          new Expected(
                              c[0],
                              c[1],
                              c[2],
                              c[3],
                              c[4],
                              sums.getOrDefault(topic, Map.of())
                                  .getOrDefault(minute, new double[1])[0],
                              topIds(posts, ExtremePost.MOST_POSITIVE_FIRST, archive.deleted),
                              topIds(posts, ExtremePost.MOST_NEGATIVE_FIRST, archive.deleted)));
                }));
    return out;
  }

  /** The k best of the minute, then the deleted ones left out (the stored row is not refilled). */
  static List<String> topIds(
      List<ExtremePost> posts, java.util.Comparator<ExtremePost> order, Set<String> deleted) {
    return posts.stream()
        .sorted(order)
        .limit(K)
        .map(ExtremePost::id)
        .filter(id -> !deleted.contains(id))
        .toList();
  }

  // ------------------------------------------------------------------ comparing with the REST API

  /** Waits until REST answers the expected buckets; a failure names the {@code phase}. */
  static void awaitAnswer(
      String phase, Stack run, Map<String, Map<Instant, Expected>> expected, ArchiveFixture archive)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
    List<String> diff = List.of("not compared yet");
    while (System.nanoTime() < deadline) {
      diff = differences(run, expected, archive.deleted);
      if (diff.isEmpty()) {
        return;
      }
      Thread.sleep(2000);
    }
    throw new AssertionError(
        phase
            + ": the REST API never matched the expected buckets; first differences:\n  "
            + String.join("\n  ", diff.subList(0, Math.min(20, diff.size())))
            + "\nstack output:\n"
            + run.output());
  }

  static List<String> differences(
      Stack run, Map<String, Map<Instant, Expected>> expected, Set<String> deleted)
      throws Exception {
    List<String> diff = new ArrayList<>();
    String from = T0.toString();
    String to = T0.plusSeconds(60L * (MINUTES + 1)).toString();
    for (Map.Entry<String, Map<Instant, Expected>> e : expected.entrySet()) {
      String topic = e.getKey();
      JsonNode series =
          run.get("/api/v1/series?step=1m&topic=" + enc(topic) + "&from=" + from + "&to=" + to);
      if (series == null) {
        diff.add(topic + ": series not served yet");
        continue;
      }
      Map<Instant, JsonNode> points = new TreeMap<>();
      series
          .get("series")
          .get(0)
          .get("points")
          .forEach(p -> points.put(Instant.parse(p.get("start").asText()), p));
      if (!points.keySet().equals(e.getValue().keySet())) {
        diff.add(
            topic
                + ": minutes "
                + points.keySet().size()
                + " served, "
                + e.getValue().size()
                + " expected");
        continue;
      }
      for (Map.Entry<Instant, Expected> m : e.getValue().entrySet()) {
        JsonNode p = points.get(m.getKey());
        Expected x = m.getValue();
        String where = topic + " " + m.getKey() + ": ";
        if (p.get("count").asLong() != x.count()
            || p.get("scored").asLong() != x.scored()
            || p.get("positive").asLong() != x.positive()
            || p.get("neutral").asLong() != x.neutral()
            || p.get("negative").asLong() != x.negative()) {
          diff.add(where + "counts " + p + " expected " + x);
          continue;
        }
        double mean = x.scored() == 0 ? Double.NaN : x.sum() / x.scored();
        if (x.scored() > 0 && Math.abs(p.get("meanCompound").asDouble() - mean) > 1e-9) {
          diff.add(where + "meanCompound " + p.get("meanCompound") + " expected " + mean);
        }
        JsonNode ex =
            run.get(
                "/api/v1/extremes?limit="
                    + K
                    + "&topic="
                    + enc(topic)
                    + "&from="
                    + m.getKey()
                    + "&to="
                    + m.getKey().plusSeconds(60));
        if (ex == null) {
          diff.add(where + "extremes not served");
          continue;
        }
        List<String> pos = ids(ex.get("positive"));
        List<String> neg = ids(ex.get("negative"));
        if (!pos.equals(x.mostPositive()) || !neg.equals(x.mostNegative())) {
          diff.add(
              where
                  + "extremes "
                  + pos
                  + " / "
                  + neg
                  + " expected "
                  + x.mostPositive()
                  + " / "
                  + x.mostNegative());
        }
        for (String id : pos) {
          assertThat(deleted).as("a deleted post is shown").doesNotContain(id);
        }
        for (String id : neg) {
          assertThat(deleted).as("a deleted post is shown").doesNotContain(id);
        }
      }
    }
    return diff;
  }

  static List<String> ids(JsonNode arr) {
    List<String> ids = new ArrayList<>();
    arr.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  static long totalCount(Stack run) throws Exception {
    JsonNode s =
        run.get(
            "/api/v1/series?step=1m&topic=all&from="
                + T0
                + "&to="
                + T0.plusSeconds(60L * (MINUTES + 1)));
    if (s == null) {
      return 0;
    }
    long n = 0;
    for (JsonNode p : s.get("series").get(0).get("points")) {
      n += p.get("count").asLong();
    }
    return n;
  }

  static void assertDeadLetters(Stack run, ArchiveFixture archive) {
    Properties p = new Properties();
    p.putAll(run.clientProperties);
    p.put("bootstrap.servers", run.bootstrap);
    p.put("group.id", "e2e-dlq-check");
    p.put("auto.offset.reset", "earliest");
    Set<String> raws = new HashSet<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.subscribe(List.of("moodstream.dlq"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!raws.containsAll(archive.malformed) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          try {
            raws.add(JSON.readTree(r.value()).get("raw").asText());
          } catch (IOException e) {
            throw new AssertionError("DLQ record is not JSON: " + r.value(), e);
          }
        }
      }
    }
    assertThat(raws).as("every malformed line is in moodstream.dlq").containsAll(archive.malformed);
  }

  /**
   * Every record of {@code moodstream.dlq} read to its end, as (source, raw) pairs: which component
   * rejected what, as often as it did.
   */
  static List<Map.Entry<String, String>> deadLetters(Stack run) {
    Properties p = new Properties();
    p.putAll(run.clientProperties);
    p.put("bootstrap.servers", run.bootstrap);
    p.put("group.id", "e2e-dlq-all-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    List<Map.Entry<String, String>> all = new ArrayList<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.subscribe(List.of("moodstream.dlq"));
      long idleSince = System.nanoTime();
      while (System.nanoTime() - idleSince < Duration.ofSeconds(10).toNanos()) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          idleSince = System.nanoTime();
          try {
            JsonNode n = JSON.readTree(r.value());
            all.add(Map.entry(n.path("source").asText(), n.path("raw").asText()));
          } catch (IOException e) {
            throw new AssertionError("DLQ record is not JSON: " + r.value(), e);
          }
        }
      }
    }
    return all;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ the stack under test

  /**
   * {@code moodstream up --source replay FILE} in its own JVM, on free ports, var/ in {@code var}.
   */
  static final class Stack implements AutoCloseable {
    final Process process;
    final StackPaths paths;
    final String bootstrap;
    final int restPort;

    /** Settings the test's own Kafka clients need besides the bootstrap servers (e.g. SSL). */
    final Map<String, Object> clientProperties = new java.util.HashMap<>();

    private final StringBuffer output = new StringBuffer();

    private Stack(Process process, StackPaths paths, String bootstrap, int restPort) {
      this.process = process;
      this.paths = paths;
      this.bootstrap = bootstrap;
      this.restPort = restPort;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                  }
                } catch (IOException ignored) {
                  // process ended
                }
              },
              "stack-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Stack up(Path var, Path archive, Map<String, String> extraEnv) throws Exception {
      int kafka = KafkaBroker.freePort();
      Map<String, String> env = new java.util.HashMap<>();
      env.put("MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafka);
      env.put("MOODSTREAM_LOCAL_KAFKA_CONTROLLER_PORT", Integer.toString(KafkaBroker.freePort()));
      env.put("MOODSTREAM_HBASE_ZOOKEEPER_PORT", Integer.toString(KafkaBroker.freePort()));
      env.put("MOODSTREAM_LOCAL_HBASE_MASTER_PORT", Integer.toString(KafkaBroker.freePort()));
      env.put("MOODSTREAM_LOCAL_HBASE_REGIONSERVER_PORT", Integer.toString(KafkaBroker.freePort()));
      env.put("MOODSTREAM_STREAMING_SPARK_MASTER", "local[2]");
      // in order: parsing threads may send a batch of lines minutes (of event time) after the
      // next ones on a loaded machine, and the watermark then rightly drops its posts as late
      env.put("MOODSTREAM_INGEST_REPLAY_THREADS", "0");
      env.putAll(extraEnv);
      return up(var, archive, List.of(), env, "127.0.0.1:" + kafka, Duration.ofMinutes(5));
    }

    /**
     * {@code moodstream up <extraArgs> --source replay FILE} with exactly {@code env} added to this
     * JVM's environment; {@code bootstrap} is where the test's own Kafka clients connect.
     */
    static Stack up(
        Path var,
        Path archive,
        List<String> extraArgs,
        Map<String, String> env,
        String bootstrap,
        Duration startTimeout)
        throws Exception {
      Path root = Path.of("").toAbsolutePath().getParent();
      int rest = KafkaBroker.freePort();
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "--add-opens=java.base/java.nio=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  LocalMain.class.getName(),
                  "up"));
      cmd.addAll(extraArgs);
      cmd.addAll(
          List.of(
              "--source",
              "replay",
              archive.toString(),
              "--topics",
              String.join(",", ArchiveFixture.TOPICS),
              "--port",
              Integer.toString(rest)));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      Map<String, String> pe = pb.environment();
      pe.put("MOODSTREAM_HOME", root.toString());
      pe.put("MOODSTREAM_VAR", var.toString());
      pe.putAll(env);
      Stack s = new Stack(pb.start(), new StackPaths(root, var), bootstrap, rest);
      s.awaitOutput("Dashboard: http://127.0.0.1:" + rest + "/", startTimeout);
      return s;
    }

    void awaitOutput(String text, Duration timeout) throws InterruptedException {
      awaitOutput(text, timeout, 1);
    }

    /** Waits until the stack has printed {@code text} {@code times} times. */
    void awaitOutput(String text, Duration timeout, int times) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (occurrences(text) < times) {
        if (!process.isAlive()) {
          throw new AssertionError(
              "the stack exited (" + process.exitValue() + ") before '" + text + "':\n" + output);
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no '" + text + "' after " + timeout + ":\n" + output);
        }
        Thread.sleep(200);
      }
    }

    private int occurrences(String text) {
      String s = output.toString();
      int n = 0;
      for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
        n++;
      }
      return n;
    }

    String output() {
      return output.toString();
    }

    /** GET as JSON; null when the answer is not 200 (e.g. a topic with no data yet). */
    JsonNode get(String pathAndQuery) throws Exception {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + pathAndQuery))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    @Override
    public void close() throws IOException {
      Files.createDirectories(paths.run());
      LocalMain.down(paths, System.out);
      try {
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      LocalStack.stopRecorded(paths);
    }
  }

  /**
   * The job's last posts batch id from its status file; -1 while there is none or it is rewritten.
   */
  static long postsBatch(Stack run) {
    try {
      return JSON.readTree(StackPlan.statusFile(run.paths).toFile())
          .path("queries")
          .path("posts")
          .path("batchId")
          .asLong(-1);
    } catch (java.io.IOException e) {
      return -1; // being rewritten
    }
  }
}
