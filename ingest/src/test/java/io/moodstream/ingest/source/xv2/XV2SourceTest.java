package io.moodstream.ingest.source.xv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moodstream.ingest.core.FatalSourceException;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.RecordingSink;
import io.moodstream.ingest.source.live.RecordingSleeper;
import io.moodstream.ingest.source.live.ScriptedStreamServer;
import io.moodstream.ingest.source.live.ScriptedStreamServer.Stall;
import io.moodstream.ingest.source.live.ScriptedStreamServer.Status;
import io.moodstream.ingest.source.live.ScriptedStreamServer.Stream;
import io.moodstream.ingest.source.live.SourceThread;
import io.moodstream.schema.event.Source;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class XV2SourceTest {
  static final ObjectMapper M = new ObjectMapper();
  final List<String[]> rules = new ArrayList<>(); // id, value, tag
  final List<String> ruleCalls = new ArrayList<>();
  final RecordingSink sink = new RecordingSink();
  final List<String> topics = List.of("coffee", "election");
  final Ingestor in = sink.ingestor(Source.X_V2, topics);
  final RecordingSleeper sleeper = new RecordingSleeper();

  static String post(String id, String text, String tag) {
    return "{\"data\":{\"id\":\""
        + id
        + "\",\"text\":\""
        + text
        + "\",\"created_at\":\"2026-11-24T10:00:00.000Z\",\"author_id\":\"7\",\"lang\":\"en\",\"edit_history_tweet_ids\":[\""
        + id
        + "\"]},\"includes\":{\"users\":[{\"id\":\"7\",\"name\":\"Seven\",\"username\":\"seven\"}]},\"matching_rules\":[{\"id\":\"9\",\"tag\":\""
        + tag
        + "\"}]}";
  }

  private ScriptedStreamServer server(List<ScriptedStreamServer.Step> script) throws Exception {
    ScriptedStreamServer s = new ScriptedStreamServer("/2/tweets/search/stream", script);
    s.handle(
        "/2/tweets/search/stream/rules",
        x -> {
          String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean dry = String.valueOf(x.getRequestURI().getQuery()).contains("dry_run=true");
          assertThat(x.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer t0k");
          ruleCalls.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + body);
          if (x.getRequestMethod().equals("POST")) {
            JsonNode req = M.readTree(body);
            if (!dry) {
              for (JsonNode a : req.path("add")) {
                rules.add(
                    new String[] {
                      String.valueOf(100 + rules.size()),
                      a.get("value").asText(),
                      a.get("tag").asText()
                    });
              }
              for (JsonNode id : req.path("delete").path("ids")) {
                rules.removeIf(r -> r[0].equals(id.asText()));
              }
            }
          }
          ObjectNode res = M.createObjectNode();
          ArrayNode data = res.putArray("data");
          rules.forEach(r -> data.addObject().put("id", r[0]).put("value", r[1]).put("tag", r[2]));
          res.putObject("meta").put("result_count", rules.size());
          byte[] b = M.writeValueAsBytes(res);
          x.sendResponseHeaders(200, b.length);
          x.getResponseBody().write(b);
          x.close();
        });
    return s.start();
  }

  private XV2Source source(ScriptedStreamServer s) {
    return source(s, Duration.ofMillis(100));
  }

  /** {@code heartbeat}: the stream's keep-alive period; three missed make a stall. */
  private XV2Source source(ScriptedStreamServer s, Duration heartbeat) {
    return new XV2Source(s.url("/2/"), "t0k", topics, heartbeat, sleeper);
  }

  /** A heartbeat whose stalls no scripted step reaches. */
  static final Duration NO_STALLS = Duration.ofSeconds(5);

  @Test
  void aDryRunOfTheRulesPrintsThePlanAndChangesNothing() throws Exception {
    rules.add(new String[] {"1", "stale term", "old"});
    rules.add(new String[] {"2", "coffee", "coffee"});
    try (ScriptedStreamServer s = server(List.of())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      XV2Source.Plan dry =
          source(s).syncRules(true, new PrintStream(out, true, StandardCharsets.UTF_8)::println);
      assertThat(rules).hasSize(2);
      assertThat(dry.add()).extracting(XV2Source.Rule::value).containsExactly("election");
      assertThat(dry.delete()).extracting(XV2Source.Rule::id).containsExactly("1");
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("(dry run)", "add election", "delete 1 stale term");
      assertThat(ruleCalls).anyMatch(c -> c.contains("dry_run=true"));
    }
  }

  @Test
  void rulesAreSyncedAddingMissingAndDeletingStale() throws Exception {
    rules.add(new String[] {"1", "stale term", "old"});
    rules.add(new String[] {"2", "coffee", "coffee"});
    try (ScriptedStreamServer s = server(List.of())) {
      source(s).syncRules(false, report -> {});
      assertThat(rules)
          .extracting(r -> r[1] + "/" + r[2])
          .containsExactlyInAnyOrder("coffee/coffee", "election/election");
    }
  }

  @Test
  void rulesAlreadyInSyncNeedNoChange() throws Exception {
    rules.add(new String[] {"2", "coffee", "coffee"});
    rules.add(new String[] {"3", "election", "election"});
    try (ScriptedStreamServer s = server(List.of())) {
      XV2Source.Plan plan = source(s).syncRules(false, report -> {});
      assertThat(plan).isEqualTo(new XV2Source.Plan(List.of(), List.of()));
      assertThat(ruleCalls).noneMatch(c -> c.startsWith("POST"));
    }
  }

  @Test
  void aRefusedRulesCallIsFatalAndNamesTheCallAndOnA401TheToken() throws Exception {
    List<Integer> answers = new ArrayList<>(List.of(401, 403));
    try (ScriptedStreamServer s = new ScriptedStreamServer("/2/tweets/search/stream", List.of())) {
      s.handle(
          "/2/tweets/search/stream/rules",
          x -> {
            byte[] b = "{\"title\":\"Refused\"}\n".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(answers.remove(0), b.length);
            x.getResponseBody().write(b);
            x.close();
          });
      s.start();
      assertThatThrownBy(() -> source(s).syncRules(false, report -> {}))
          .isInstanceOf(FatalSourceException.class)
          .hasMessage(
              "X API GET tweets/search/stream/rules answered HTTP 401: {\"title\":\"Refused\"}"
                  + " (check MOODSTREAM_INGEST_X_BEARER_TOKEN)");
      assertThatThrownBy(() -> source(s).syncRules(true, report -> {}))
          .isInstanceOf(FatalSourceException.class)
          .hasMessage(
              "X API GET tweets/search/stream/rules answered HTTP 403: {\"title\":\"Refused\"}");
    }
  }

  @Test
  void theCommandLineDryRunPrintsThePlanAndNeedsNoKafka() throws Exception {
    rules.add(new String[] {"1", "stale term", "old"});
    try (ScriptedStreamServer s = server(List.of())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      java.util.Map<String, String> env =
          java.util.Map.of(
              "MOODSTREAM_INGEST_X_API_URL", s.url("/2/"),
              "MOODSTREAM_INGEST_X_BEARER_TOKEN", "t0k",
              "MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
      int code =
          io.moodstream.ingest.IngestMain.run(
              new String[] {"--source", "x-v2", "--dry-run", "--topics", "coffee,election"},
              keys -> io.moodstream.schema.config.MoodstreamConfig.load(keys, env, null),
              new Lifecycle(),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains(
              "(dry run)",
              "add coffee (tag coffee)",
              "add election (tag election)",
              "delete 1 stale term");
      assertThat(rules).hasSize(1);
    }
  }

  /**
   * Runs the source over the script, which ends with a 401 that stops it. A test that does not
   * script stalls passes a long {@code heartbeat}, so that a slow machine is not taken for one.
   */
  private ScriptedStreamServer runUntil401(
      Duration heartbeat, List<ScriptedStreamServer.Step> script) throws Exception {
    List<ScriptedStreamServer.Step> steps = new ArrayList<>(script);
    steps.add(new Status(401, "{\"title\":\"Unauthorized\"}"));
    ScriptedStreamServer s = server(steps);
    return SourceThread.runUntilFatal(
        s,
        source(s, heartbeat),
        in,
        "the X stream answered HTTP 401: {\"title\":\"Unauthorized\"}"
            + " (check MOODSTREAM_INGEST_X_BEARER_TOKEN)");
  }

  @Test
  void postsBecomeEventsAndBadRecordsDeadLetters() throws Exception {
    try (ScriptedStreamServer s =
        runUntil401(
            NO_STALLS,
            List.of(
                Stream.of(
                    ScriptedStreamServer.KEEP_ALIVE,
                    post("1", "I love coffee", "coffee"),
                    "{oops",
                    "{\"data\":{\"text\":\"no id\"}}",
                    ScriptedStreamServer.KEEP_ALIVE,
                    post("2", "vote", "election"))))) {
      assertThat(sink.posts).extracting(p -> p.id()).containsExactly("1", "2");
      assertThat(sink.posts.get(0).topics()).containsExactly("all", "coffee");
      assertThat(sink.posts.get(1).topics()).containsExactly("all", "election");
      assertThat(sink.posts.get(0).author().handle()).isEqualTo("seven");
      assertThat(sink.dead)
          .extracting(d -> d.reason())
          .anyMatch(r -> r.startsWith("record is not valid JSON"))
          .anyMatch(r -> r.contains("data.id"));
    }
  }

  @Test
  void theStreamIsRequestedWithItsExpansionsAndTheBearerToken() throws Exception {
    try (ScriptedStreamServer s = runUntil401(NO_STALLS, List.of())) {
      ScriptedStreamServer.Request first = s.requests.get(0);
      assertThat(first.uri())
          .contains("expansions=author_id", "tweet.fields=created_at,lang,author_id");
      assertThat(first.headers().get("Authorization")).containsExactly("Bearer t0k");
    }
  }

  @Test
  void aRejectedTokenIsFatalNamesItsVariableAndIsNeverRetried() throws Exception {
    try (ScriptedStreamServer s = runUntil401(NO_STALLS, List.of())) {
      assertThat(sleeper.delays).isEmpty();
    }
  }

  @Test
  void dropsRateLimitsErrorsStallsAndDisconnectsWaitTheDocumentedBackoff() throws Exception {
    try (ScriptedStreamServer s =
        runUntil401(
            Duration.ofMillis(100),
            List.of(
                Stream.of(post("1", "I love coffee", "coffee")), // then it drops
                new Status(429, "{\"title\":\"Too Many Requests\"}"),
                new Status(503, "{\"title\":\"Service Unavailable\"}"),
                Stream.of(post("3", "more coffee", "coffee"), new Stall(2_000)),
                Stream.of(
                    "{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":\"UpstreamOperationalDisconnect\"}]}")))) {
      assertThat(sleeper.delays)
          .containsExactly(
              Duration.ofMillis(250), // dropped after data: network, reset by the good connection
              Duration.ofSeconds(60), // 429
              Duration.ofSeconds(5), // 503
              Duration.ofMillis(250), // stall (3 missed heartbeats of 100 ms)
              Duration.ofMillis(250)); // operational disconnect
      assertThat(sink.posts).extracting(p -> p.id()).containsExactly("1", "3");
      assertThat(in.metrics().snapshot())
          .containsAllEntriesOf(
              Map.of(
                  "x-v2/reconnect.rate-limit", 1L,
                  "x-v2/reconnect.http", 1L,
                  "x-v2/reconnect.network", 3L,
                  "x-v2/stall", 1L,
                  "x-v2/notice.disconnect", 1L));
    }
  }

  @Test
  void stoppingClosesTheStreamPromptly() throws Exception {
    try (ScriptedStreamServer s =
        server(List.of(Stream.of(post("1", "coffee", "coffee"), new Stall(30_000))))) {
      XV2Source src = new XV2Source(s.url("/2/"), "t0k", topics, Duration.ofSeconds(20), sleeper);
      Duration stop =
          SourceThread.runUntil(src, in, () -> !sink.posts.isEmpty(), Duration.ofSeconds(10));
      assertThat(stop).isLessThan(Duration.ofSeconds(3));
      assertThat(sleeper.delays).isEmpty();
    }
  }
}
