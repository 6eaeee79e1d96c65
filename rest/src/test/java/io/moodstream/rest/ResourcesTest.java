package io.moodstream.rest;

import static io.moodstream.rest.Seed.NOW;
import static io.moodstream.rest.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.moodstream.rest.api.Point;
import io.moodstream.rest.health.Exposition;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.Step;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint through Jersey (JerseyTest on Grizzly) over the in-memory store. */
class ResourcesTest {
  InMemoryBucketStore store;
  RestServices services;
  JerseyTest jersey;

  @BeforeEach
  void start() throws Exception {
    store = new InMemoryBucketStore();
    Seed.day(store);
    services = RestServices.create(store, TestSettings.of(), Clock.fixed(NOW, ZoneOffset.UTC));
    jersey =
        new JerseyTest() {
          @Override
          protected Application configure() {
            forceSet(TestProperties.CONTAINER_PORT, "0");
            return RestApplication.create(services);
          }
        };
    jersey.setUp();
  }

  @AfterEach
  void stop() throws Exception {
    jersey.tearDown();
    services.close();
  }

  WebTarget t(String path) {
    return jersey.target(path);
  }

  static JsonNode json(Response r) {
    try {
      return Shapes.JSON.readTree(r.readEntity(String.class));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void topicsListsEveryTopicWithItsFirstAndLastMinute() {
    String body = t("/api/v1/topics").request().get(String.class);
    Shapes.assertSameShape("topics.json", body);
    assertThat(body)
        .isEqualTo(
            "{\"topics\":[{\"topic\":\"all\",\"first\":\"2026-11-24T21:55:00Z\",\"last\":\"2026-11-24T21:56:00Z\"},"
                + "{\"topic\":\"apple\",\"first\":\"2026-11-24T00:00:00Z\",\"last\":\"2026-11-24T21:56:00Z\"}]}");
  }

  @Test
  void minuteSeriesHoldsTheStoredBucketsOfTheRangeAndLeavesGapsOut() throws Exception {
    Response r =
        t("/api/v1/series")
            .queryParam("topic", "apple")
            .queryParam("from", "2026-11-24T21:50:00Z")
            .queryParam("to", "2026-11-24T21:56:00Z")
            .queryParam("step", "1m")
            .request()
            .get();
    assertThat(r.getStatus()).isEqualTo(200);
    String body = r.readEntity(String.class);
    Shapes.assertSameShape("series.json", body);
    JsonNode j = Shapes.JSON.readTree(body);
    assertThat(j.get("from").asText()).isEqualTo("2026-11-24T21:50:00Z");
    assertThat(j.get("to").asText()).isEqualTo("2026-11-24T21:56:00Z");
    assertThat(j.get("step").asText()).isEqualTo("1m");
    List<String> starts = new ArrayList<>();
    j.get("series").get(0).get("points").forEach(p -> starts.add(p.get("start").asText()));
    // 21:53 is a gap (minute index % 10 == 3); 21:56 is outside [from, to)
    assertThat(starts)
        .containsExactly(
            "2026-11-24T21:50:00Z",
            "2026-11-24T21:51:00Z",
            "2026-11-24T21:52:00Z",
            "2026-11-24T21:54:00Z",
            "2026-11-24T21:55:00Z");
    long m = Instant.parse("2026-11-24T21:52:00Z").getEpochSecond();
    JsonNode p = j.get("series").get(0).get("points").get(2);
    assertThat(Shapes.JSON.writeValueAsString(p))
        .isEqualTo(
            Shapes.JSON.writeValueAsString(
                Point.of(m, store.aggregates(Step.MINUTE, "apple", m, m + 60).get(0).aggregate())));
  }

  @Test
  void fiveAndFifteenMinuteStepsAreMergedExactlyFromMinutes() throws Exception {
    for (int step : new int[] {5, 15}) {
      JsonNode j =
          json(
              t("/api/v1/series")
                  .queryParam("topic", "apple")
                  .queryParam("from", "2026-11-24T20:00:00Z")
                  .queryParam("to", "2026-11-24T21:00:00Z")
                  .queryParam("step", step + "m")
                  .request()
                  .get());
      JsonNode points = j.get("series").get(0).get("points");
      assertThat(points.size()).isEqualTo(60 / step);
      for (JsonNode p : points) {
        long s = Instant.parse(p.get("start").asText()).getEpochSecond();
        Aggregate merged = Aggregate.EMPTY;
        for (var b : store.aggregates(Step.MINUTE, "apple", s, s + step * 60L)) {
          merged = merged.merge(b.aggregate());
        }
        assertThat(p.toString()).isEqualTo(Shapes.JSON.writeValueAsString(Point.of(s, merged)));
      }
    }
  }

  @Test
  void hourAndDayStepsReadTheirRollupTables() {
    store.put(Step.HOUR, "apple", T0, Seed.minute(T0, 40)); // differs from the merged minutes
    JsonNode h =
        json(
            t("/api/v1/series")
                .queryParam("topic", "apple")
                .queryParam("from", "2026-11-24T00:00:00Z")
                .queryParam("to", "2026-11-25T00:00:00Z")
                .queryParam("step", "1h")
                .request()
                .get());
    assertThat(h.get("series").get(0).get("points").size()).isEqualTo(22);
    assertThat(h.get("series").get(0).get("points").get(0).get("count").asLong())
        .isEqualTo(Seed.minute(T0, 40).count());
    JsonNode d =
        json(
            t("/api/v1/series")
                .queryParam("topic", "apple")
                .queryParam("from", "now-365d")
                .queryParam("step", "1d")
                .request()
                .get());
    assertThat(d.get("series").get(0).get("points").size()).isEqualTo(1);
    assertThat(d.get("step").asText()).isEqualTo("1d");
  }

  @Test
  void autoStepKeepsTheSeriesAtOrBelow1500Points() {
    JsonNode day = json(t("/api/v1/series").queryParam("topic", "apple").request().get());
    assertThat(day.get("step").asText()).isEqualTo("1m"); // 24 h default = 1,441 minutes
    JsonNode week =
        json(
            t("/api/v1/series")
                .queryParam("topic", "apple")
                .queryParam("from", "now-7d")
                .queryParam("step", "auto")
                .request()
                .get());
    assertThat(week.get("step").asText()).isEqualTo("15m");
  }

  @Test
  void severalTopicsComeBackInTheOrderAsked() {
    JsonNode j =
        json(
            t("/api/v1/series")
                .queryParam("topic", "apple", "all")
                .queryParam("from", "now-10m")
                .request()
                .get());
    assertThat(j.get("series").get(0).get("topic").asText()).isEqualTo("apple");
    assertThat(j.get("series").get(1).get("topic").asText()).isEqualTo("all");
    assertThat(j.get("series").get(1).get("points").size()).isEqualTo(2);
  }

  @Test
  void csvComesWithFormatCsv() {
    assertLastTenMinutesOfAllAsCsv(
        t("/api/v1/series")
            .queryParam("topic", "all")
            .queryParam("from", "now-10m")
            .queryParam("format", "csv")
            .request()
            .get());
  }

  @Test
  void csvComesWithAcceptTextCsv() {
    assertLastTenMinutesOfAllAsCsv(
        t("/api/v1/series")
            .queryParam("topic", "all")
            .queryParam("from", "now-10m")
            .request("text/csv")
            .get());
  }

  private static void assertLastTenMinutesOfAllAsCsv(Response r) {
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getMediaType().toString()).startsWith("text/csv");
    String[] lines = r.readEntity(String.class).split("\r\n");
    assertThat(lines[0])
        .isEqualTo(
            "topic,start,count,scored,positive,neutral,negative,meanCompound,stddev,"
                + "h0,h1,h2,h3,h4,h5,h6,h7,h8,h9,h10,h11,h12,h13,h14,h15,h16,h17,h18,h19");
    assertThat(lines).hasSize(3);
    assertThat(lines[1]).startsWith("all,2026-11-24T21:55:00Z,4,3,");
    assertThat(lines[1].split(",", -1)).hasSize(29);
  }

  @Test
  void extremesAreTheMostExtremeOfTheRangeFirst() throws Exception {
    String body =
        t("/api/v1/extremes")
            .queryParam("topic", "apple")
            .queryParam("from", "now-10m")
            .queryParam("limit", "2")
            .request()
            .get(String.class);
    Shapes.assertSameShape("extremes.json", body);
    JsonNode j = Shapes.JSON.readTree(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(ids(j.get("positive"))).containsExactly("p3", "p1");
    assertThat(ids(j.get("negative"))).containsExactly("n2", "n1");
    assertThat(j.get("negative").get(1).get("url").isNull()).isTrue();
    assertThat(j.get("negative").get(1).get("minute").asText()).isEqualTo("2026-11-24T21:54:00Z");
  }

  @Test
  void polarityPositiveReturnsOnlyThePositiveSide() {
    JsonNode pos =
        json(
            t("/api/v1/extremes")
                .queryParam("topic", "apple")
                .queryParam("polarity", "positive")
                .request()
                .get());
    assertThat(ids(pos.get("positive"))).containsExactly("p3", "p1", "p2");
    assertThat(pos.get("negative").size()).isZero();
  }

  static List<String> ids(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(p -> out.add(p.get("id").asText()));
    return out;
  }

  @Test
  void scoreReturnsTheScorersOutputAndClass() {
    String body = t("/api/v1/score").queryParam("text", "I love it 😍").request().get(String.class);
    Shapes.assertSameShape("score.json", body);
    assertThat(json(body)).isEqualTo(Shapes.fixture("score.json"));
    assertThat(body).startsWith("{\"text\":");
  }

  static Object[][] badParameters() {
    return new Object[][] {
      {"/api/v1/series", new String[] {"topic", "pear"}, "topic"},
      {"/api/v1/series", new String[] {}, "topic"},
      {"/api/v1/series", new String[] {"topic", "apple", "from", "now", "to", "now-1h"}, "from"},
      {"/api/v1/series", new String[] {"topic", "apple", "from", "now-1h", "to", "now-1h"}, "from"},
      {"/api/v1/series", new String[] {"topic", "apple", "step", "2m"}, "step"},
      {"/api/v1/series", new String[] {"topic", "apple", "from", "now-30d", "step", "1m"}, "step"},
      {"/api/v1/series", new String[] {"topic", "apple", "from", "yesterday"}, "from"},
      {"/api/v1/series", new String[] {"topic", "apple", "to", "2026-13-01T00:00:00Z"}, "to"},
      {"/api/v1/series", new String[] {"topic", "apple", "format", "xml"}, "format"},
      {
        "/api/v1/series",
        new String[] {
          "topic", "a", "topic", "b", "topic", "c", "topic", "d", "topic", "e", "topic", "f"
        },
        "topic"
      },
      {"/api/v1/extremes", new String[] {"topic", "apple", "limit", "0"}, "limit"},
      {"/api/v1/extremes", new String[] {"topic", "apple", "limit", "51"}, "limit"},
      {"/api/v1/extremes", new String[] {"topic", "apple", "limit", "ten"}, "limit"},
      {"/api/v1/extremes", new String[] {"topic", "apple", "polarity", "up"}, "polarity"},
      {"/api/v1/extremes", new String[] {"topic", "apple", "from", "now-8d"}, "from"},
      {"/api/v1/extremes", new String[] {"topic", "apple", "topic", "all"}, "topic"},
      {"/api/v1/extremes", new String[] {"topic", "kiwi"}, "topic"},
      {"/api/v1/score", new String[] {}, "text"},
      {"/api/v1/score", new String[] {"text", "x".repeat(2_001)}, "text"},
      {"/api/v1/live", new String[] {"topic", "kiwi"}, "topic"},
    };
  }

  @ParameterizedTest(name = "{0} {1}: 400 naming {2}")
  @MethodSource("badParameters")
  void everyBadParameterIsA400NamingIt(String path, String[] q, String parameter) {
    WebTarget w = t(path);
    for (int i = 0; i < q.length; i += 2) {
      w = w.queryParam(q[i], q[i + 1]);
    }
    Response r = w.request().get();
    String body = r.readEntity(String.class);
    assertThat(r.getStatus()).as("%s %s", path, String.join(" ", q)).isEqualTo(400);
    Shapes.assertSameShape("error.json", body);
    JsonNode j = json(body);
    assertThat(j.get("error").asText()).isEqualTo("bad_parameter");
    assertThat(j.get("parameter").asText()).as("%s %s", path, body).isEqualTo(parameter);
    assertThat(j.get("detail").asText()).isNotBlank().doesNotContain("Exception");
  }

  static JsonNode json(String s) {
    try {
      return Shapes.JSON.readTree(s);
    } catch (Exception e) {
      throw new AssertionError(s, e);
    }
  }

  @Test
  void badLastEventIdIsA400NamingTheHeader() {
    Response r =
        t("/api/v1/live").queryParam("topic", "apple").request().header("Last-Event-ID", "x").get();
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(json(r.readEntity(String.class)).get("parameter").asText())
        .isEqualTo("Last-Event-ID");
  }

  @Test
  void storageDownIsA503WithRetryAfterAndNoStackTrace() {
    store.down = true;
    for (String path : List.of("/api/v1/topics", "/api/v1/series?topic=apple")) {
      Response r = t(path.split("\\?")[0]).queryParam("topic", "apple").request().get();
      String body = r.readEntity(String.class);
      assertThat(r.getStatus()).isEqualTo(503);
      assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
      assertThat(json(body).get("error").asText()).isEqualTo("unavailable");
      assertThat(body).doesNotContain("at io.").doesNotContain("Exception");
    }
  }

  @Test
  void healthIsDegradedWhenTheStoreIsDown() {
    store.down = true;
    Response h = t("/health").request().get();
    assertThat(h.getStatus()).isEqualTo(503);
    assertThat(h.getHeaderString("Retry-After")).isEqualTo("5");
    assertThat(h.readEntity(String.class))
        .isEqualTo("{\"status\":\"degraded\",\"hbase\":\"down\"}");
  }

  @Test
  void healthIsOkWhenTheStoreAnswers() {
    Response h = t("/health").request().get();
    assertThat(h.getStatus()).isEqualTo(200);
    assertThat(h.readEntity(String.class)).isEqualTo("{\"status\":\"ok\",\"hbase\":\"up\"}");
  }

  @Test
  void anUnknownPathIsAJson404() {
    Response missing = t("/api/v1/nothing").request().get();
    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(json(missing.readEntity(String.class)).get("error").asText()).isEqualTo("not_found");
  }

  @Test
  void aWriteIsAJson405() {
    Response post = t("/api/v1/topics").request().post(Entity.json("{}"));
    assertThat(post.getStatus()).isEqualTo(405);
    assertThat(json(post.readEntity(String.class)).get("error").asText())
        .isEqualTo("method_not_allowed");
  }

  @Test
  void metricsCountRequestsByEndpointAndTimeStorageReads() {
    t("/api/v1/topics").request().get(String.class);
    t("/api/v1/series").queryParam("topic", "apple").request().get(String.class);
    t("/api/v1/series").queryParam("topic", "pear").request().get();
    Map<String, Exposition.Family> m =
        Exposition.parse(t("/metrics").request().get(String.class), Exposition.Format.PROMETHEUS);
    Exposition.Family requests = m.get("moodstream_http_requests_total");
    assertThat(
            requests.value(requests.name(), Map.of("endpoint", "/api/v1/topics", "status", "200")))
        .isEqualTo(1);
    assertThat(
            requests.value(requests.name(), Map.of("endpoint", "/api/v1/series", "status", "200")))
        .isEqualTo(1);
    assertThat(
            requests.value(requests.name(), Map.of("endpoint", "/api/v1/series", "status", "400")))
        .isEqualTo(1);
    Exposition.Family latency = m.get("moodstream_http_request_duration_seconds");
    assertThat(latency.value(latency.name() + "_count", Map.of("endpoint", "/api/v1/series")))
        .isEqualTo(2);
    Exposition.Family hbase = m.get("moodstream_hbase_read_duration_seconds");
    assertThat(hbase.find(hbase.name() + "_count", Map.of("operation", "agg_1m"))).hasSize(1);
    assertThat(m.get("moodstream_sse_clients").value("moodstream_sse_clients", Map.of())).isZero();
  }

  @Test
  void openApiStatesTheProjectVersionTheBuildWrote() throws Exception {
    java.util.Properties facts = new java.util.Properties();
    try (var in =
        getClass().getClassLoader().getResourceAsStream("META-INF/moodstream/build.properties")) {
      facts.load(in);
    }
    JsonNode doc = json(t("/api/openapi.json").request().get(String.class));
    assertThat(doc.at("/info/version").asText())
        .isEqualTo(facts.getProperty("version"))
        .doesNotContain("${");
  }

  @Test
  void openApiDocumentsEveryResourcePath() throws Exception {
    JsonNode doc = json(t("/api/openapi.json").request().get(String.class));
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    java.util.Set<String> paths = new java.util.TreeSet<>();
    for (Object resource : RestApplication.create(services).getInstances()) {
      Class<?> c = resource.getClass();
      if (!c.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
        continue; // a filter, mapper or resolver
      }
      String path = c.getAnnotation(jakarta.ws.rs.Path.class).value();
      for (java.lang.reflect.Method m : c.getMethods()) {
        if (m.isAnnotationPresent(jakarta.ws.rs.GET.class)) {
          jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
          paths.add(sub == null ? path : path + "/" + sub.value());
        }
      }
    }
    for (String path : paths) {
      assertThat(doc.get("paths").has(path)).as("openapi documents %s", path).isTrue();
    }
    assertThat(doc.get("paths").size()).isEqualTo(paths.size());
  }

  @Test
  void corsIsOffUnlessConfigured() {
    Response r = t("/api/v1/topics").request().header("Origin", "http://elsewhere.example").get();
    assertThat(r.getHeaderString("Access-Control-Allow-Origin")).isNull();
  }
}
