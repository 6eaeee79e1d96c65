package io.moodstream.storage.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A GET against a service under test, timed from send to answer: what the ITs that freeze HBase
 * under REST (rest's FrozenHBaseIT, local's FaultSuiteIT) report and assert on. Shared through this
 * test-jar, which both already use.
 *
 * @param body the answer's body, cut to the caller's limit
 */
public record TimedGet(String path, int status, String retryAfter, long millis, String body) {

  /** Sends GET {@code base + path} (60 s timeout); the body is cut to {@code maxBody} chars. */
  public static CompletableFuture<TimedGet> send(
      HttpClient http, String base, String path, int maxBody) {
    long t0 = System.nanoTime();
    return http.sendAsync(
            HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(
            r ->
                new TimedGet(
                    path,
                    r.statusCode(),
                    r.headers().firstValue("Retry-After").orElse(null),
                    (System.nanoTime() - t0) / 1_000_000,
                    r.body().length() > maxBody ? r.body().substring(0, maxBody) : r.body()));
  }

  /** {@link #send} and wait for the answer, at most 90 s. */
  public static TimedGet now(HttpClient http, String base, String path, int maxBody)
      throws Exception {
    return send(http, base, path, maxBody).get(90, TimeUnit.SECONDS);
  }
}
