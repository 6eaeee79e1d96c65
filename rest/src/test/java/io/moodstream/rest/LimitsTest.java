package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.rest.health.Exposition;
import io.moodstream.rest.store.BucketChangeFeed;
import io.moodstream.rest.store.SettledBucketCache;
import io.moodstream.schema.hbase.Step;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits on the whole server: rate limits (429 + Retry-After), answer sizes, the bearer token,
 * the live clients' caps and queue, the cache's bytes, and the warning of an open service.
 */
class LimitsTest {
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final InMemoryBucketStore store = new InMemoryBucketStore();
  final List<RestServer> servers = new ArrayList<>();
  final List<SseClient> clients = new ArrayList<>();

  LimitsTest() {
    Seed.day(store);
  }

  @AfterEach
  void stop() {
    clients.forEach(SseClient::close);
    servers.forEach(RestServer::close);
  }

  RestServer start(RestConfig.Settings settings) throws Exception {
    RestServer s =
        RestServer.start(
            RestServices.create(store, settings, Clock.fixed(Seed.NOW, ZoneOffset.UTC)));
    servers.add(s);
    return s;
  }

  HttpResponse<String> get(RestServer s, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
            .timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static RestConfig.Settings rates(int scorePerSecond, int scoreBurst, int perMinute, int burst) {
    return TestSettings.of(
        "rest.ratelimit.score", String.valueOf(scorePerSecond),
        "rest.ratelimit.score.burst", String.valueOf(scoreBurst),
        "rest.ratelimit.expensive", String.valueOf(perMinute),
        "rest.ratelimit.expensive.burst", String.valueOf(burst));
  }

  double rejected(RestServer s, String reason) throws Exception {
    Map<String, Exposition.Family> m =
        Exposition.parse(get(s, "/metrics").body(), Exposition.Format.PROMETHEUS);
    Exposition.Family f = m.get("moodstream_http_rejected_total");
    if (f == null) {
      return 0;
    }
    List<Exposition.Sample> found = f.find(f.name(), Map.of("reason", reason));
    return found.isEmpty() ? 0 : found.get(0).value();
  }

  @Test
  void scoreIsRateLimitedPerAddressWith429AndRetryAfter() throws Exception {
    RestServer s = start(rates(1, 3, 30, 10));
    for (int i = 0; i < 3; i++) {
      assertThat(get(s, "/api/v1/score?text=ok").statusCode()).as("burst %d", i).isEqualTo(200);
    }
    HttpResponse<String> limited = get(s, "/api/v1/score?text=ok");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("1");
    Shapes.assertSameShape("error.json", limited.body());
    assertThat(ResourcesTest.json(limited.body()).get("error").asText()).isEqualTo("rate_limited");
    assertThat(rejected(s, "rate_limited")).isEqualTo(1);
    Thread.sleep(1_100);
    assertThat(get(s, "/api/v1/score?text=ok").statusCode()).as("a token is back").isEqualTo(200);
  }

  @Test
  void longRangeReadsAreRateLimitedAndShortOnesAreNot() throws Exception {
    RestServer s = start(rates(20, 40, 1, 2));
    // 5-minute steps over 7 days read 10,080 minute buckets: expensive
    String week = "/api/v1/series?topic=apple&from=now-7d&step=5m";
    assertThat(get(s, week).statusCode()).isEqualTo(200);
    assertThat(get(s, week).statusCode()).isEqualTo(200);
    HttpResponse<String> limited = get(s, week);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
        .as("1 per minute: the next token within a minute")
        .isBetween(1L, 60L);
    for (int i = 0; i < 10; i++) {
      assertThat(get(s, "/api/v1/series?topic=apple&from=now-6h").statusCode())
          .as("6 hours of minutes are not expensive")
          .isEqualTo(200);
    }
    assertThat(get(s, "/api/v1/extremes?topic=apple&from=now-7d&to=now-1m").statusCode())
        .as("7 days of extremes are expensive too")
        .isEqualTo(429);
  }

  @Test
  void answersLargerThanTheBoundAreRefused() throws Exception {
    RestServer s = start(TestSettings.of("rest.response.max.bytes", "65536"));
    assertThat(get(s, "/api/v1/series?topic=apple&from=now-1h").statusCode()).isEqualTo(200);
    for (String format : List.of("json", "csv")) {
      HttpResponse<String> big = get(s, "/api/v1/series?topic=apple&step=1m&format=" + format);
      assertThat(big.statusCode()).as(format).isEqualTo(400);
      assertThat(ResourcesTest.json(big.body()).get("error").asText()).isEqualTo("too_large");
    }
    assertThat(rejected(s, "too_large")).isEqualTo(2);
  }

  @Test
  void withATokenTheApiAndMetricsNeedItAndTheProbesAndDashboardDoNot() throws Exception {
    RestServer s = start(TestSettings.of("rest.auth.token", "t0ken-for-tests"));
    HttpResponse<String> none = get(s, "/api/v1/topics");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"moodstream\"");
    assertThat(ResourcesTest.json(none.body()).get("error").asText()).isEqualTo("unauthorized");
    assertThat(get(s, "/api/v1/topics", "Authorization", "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(get(s, "/metrics").statusCode()).isEqualTo(401);
    assertThat(get(s, "/api/v1/topics", "Authorization", "Bearer t0ken-for-tests").statusCode())
        .isEqualTo(200);
    assertThat(get(s, "/health/live").statusCode()).isEqualTo(200);
    assertThat(get(s, "/health/ready").statusCode()).isEqualTo(200);
    assertThat(get(s, "/").statusCode()).isEqualTo(200);
    String metrics = get(s, "/metrics", "Authorization", "Bearer t0ken-for-tests").body();
    assertThat(metrics).doesNotContain("t0ken-for-tests");
    assertThat(
            Exposition.parse(metrics, Exposition.Format.PROMETHEUS)
                .get("moodstream_http_rejected_total")
                .value("moodstream_http_rejected_total", Map.of("reason", "unauthorized")))
        .isEqualTo(3);
    assertThat(s.services().settings().toString())
        .contains("authToken=<secret>")
        .doesNotContain("t0ken-for-tests");
  }

  @Test
  void liveClientsAreCappedPerAddressAndInTotal() throws Exception {
    RestServer s =
        start(
            TestSettings.of(
                "rest.sse.max.clients", "3",
                "rest.sse.max.clients.per.address", "2",
                "rest.sse.write.timeout", "10s"));
    URI live = URI.create("http://127.0.0.1:" + s.port() + "/api/v1/live?topic=apple");
    for (int i = 0; i < 2; i++) {
      SseClient c = new SseClient(live, null);
      clients.add(c);
      assertThat(c.status).isEqualTo(200);
    }
    HttpResponse<String> third = get(s, "/api/v1/live?topic=apple", "Accept", "text/event-stream");
    assertThat(third.statusCode()).as("a third connection from this address").isEqualTo(503);
    assertThat(third.headers().firstValue("Retry-After")).contains("5");
    assertThat(ResourcesTest.json(third.body()).get("error").asText())
        .isEqualTo("too_many_clients");
    assertThat(rejected(s, "sse_address_full")).isEqualTo(1);
    clients.remove(0).close();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int status = 0;
    while (System.nanoTime() < deadline) { // the hub notices the departure at its next write
      HttpResponse<String> again =
          get(s, "/api/v1/live?topic=apple", "Accept", "text/event-stream", "Last-Event-ID", "x");
      status = again.statusCode();
      if (status == 400) { // admitted (the bad Last-Event-ID is checked first: no stream opened)
        break;
      }
      Thread.sleep(200);
    }
    assertThat(status).isEqualTo(400);
  }

  @Test
  void aClientFallingBehindItsQueueIsDisconnectedAndCounted() throws Exception {
    RestServer s =
        start(
            TestSettings.of(
                "rest.sse.max.clients", "100",
                "rest.sse.queue.bytes", "32768",
                "rest.sse.write.timeout", "10s"));
    // a resume from 20 h back sends ~1,080 buckets at once: far more than a 32 KiB queue, which
    // holds the usual last hour (54 buckets here)
    long from = Seed.LAST - 20 * 3600;
    SseClient behind =
        new SseClient(
            URI.create("http://127.0.0.1:" + s.port() + "/api/v1/live?topic=apple"),
            Long.toString(from));
    clients.add(behind);
    assertThat(behind.status).isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    double evicted = 0;
    while (System.nanoTime() < deadline && evicted == 0) {
      Map<String, Exposition.Family> m =
          Exposition.parse(get(s, "/metrics").body(), Exposition.Format.PROMETHEUS);
      Exposition.Family f = m.get("moodstream_sse_evictions_total");
      if (f != null) {
        evicted = f.value(f.name(), Map.of("reason", "queue_full"));
      }
      Thread.sleep(100);
    }
    assertThat(evicted).isEqualTo(1);
    SseClient normal =
        new SseClient(
            URI.create("http://127.0.0.1:" + s.port() + "/api/v1/live?topic=apple"), null);
    clients.add(normal);
    assertThat(normal.next(Duration.ofSeconds(5))).as("an ordinary client is served").isNotNull();
  }

  @Test
  void theSettledBucketCacheStaysWithinItsBytes() {
    SettledBucketCache cache =
        new SettledBucketCache(
            store, Clock.fixed(Seed.NOW, ZoneOffset.UTC), 100_000, BucketChangeFeed.NONE);
    long last = Seed.LAST;
    for (int h = 1; h <= 20; h++) {
      long from = last - h * 3600L;
      assertThat(cache.aggregates(Step.MINUTE, "apple", from, last))
          .isEqualTo(store.aggregates(Step.MINUTE, "apple", from, last));
      assertThat(cache.bytes()).as("after %d h", h).isLessThanOrEqualTo(100_000);
    }
  }

  @Test
  void bindingBeyondLoopbackWithoutATokenIsWarnedLoudly() {
    assertThat(TestSettings.of().bindsBeyondLoopback()).isFalse();
    for (String loopback : List.of("localhost", "::1")) {
      assertThat(TestSettings.of("rest.bind.address", loopback).bindsBeyondLoopback()).isFalse();
    }
    for (String beyond : List.of("0.0.0.0", "10.1.2.3")) {
      assertThat(TestSettings.of("rest.bind.address", beyond).bindsBeyondLoopback()).isTrue();
    }
    assertThat(String.join("\n", RestServer.openWarning("0.0.0.0")))
        .contains("WARNING")
        .contains("0.0.0.0")
        .contains("WITHOUT authentication")
        .contains("MOODSTREAM_REST_AUTH_TOKEN");
  }
}
