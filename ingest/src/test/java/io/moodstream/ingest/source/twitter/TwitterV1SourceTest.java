package io.moodstream.ingest.source.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.RecordingSink;
import io.moodstream.ingest.source.live.RecordingSleeper;
import io.moodstream.ingest.source.live.ScriptedStreamServer;
import io.moodstream.ingest.source.live.ScriptedStreamServer.Stall;
import io.moodstream.ingest.source.live.ScriptedStreamServer.Status;
import io.moodstream.ingest.source.live.ScriptedStreamServer.Stream;
import io.moodstream.ingest.source.live.SourceThread;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** twitter-v1 through twitter4j against a local server speaking the v1.1 streaming protocol. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TwitterV1SourceTest {
  final RecordingSink sink = new RecordingSink();
  final List<String> topics = List.of("coffee", "climate change");
  final Ingestor in = sink.ingestor(Source.TWITTER_V1, topics);
  final RecordingSleeper sleeper = new RecordingSleeper();

  /** A stall timeout no scripted step reaches. */
  static final Duration NO_STALLS = Duration.ofSeconds(10);

  static List<String> statuses() throws Exception {
    return Files.readAllLines(Path.of("src/test/resources/replay/v1-statuses.jsonl"));
  }

  private TwitterV1Source source(ScriptedStreamServer s, String method) {
    return source(s, method, Duration.ofMillis(300));
  }

  /** {@code stall}: how long without a byte before the source reconnects. */
  private TwitterV1Source source(ScriptedStreamServer s, String method, Duration stall) {
    return new TwitterV1Source(
        s.url("/1.1/"),
        new TwitterV1Source.Credentials("ck", "cs", "at", "as"),
        new TwitterV1Source.Query(method, topics, new long[] {12L}, new double[0][], List.of("en")),
        stall,
        sleeper);
  }

  /**
   * Runs the filter source over the script, which ends with a 401 that stops it. A test that does
   * not script stalls passes a long {@code stall}, so that a slow machine is not taken for one.
   */
  private ScriptedStreamServer runUntil401(Duration stall, List<ScriptedStreamServer.Step> script)
      throws Exception {
    List<ScriptedStreamServer.Step> steps = new ArrayList<>(script);
    steps.add(new Status(401, "Unauthorized"));
    ScriptedStreamServer s = new ScriptedStreamServer("/1.1/statuses/filter.json", steps).start();
    return SourceThread.runUntilFatal(s, source(s, "filter", stall), in, "HTTP 401");
  }

  @Test
  void statusesBecomePostsDeletesAreForwardedNoticesCountedAndBadJsonADeadLetter()
      throws Exception {
    List<String> st = statuses();
    String delete =
        "{\"delete\":{\"status\":{\"id\":1050118621198921728,\"id_str\":\"1050118621198921728\",\"user_id\":6253282,\"user_id_str\":\"6253282\"}}}";
    String limit = "{\"limit\":{\"track\":1234,\"timestamp_ms\":\"1539202800000\"}}";
    String warning =
        "{\"warning\":{\"code\":\"FALLING_BEHIND\",\"message\":\"Your connection is falling behind\",\"percent_full\":60}}";
    try (ScriptedStreamServer s =
        runUntil401(
            NO_STALLS,
            List.of(
                Stream.of(
                    st.get(0),
                    ScriptedStreamServer.KEEP_ALIVE,
                    delete,
                    limit,
                    "{oops",
                    warning,
                    st.get(1))))) {
      assertThat(sink.posts)
          .extracting(PostEvent::id)
          .containsExactly("1050118621198921728", "1050296000000000001");
      assertThat(sink.posts.get(0).topics()).containsExactly("all", "coffee");
      assertThat(sink.posts.get(1).text()).endsWith("here it is whole 🌍");
      assertThat(sink.posts.get(1).topics()).containsExactly("all", "climate change");
      assertThat(sink.deletes).extracting(d -> d.id()).containsExactly("1050118621198921728");
      assertThat(sink.dead).hasSize(1);
      assertThat(sink.dead.get(0).raw()).isEqualTo("{oops");
      assertThat(in.metrics().snapshot())
          .containsAllEntriesOf(
              Map.of(
                  "twitter-v1/notice.limit", 1L,
                  "twitter-v1/limit.undelivered", 1234L,
                  "twitter-v1/notice.warning", 1L));
    }
  }

  @Test
  void theFilterIsASignedPostOfTheTracksFollowsAndLanguages() throws Exception {
    try (ScriptedStreamServer s = runUntil401(NO_STALLS, List.of())) {
      ScriptedStreamServer.Request first = s.requests.get(0);
      assertThat(first.method()).isEqualTo("POST");
      String form = URLDecoder.decode(first.body(), StandardCharsets.UTF_8);
      assertThat(form).contains("track=coffee,climate change", "follow=12", "language=en");
      assertThat(first.headers().get("Authorization").get(0))
          .startsWith("OAuth ")
          .contains("oauth_consumer_key=\"ck\"");
    }
  }

  @Test
  void aRejectedCredentialIsFatalAndNeverRetried() throws Exception {
    try (ScriptedStreamServer s = runUntil401(NO_STALLS, List.of())) {
      assertThat(sleeper.delays).isEmpty();
      assertThat(s.requests).hasSize(1);
    }
  }

  @Test
  void dropsRateLimitsErrorsStallsAndDisconnectsWaitTheDocumentedBackoff() throws Exception {
    List<String> st = statuses();
    String disconnect =
        "{\"disconnect\":{\"code\":12,\"stream_name\":\"moodstream-statuses\",\"reason\":\"shed load\"}}";
    try (ScriptedStreamServer s =
        runUntil401(
            Duration.ofMillis(300),
            List.of(
                Stream.of(st.get(0)),
                new Status(420, "Enhance Your Calm"),
                new Status(420, "Enhance Your Calm"),
                new Status(503, "Service Unavailable"),
                Stream.of(st.get(2), new Stall(3_000)),
                Stream.of(st.get(4), disconnect),
                new Status(429, "Too Many Requests")))) {
      assertThat(sleeper.delays)
          .containsExactly(
              Duration.ofMillis(250), // connection dropped after data
              Duration.ofSeconds(60), // 420
              Duration.ofSeconds(120), // 420 again: doubled
              Duration.ofSeconds(5), // 503
              Duration.ofMillis(250), // stall: no byte for 300 ms
              Duration.ofMillis(250), // disconnect notice
              Duration.ofSeconds(60)); // 429
      assertThat(sink.posts)
          .extracting(PostEvent::id)
          .containsExactly("1050118621198921728", "1050311000000000002", "1050341000000000004");
      assertThat(in.metrics().snapshot())
          .containsAllEntriesOf(
              Map.of(
                  "twitter-v1/notice.disconnect", 1L,
                  "twitter-v1/stall", 1L,
                  "twitter-v1/reconnect.rate-limit", 3L,
                  "twitter-v1/reconnect.http", 1L,
                  "twitter-v1/reconnect.network", 3L));
    }
  }

  @Test
  void sampleReadsTheSampleEndpointUntilStopped() throws Exception {
    List<String> st = statuses();
    try (ScriptedStreamServer s =
        new ScriptedStreamServer(
                "/1.1/statuses/sample.json",
                List.of(Stream.of(st.get(0), st.get(3), new Stall(30_000))))
            .start()) {
      TwitterV1Source src =
          new TwitterV1Source(
              s.url("/1.1/"),
              new TwitterV1Source.Credentials("ck", "cs", "at", "as"),
              new TwitterV1Source.Query(
                  "sample", List.of(), new long[0], new double[0][], List.of()),
              Duration.ofSeconds(90),
              sleeper);
      SourceThread.runUntil(src, in, () -> sink.posts.size() >= 2, Duration.ofSeconds(10));
      assertThat(sink.posts).hasSize(2);
      assertThat(s.requests.get(0).method()).isEqualTo("GET");
      assertThat(sleeper.delays).isEmpty();
    }
  }
}
