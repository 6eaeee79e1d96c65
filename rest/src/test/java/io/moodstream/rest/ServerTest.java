package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.rest.health.Exposition;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The whole HTTP server (Grizzly, static files, compression, CORS) over the in-memory store. */
class ServerTest {
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  RestServer start(RestConfig.Settings settings) throws Exception {
    InMemoryBucketStore store = new InMemoryBucketStore();
    Seed.day(store);
    return RestServer.start(
        RestServices.create(store, settings, Clock.fixed(Seed.NOW, ZoneOffset.UTC)));
  }

  HttpResponse<byte[]> get(RestServer s, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void jsonIsGzippedWhenTheClientAcceptsIt() throws Exception {
    try (RestServer s = start(TestSettings.of())) {
      HttpResponse<byte[]> r =
          get(s, "/api/v1/series?topic=apple&from=now-6h", "Accept-Encoding", "gzip");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
      String body =
          new String(
              new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(body).startsWith("{\"from\":");
      assertThat(r.body().length).isLessThan(body.length() / 3);
    }
  }

  @Test
  void theRootServesTheDashboardOrAPageSayingItIsNotBuilt() throws Exception {
    try (RestServer s = start(TestSettings.of())) {
      HttpResponse<byte[]> r = get(s, "/");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      boolean built =
          getClass().getClassLoader().getResource(RestServer.UI_FOLDER + "index.html") != null;
      String html = new String(r.body(), StandardCharsets.UTF_8);
      if (!built) {
        assertThat(html).contains("The dashboard is not built");
      } else {
        assertThat(html).doesNotContain("The dashboard is not built");
      }
      assertThat(get(s, "/health").statusCode()).isEqualTo(200);
      assertThat(get(s, "/metrics").statusCode()).isEqualTo(200);
      assertThat(get(s, "/api/v1/topics").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void metricsRepublishTheStreamingJobsStatusFileAndNegotiateOpenMetrics(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path status = dir.resolve("stream-status.json");
    java.nio.file.Files.writeString(
        status,
        "{\"state\":\"running\",\"latePostsTotal\":4,"
            + "\"queries\":{\"aggregates\":{\"batchId\":17,\"numInputRows\":250}}}");
    try (RestServer s = start(TestSettings.of("rest.stream.status.file", status.toString()))) {
      HttpResponse<byte[]> text = get(s, "/metrics");
      jakarta.ws.rs.core.MediaType textType =
          jakarta.ws.rs.core.MediaType.valueOf(
              text.headers().firstValue("Content-Type").orElse(""));
      assertThat(textType.isCompatible(jakarta.ws.rs.core.MediaType.TEXT_PLAIN_TYPE)).isTrue();
      assertThat(textType.getParameters()).containsEntry("version", "0.0.4");
      Map<String, Exposition.Family> m =
          Exposition.parse(
              new String(text.body(), StandardCharsets.UTF_8), Exposition.Format.PROMETHEUS);
      assertThat(
              m.get("moodstream_stream_last_batch_id")
                  .value("moodstream_stream_last_batch_id", Map.of("query", "aggregates")))
          .isEqualTo(17);
      assertThat(m.get("moodstream_stream_late_posts_total").type()).isEqualTo("counter");
      assertThat(m).containsKeys("jvm_memory_used_bytes", "process_cpu_seconds_total");

      HttpResponse<byte[]> om =
          get(
              s,
              "/metrics",
              "Accept",
              "application/openmetrics-text; version=1.0.0; charset=utf-8");
      jakarta.ws.rs.core.MediaType omType =
          jakarta.ws.rs.core.MediaType.valueOf(om.headers().firstValue("Content-Type").orElse(""));
      assertThat(omType.getSubtype()).isEqualTo("openmetrics-text");
      assertThat(omType.getParameters()).containsEntry("version", "1.0.0");
      Map<String, Exposition.Family> o =
          Exposition.parse(
              new String(om.body(), StandardCharsets.UTF_8), Exposition.Format.OPENMETRICS);
      assertThat(o.get("moodstream_stream_late_posts").type()).isEqualTo("counter");
      assertThat(o.get("moodstream_http_requests").type()).isEqualTo("counter");
    }
  }

  @Test
  void configuredOriginsGetCorsHeadersAndOthersDoNot() throws Exception {
    try (RestServer s = start(TestSettings.of("rest.cors.origins", "http://ui.example"))) {
      HttpResponse<byte[]> ok = get(s, "/api/v1/topics", "Origin", "http://ui.example");
      assertThat(ok.headers().firstValue("Access-Control-Allow-Origin"))
          .contains("http://ui.example");
      HttpResponse<byte[]> other = get(s, "/api/v1/topics", "Origin", "http://evil.example");
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      HttpResponse<byte[]> preflight =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/v1/series"))
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("Origin", "http://ui.example")
                  .header("Access-Control-Request-Method", "GET")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(preflight.statusCode()).isEqualTo(204);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET");
    }
  }
}
