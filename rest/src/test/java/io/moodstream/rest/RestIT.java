package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.moodstream.rest.api.Point;
import io.moodstream.rest.store.HBaseBucketStore;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.HBaseClients;
import io.moodstream.storage.testing.BucketWriter;
import io.moodstream.storage.testing.MiniHBase;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service on a real HBase mini cluster, seeded through storage's BucketWriter (the Puts the
 * streaming job writes): every endpoint, CSV, SSE, errors, and 503 when HBase is unreachable.
 */
class RestIT {
  static final Instant NOW = Seed.NOW;
  static final long LAST = Seed.LAST;
  static final long DAY0 = Instant.parse("2026-11-22T00:00:00Z").getEpochSecond();
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static Connection connection;
  static HBaseLayout layout;
  static RestServer server;

  /** What was written, to compare answers with: step label + topic → start → aggregate. */
  static final Map<String, TreeMap<Long, Aggregate>> written = new TreeMap<>();

  @BeforeAll
  static void seedAndStart() throws Exception {
    connection = MiniHBase.connection();
    layout = MiniHBase.layout();
    MiniHBase.truncate(layout);
    try (BucketWriter w = new BucketWriter(connection, layout)) {
      for (String topic : List.of("apple", "pie")) {
        Aggregate day = Aggregate.EMPTY;
        Aggregate hour = Aggregate.EMPTY;
        for (long m = DAY0; m <= LAST; m += 60) {
          if ((m / 60) % 10 == 3) {
            continue;
          }
          Aggregate a = Seed.minute(m, (int) ((m / 60) % 5) + (topic.equals("pie") ? 1 : 0));
          write(w, Step.MINUTE, topic, m, a);
          hour = hour.merge(a);
          day = day.merge(a);
          if ((m + 60) % 3600 == 0 || m == LAST) {
            write(w, Step.HOUR, topic, Step.HOUR.alignDown(m), hour);
            hour = Aggregate.EMPTY;
          }
          if ((m + 60) % 86_400 == 0 || m == LAST) {
            write(w, Step.DAY, topic, Step.DAY.alignDown(m), day);
            day = Aggregate.EMPTY;
          }
        }
      }
      Seed.extremes(w::extremes);
      w.flush();
    }
    RestConfig.Settings settings = TestSettings.of("rest.live.poll.interval", "1s");
    server =
        RestServer.start(
            RestServices.create(
                new HBaseBucketStore(connection, layout),
                settings,
                Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  static void write(BucketWriter w, Step step, String topic, long start, Aggregate a)
      throws Exception {
    w.aggregate(step, topic, start, a);
    written.computeIfAbsent(step.label() + "/" + topic, k -> new TreeMap<>()).put(start, a);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static HttpResponse<String> get(RestServer s, String pathAndQuery, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Shapes.JSON.readTree(r.body());
  }

  @Test
  void topicsComeFromHBaseWithTheirFirstAndLastMinute() throws Exception {
    HttpResponse<String> r = get(server, "/api/v1/topics");
    assertThat(r.statusCode()).isEqualTo(200);
    Shapes.assertSameShape("topics.json", r.body());
    assertThat(r.body())
        .isEqualTo(
            "{\"topics\":[{\"topic\":\"apple\",\"first\":\"2026-11-22T00:00:00Z\",\"last\":\"2026-11-24T21:56:00Z\"},"
                + "{\"topic\":\"pie\",\"first\":\"2026-11-22T00:00:00Z\",\"last\":\"2026-11-24T21:56:00Z\"}]}");
  }

  @Test
  void everyStepAnswersWhatWasWrittenMergedExactly() throws Exception {
    for (String step : List.of("1m", "5m", "15m", "1h", "1d")) {
      HttpResponse<String> r =
          get(
              server,
              "/api/v1/series?topic=apple&topic=pie&from=2026-11-24T18:00:00Z&to=2026-11-24T21:00:00Z&step="
                  + step);
      assertThat(r.statusCode()).as(step).isEqualTo(200);
      Shapes.assertSameShape("series.json", r.body());
      JsonNode j = json(r);
      assertThat(j.get("step").asText()).isEqualTo(step);
      for (JsonNode s : j.get("series")) {
        String topic = s.get("topic").asText();
        List<String> expected = expectedPoints(topic, step, j);
        List<String> actual = new ArrayList<>();
        s.get("points").forEach(p -> actual.add(p.toString()));
        assertThat(actual).as("%s %s", topic, step).isEqualTo(expected).isNotEmpty();
      }
    }
  }

  /** The points the series must hold, computed from what was written, minutes merged in order. */
  static List<String> expectedPoints(String topic, String step, JsonNode answer) throws Exception {
    long from = Instant.parse(answer.get("from").asText()).getEpochSecond();
    long to = Instant.parse(answer.get("to").asText()).getEpochSecond();
    long size =
        switch (step) {
          case "1m" -> 60;
          case "5m" -> 300;
          case "15m" -> 900;
          case "1h" -> 3_600;
          default -> 86_400;
        };
    String table = size == 3_600 ? "1h" : size == 86_400 ? "1d" : "1m";
    TreeMap<Long, Aggregate> rows = new TreeMap<>();
    written
        .get(table + "/" + topic)
        .subMap(from, true, to, false)
        .forEach((s, a) -> rows.merge(Math.floorDiv(s, size) * size, a, Aggregate::merge));
    List<String> out = new ArrayList<>();
    for (var e : rows.entrySet()) {
      out.add(Shapes.JSON.writeValueAsString(Point.of(e.getKey(), e.getValue())));
    }
    return out;
  }

  @Test
  void csvExportHasTheHeaderAndOneRowPerPoint() throws Exception {
    HttpResponse<String> r =
        get(server, "/api/v1/series?topic=pie&from=now-1h&step=15m", "Accept", "text/csv");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = r.body().split("\r\n");
    assertThat(lines[0]).startsWith("topic,start,count,scored,").endsWith(",h18,h19");
    assertThat(lines).hasSize(1 + 5); // 20:45, 21:00, 21:15, 21:30, 21:45 (partly in range)
    assertThat(lines[1]).startsWith("pie,2026-11-24T20:45:00Z,");
    HttpResponse<String> p =
        get(server, "/api/v1/series?topic=pie&from=now-1h&step=15m&format=csv");
    assertThat(p.body()).isEqualTo(r.body());
  }

  @Test
  void extremesAreMergedAcrossMinutesMostExtremeFirst() throws Exception {
    HttpResponse<String> r = get(server, "/api/v1/extremes?topic=apple&from=now-10m&limit=2");
    assertThat(r.statusCode()).isEqualTo(200);
    Shapes.assertSameShape("extremes.json", r.body());
    JsonNode j = json(r);
    assertThat(ResourcesTest.ids(j.get("positive"))).containsExactly("p3", "p1");
    assertThat(ResourcesTest.ids(j.get("negative"))).containsExactly("n2", "n1");
    JsonNode neg = json(get(server, "/api/v1/extremes?topic=apple&polarity=negative&limit=50"));
    assertThat(ResourcesTest.ids(neg.get("negative"))).containsExactly("n2", "n1", "n3");
    assertThat(neg.get("positive").size()).isZero();
  }

  @Test
  void scoreAnswersTheScorersOutput() throws Exception {
    HttpResponse<String> r = get(server, "/api/v1/score?text=I%20love%20it%20%F0%9F%98%8D");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(Shapes.fixture("score.json"));
  }

  @Test
  void everyBadParameterIsA400NamingIt() throws Exception {
    String[][] cases = {
      {"/api/v1/series?topic=kiwi", "topic"},
      {"/api/v1/series?from=now-1h", "topic"},
      {"/api/v1/series?topic=apple&topic=a&topic=b&topic=c&topic=d&topic=e", "topic"},
      {"/api/v1/series?topic=apple&from=now&to=now-1h", "from"},
      {"/api/v1/series?topic=apple&step=7m", "step"},
      {"/api/v1/series?topic=apple&from=now-30d&step=1m", "step"},
      {"/api/v1/series?topic=apple&from=last%20tuesday", "from"},
      {"/api/v1/series?topic=apple&to=2026-11-24T25:00:00Z", "to"},
      {"/api/v1/extremes?topic=apple&limit=0", "limit"},
      {"/api/v1/extremes?topic=apple&limit=99", "limit"},
      {"/api/v1/extremes?topic=apple&polarity=sideways", "polarity"},
      {"/api/v1/score", "text"},
      {"/api/v1/live?topic=kiwi", "topic"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = get(server, c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      Shapes.assertSameShape("error.json", r.body());
      assertThat(json(r).get("parameter").asText()).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void healthAndMetricsReportHBase() throws Exception {
    HttpResponse<String> h = get(server, "/health");
    assertThat(h.statusCode()).isEqualTo(200);
    assertThat(h.body()).isEqualTo("{\"status\":\"ok\",\"hbase\":\"up\"}");
    get(server, "/api/v1/series?topic=apple&step=1h");
    String m = get(server, "/metrics").body();
    assertThat(m)
        .contains("moodstream_hbase_read_duration_seconds_count{operation=\"agg_1h\"}")
        .contains("moodstream_http_requests_total{endpoint=\"/api/v1/series\",status=\"200\"}");
    assertThat(json(get(server, "/api/openapi.json")).get("paths").has("/api/v1/live")).isTrue();
  }

  @Test
  void liveDeliversANewlyWrittenBucketWithinTwoSeconds() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/live?topic=pie");
    try (SseClient c = new SseClient(uri, null)) {
      List<SseClient.Event> history = c.drain(Duration.ofMillis(1_500));
      List<SseClient.Event> buckets =
          history.stream().filter(e -> e.name().equals("bucket")).toList();
      assertThat(buckets)
          .hasSize(written.get("1m/pie").subMap(LAST - 59 * 60, true, LAST + 60, false).size());
      Shapes.assertSameShape("live-bucket.json", buckets.get(0).data());

      Aggregate updated = written.get("1m/pie").get(LAST).merge(Aggregate.ofScored(0.5));
      long written;
      try (BucketWriter w = new BucketWriter(connection, layout)) {
        w.aggregate(Step.MINUTE, "pie", LAST, updated);
        w.flush();
        written = System.nanoTime();
      }
      SseClient.Event e = c.next(Duration.ofSeconds(2));
      long ms = (System.nanoTime() - written) / 1_000_000;
      assertThat(e).as("an event within 2 s").isNotNull();
      assertThat(ms).isLessThanOrEqualTo(2_000);
      assertThat(e.id()).isEqualTo(Long.toString(LAST));
      assertThat(Shapes.JSON.readTree(e.data()).get("count").asLong()).isEqualTo(updated.count());
      RestIT.written.get("1m/pie").put(LAST, updated);
    }
  }

  @Test
  void liveResumesFromLastEventIdAndSendsTheCurrentExtremes() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/live?topic=apple");
    long from = LAST - 3 * 3600;
    try (SseClient c = new SseClient(uri, Long.toString(from))) {
      List<SseClient.Event> events = c.drain(Duration.ofMillis(1_500));
      List<String> ids =
          events.stream().filter(e -> e.name().equals("bucket")).map(SseClient.Event::id).toList();
      List<String> expected =
          written.get("1m/apple").subMap(from, true, LAST + 60, false).keySet().stream()
              .map(String::valueOf)
              .toList();
      assertThat(ids).isEqualTo(expected);
      SseClient.Event x =
          events.stream().filter(e -> e.name().equals("extremes")).findFirst().orElseThrow();
      Shapes.assertSameShape("live-extremes.json", x.data());
    }
  }

  @Test
  void unreachableHBaseAnswers503WithRetryAfter() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    Configuration conf = new Configuration(connection.getConfiguration());
    conf.set("hbase.zookeeper.quorum", "127.0.0.1");
    conf.setInt("hbase.zookeeper.property.clientPort", deadPort);
    HBaseClients.Timeouts.within(Duration.ofSeconds(2)).applyTo(conf);
    try (Connection dead = ConnectionFactory.createConnection(conf);
        RestServer down =
            RestServer.start(
                RestServices.create(
                    new HBaseBucketStore(dead, layout),
                    TestSettings.of(),
                    Clock.fixed(NOW, ZoneOffset.UTC)))) {
      for (String path : List.of("/api/v1/topics", "/api/v1/series?topic=apple")) {
        HttpResponse<String> r = get(down, path);
        assertThat(r.statusCode()).as(path).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
        assertThat(json(r).get("error").asText()).isEqualTo("unavailable");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }
      HttpResponse<String> h = get(down, "/health");
      assertThat(h.statusCode()).isEqualTo(503);
      assertThat(h.body()).isEqualTo("{\"status\":\"degraded\",\"hbase\":\"down\"}");
    }
  }
}
