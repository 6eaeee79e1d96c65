package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.moodstream.rest.health.Exposition;
import io.moodstream.rest.http.SecurityHeaders;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and malformed requests against the whole server (Grizzly, the front door, Jersey), sent
 * byte for byte over a socket: every error is JSON {error, parameter, detail} with the security
 * headers, never a stack trace, HTML page or server banner, and each is counted in /metrics and
 * reported once to the request log.
 */
class HardeningTest {
  static RestServer server;

  @BeforeAll
  static void start() throws Exception {
    InMemoryBucketStore store = new InMemoryBucketStore();
    Seed.day(store);
    server =
        RestServer.start(
            RestServices.create(store, TestSettings.of(), Clock.fixed(Seed.NOW, ZoneOffset.UTC)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A raw HTTP exchange: status, headers (lower-case names), body. */
  record Raw(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      return ResourcesTest.json(body);
    }
  }

  static Raw send(String requestHead) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        all.write(buf, 0, n);
      }
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as("a complete response head: %s", text).isPositive();
      String[] head = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < head.length; i++) {
        int c = head[i].indexOf(':');
        headers.put(
            head[i].substring(0, c).trim().toLowerCase(Locale.ROOT),
            head[i].substring(c + 1).trim());
      }
      String body = text.substring(end + 4);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = dechunk(body);
      }
      return new Raw(
          Integer.parseInt(head[0].split(" ")[1]),
          headers,
          new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }
  }

  static String dechunk(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int eol = s.indexOf("\r\n", i);
      int size = Integer.parseInt(s.substring(i, eol).split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(s, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
  }

  static Raw get(String target) throws Exception {
    return send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }

  static void assertJsonError(Raw r, int status, String error, String at) {
    assertThat(r.status()).as(at).isEqualTo(status);
    assertThat(r.headers().get("content-type")).as(at).startsWith("application/json");
    JsonNode j = r.json();
    Shapes.assertSameShape("error.json", r.body());
    assertThat(j.get("error").asText()).as(at).isEqualTo(error);
    assertThat(j.get("detail").asText()).as(at).isNotBlank();
    assertSafe(r, at);
  }

  /** No stack trace, no HTML, no banner; the security headers present. */
  static void assertSafe(Raw r, String at) {
    assertThat(r.body())
        .as(at)
        .doesNotContainIgnoringCase("grizzly")
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContainIgnoringCase("<html");
    assertHeaders(r, at);
  }

  /** The security headers present, no banner. */
  static void assertHeaders(Raw r, String at) {
    assertThat(r.headers()).as(at).doesNotContainKey("server").doesNotContainKey("x-powered-by");
    SecurityHeaders.HEADERS.forEach(
        (name, value) ->
            assertThat(r.headers().get(name.toLowerCase(Locale.ROOT)))
                .as("%s: %s", at, name)
                .isEqualTo(value));
  }

  @Test
  void badPercentEscapesAre400sNamingTheParameter() throws Exception {
    Raw query = get("/api/v1/series?topic=%ZZ");
    assertJsonError(query, 400, "bad_request", "bad escape in a query value");
    assertThat(query.json().get("parameter").asText()).isEqualTo("topic");
    assertJsonError(get("/api/v1/score?text=%E0%A4"), 400, "bad_request", "escapes not UTF-8");
    assertJsonError(get("/%ZZ"), 400, "bad_request", "bad escape in the path");
    assertJsonError(get("/api/v1/topics?%G1=1"), 400, "bad_request", "bad escape in a name");
  }

  @Test
  void pathTraversalAndNormalisationTricksAre400s() throws Exception {
    for (String path :
        List.of(
            "/api/v1/../../etc/passwd",
            "/api/v1/%2e%2e/%2e%2e/x",
            "/..%2f..%2fetc/passwd",
            "/app.js%00.html",
            "/./index.html")) {
      assertJsonError(get(path), 400, "bad_request", path);
    }
  }

  @Test
  void unknownPathsAndOtherMethodsAreJson404And405() throws Exception {
    assertJsonError(get("/nothing-here"), 404, "not_found", "static 404");
    assertJsonError(get("/api/nothing"), 404, "not_found", "API 404");
    Raw delete =
        send(
            "DELETE /app.js HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assertJsonError(delete, 405, "method_not_allowed", "DELETE of a static file");
    assertThat(delete.headers().get("allow")).isEqualTo("GET");
    Raw post =
        send(
            "POST /api/v1/topics HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection:"
                + " close\r\n\r\n{}");
    assertJsonError(post, 405, "method_not_allowed", "POST to the API");
  }

  @Test
  void oversizedRequestLinesAndHeadersAre414And431() throws Exception {
    Raw longUrl = get("/api/v1/score?text=" + "a".repeat(RestServer.MAX_HEADER_BYTES + 100));
    assertJsonError(longUrl, 414, "uri_too_long", "request line too long");
    Raw bigHeader =
        send(
            "GET /api/v1/topics HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "b".repeat(RestServer.MAX_HEADER_BYTES)
                + "\r\nConnection: close\r\n\r\n");
    assertJsonError(bigHeader, 431, "headers_too_large", "headers too large");
    Raw garbage = send("NOT HTTP AT ALL\r\n\r\n");
    assertJsonError(garbage, 400, "bad_request", "not HTTP");
  }

  @Test
  void successfulAnswersCarryTheSecurityHeadersToo() throws Exception {
    Raw index = get("/");
    assertThat(index.status()).isEqualTo(200);
    assertHeaders(index, "the dashboard");
    Raw topics = get("/api/v1/topics");
    assertThat(topics.status()).isEqualTo(200);
    assertSafe(topics, "the API");
    assertThat(topics.headers().get("content-security-policy")).contains("frame-ancestors 'none'");
  }

  @Test
  void everyRefusalIsCountedByStatusAndReportedOnce() throws Exception {
    long logged = server.services().errorLog().refusedCount();
    Map<String, Exposition.Family> before = metrics();
    get("/%ZZ");
    get("/nothing-here");
    get("/api/nothing");
    get("/api/v1/score?text=" + "a".repeat(RestServer.MAX_HEADER_BYTES + 100));
    get("/api/v1/series?topic=pear");
    Map<String, Exposition.Family> after = metrics();
    assertThat(server.services().errorLog().refusedCount() - logged)
        .as("one report per refused request, whichever layer refused it")
        .isEqualTo(5);
    assertThat(count(after, "unmatched", "400") - count(before, "unmatched", "400")).isEqualTo(1);
    assertThat(count(after, "unmatched", "404") - count(before, "unmatched", "404")).isEqualTo(2);
    assertThat(count(after, "unmatched", "414") - count(before, "unmatched", "414")).isEqualTo(1);
    assertThat(count(after, "/api/v1/series", "400") - count(before, "/api/v1/series", "400"))
        .isEqualTo(1);
  }

  static Map<String, Exposition.Family> metrics() throws Exception {
    return Exposition.parse(get("/metrics").body(), Exposition.Format.PROMETHEUS);
  }

  static double count(Map<String, Exposition.Family> m, String endpoint, String status) {
    List<Exposition.Sample> s =
        m.get("moodstream_http_requests_total")
            .find("moodstream_http_requests_total", Map.of("endpoint", endpoint, "status", status));
    return s.isEmpty() ? 0 : s.get(0).value();
  }
}
