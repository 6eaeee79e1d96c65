package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server over a store that can hang like a frozen HBase: the probes, the bulkhead (HBase
 * requests answer 503 within the timeout, a full bulkhead at once, everything else keeps answering
 * in milliseconds) and the graceful stop.
 */
class ResilienceTest {
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  final InMemoryBucketStore store = new InMemoryBucketStore();
  final List<RestServer> servers = new ArrayList<>();

  ResilienceTest() {
    Seed.day(store);
  }

  @AfterEach
  void release() {
    CountDownLatch h = store.hang;
    if (h != null) {
      h.countDown();
    }
    servers.forEach(RestServer::close);
  }

  RestServer start(RestConfig.Settings settings) throws Exception {
    RestServer s =
        RestServer.start(
            RestServices.create(store, settings, Clock.fixed(Seed.NOW, ZoneOffset.UTC)));
    servers.add(s);
    return s;
  }

  /** Two bulkhead threads and two queue slots, the given HBase timeout and shutdown grace. */
  static RestConfig.Settings hbase(String timeout, String grace) {
    return TestSettings.of(
        "rest.hbase.timeout",
        timeout,
        "rest.hbase.threads",
        "2",
        "rest.hbase.queue",
        "2",
        "rest.shutdown.grace",
        grace);
  }

  HttpResponse<String> get(RestServer s, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<String>> getAsync(RestServer s, String path) {
    return http.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  record Timed(HttpResponse<String> response, long millis) {}

  Timed timed(RestServer s, String path) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = get(s, path);
    return new Timed(r, (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void livenessNeverTouchesHBaseAndReadinessDoes() throws Exception {
    RestServer s = start(TestSettings.of());
    assertThat(get(s, "/health/ready").statusCode()).isEqualTo(200);
    JsonNode ready = ResourcesTest.json(get(s, "/health/ready").body());
    assertThat(ready.get("status").asText()).isEqualTo("ready");
    assertThat(ready.get("hbase").asText()).isEqualTo("up");
    assertThat(ready.get("stream").asText()).isEqualTo("not_configured");
    store.down = true;
    HttpResponse<String> live = get(s, "/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).isEqualTo("{\"status\":\"live\"}");
    HttpResponse<String> notReady = get(s, "/health/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.headers().firstValue("Retry-After")).contains("5");
    assertThat(ResourcesTest.json(notReady.body()).get("hbase").asText()).isEqualTo("down");
    assertThat(get(s, "/health").body()).isEqualTo("{\"status\":\"degraded\",\"hbase\":\"down\"}");
  }

  @Test
  void readinessWantsAFreshStreamStatusWhenOneIsConfigured(@TempDir Path dir) throws Exception {
    Path status = dir.resolve("stream-status.json");
    RestConfig.Settings settings =
        TestSettings.of(
            "rest.stream.status.file", status.toString(), "rest.ready.stream.max.age", "2m");
    RestServer s = start(settings);
    HttpResponse<String> missing = get(s, "/health/ready");
    assertThat(missing.statusCode()).isEqualTo(503);
    assertThat(ResourcesTest.json(missing.body()).get("stream").asText()).isEqualTo("missing");
    Files.writeString(status, "{\"state\":\"running\",\"updatedAt\":\"2026-11-24T21:55:00Z\"}");
    assertThat(get(s, "/health/ready").statusCode()).as("90 s old, 2 min allowed").isEqualTo(200);
    Files.writeString(status, "{\"state\":\"running\",\"updatedAt\":\"2026-11-24T21:50:00Z\"}");
    HttpResponse<String> stale = get(s, "/health/ready");
    assertThat(stale.statusCode()).isEqualTo(503);
    assertThat(ResourcesTest.json(stale.body()).get("stream").asText()).isEqualTo("stale");
  }

  @Test
  void aHungStoreAnswers503WithinTheTimeoutAndNothingElseWaits() throws Exception {
    RestServer s = start(hbase("5s", "1s"));
    assertThat(get(s, "/api/v1/topics").statusCode()).isEqualTo(200); // topics known
    store.hang = new CountDownLatch(1);
    List<CompletableFuture<HttpResponse<String>>> hbaseBound = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < 4; i++) { // fills the 2 threads and the 2 queue slots
      hbaseBound.add(getAsync(s, "/api/v1/series?topic=apple&from=now-" + (10 + i) + "m"));
    }
    long full = System.nanoTime() + Duration.ofSeconds(4).toNanos(); // before the 5 s deadline
    while (store.hung.get() < 2 || s.services().hbase().queued() < 2) {
      assertThat(System.nanoTime())
          .as(
              "both threads hung in HBase and both queue slots taken within 4 s (hung %d, queued"
                  + " %d)",
              store.hung.get(), s.services().hbase().queued())
          .isLessThan(full);
      Thread.sleep(5);
    }
    Timed busy = timed(s, "/api/v1/series?topic=apple&from=now-30m");
    assertThat(busy.response().statusCode()).as("the bulkhead is full").isEqualTo(503);
    assertThat(busy.millis()).as("a full bulkhead answers at once").isLessThan(500);
    for (String path :
        List.of(
            "/",
            "/app.js",
            "/api/v1/score?text=fine",
            "/health/live",
            "/api/openapi.json",
            "/metrics")) {
      Timed t = timed(s, path);
      assertThat(t.response().statusCode()).as(path).isEqualTo(200);
      assertThat(t.millis()).as("%s while HBase hangs", path).isLessThan(500);
    }
    for (CompletableFuture<HttpResponse<String>> f : hbaseBound) {
      HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).contains("5");
      assertThat(ResourcesTest.json(r.body()).get("error").asText()).isEqualTo("unavailable");
    }
    long all = (System.nanoTime() - t0) / 1_000_000;
    assertThat(all)
        .as("the queued requests time out too: none waits for another's HBase read")
        .isLessThan(5_000 + 2_000);
    store.hang.countDown();
    store.hang = null;
    assertThat(get(s, "/api/v1/series?topic=apple&from=now-10m").statusCode())
        .as("recovers once the store answers")
        .isEqualTo(200);
  }

  @Test
  void aSlowInFlightRequestFinishesDuringTheGracefulStop() throws Exception {
    RestServer s = start(hbase("10s", "10s"));
    assertThat(get(s, "/api/v1/topics").statusCode()).isEqualTo(200);
    int port = s.port();
    CountDownLatch hang = new CountDownLatch(1);
    store.hang = hang;
    CompletableFuture<HttpResponse<String>> slow =
        getAsync(s, "/api/v1/series?topic=apple&from=now-10m");
    while (store.hung.get() < 1) {
      Thread.sleep(5);
    }
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!s.services().stopping().get()) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(5);
    }
    Thread.sleep(300); // the listener has stopped accepting
    assertThat(stopping).as("the stop waits for the in-flight request").isNotDone();
    boolean refused;
    try {
      HttpResponse<String> late =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      refused = late.statusCode() == 503;
    } catch (ConnectException e) {
      refused = true;
    }
    assertThat(refused).as("no new request is served while stopping").isTrue();
    store.hang = null;
    hang.countDown(); // the slow read completes
    HttpResponse<String> r = slow.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).as("the in-flight request finished").isEqualTo(200);
    assertThat(ResourcesTest.json(r.body()).get("series").get(0).get("points").size()).isPositive();
    stopping.get(10, TimeUnit.SECONDS);
    servers.remove(s);
  }

  @Test
  void theStopCutsWhatIsStillRunningAfterTheGrace() throws Exception {
    RestServer s = start(hbase("30s", "500ms"));
    assertThat(get(s, "/api/v1/topics").statusCode()).isEqualTo(200);
    store.hang = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> stuck =
        getAsync(s, "/api/v1/series?topic=apple&from=now-10m");
    while (store.hung.get() < 1) {
      Thread.sleep(5);
    }
    long t0 = System.nanoTime();
    s.close();
    servers.remove(s);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).as("stopped after the 500 ms grace, not after the 30 s read").isLessThan(5_000);
    // the cut request ends (its connection closed: the client may retry and find no server)
    assertThat(stuck.handle((r, e) -> r == null || r.statusCode() != 200).get(10, TimeUnit.SECONDS))
        .isTrue();
  }
}
