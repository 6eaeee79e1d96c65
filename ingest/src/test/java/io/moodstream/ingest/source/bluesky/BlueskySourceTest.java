package io.moodstream.ingest.source.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.RecordingSink;
import io.moodstream.ingest.source.bluesky.JetstreamServer.Close;
import io.moodstream.ingest.source.bluesky.JetstreamServer.Pause;
import io.moodstream.ingest.source.bluesky.JetstreamServer.Play;
import io.moodstream.ingest.source.bluesky.JetstreamServer.Refuse;
import io.moodstream.ingest.source.bluesky.JetstreamServer.Stall;
import io.moodstream.ingest.source.live.RecordingSleeper;
import io.moodstream.ingest.source.live.SourceThread;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BlueskySourceTest {
  @TempDir Path dir;
  final RecordingSink sink = new RecordingSink();
  final Ingestor in = sink.ingestor(Source.BLUESKY, List.of("coffee"));
  final RecordingSleeper sleeper = new RecordingSleeper();

  /** A Jetstream event of {@code did} at {@code timeUs}: {@code rest} is its kind and body. */
  static String event(String did, long timeUs, String rest) {
    return "{\"did\":\"" + did + "\",\"time_us\":" + timeUs + "," + rest + "}";
  }

  /** A commit to {@code app.bsky.feed.post}; {@code record} is absent for a delete. */
  static String commit(String did, long timeUs, String operation, String rkey, String record) {
    String body =
        "\"kind\":\"commit\",\"commit\":{\"rev\":\"3l\",\"operation\":\"%s\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"%s\"%s}"
            .formatted(
                operation,
                rkey,
                record == null ? "" : ",\"record\":" + record + ",\"cid\":\"bafy\"");
    return event(did, timeUs, body);
  }

  static String post(String did, String rkey, long timeUs, String text) {
    return commit(
        did,
        timeUs,
        "create",
        rkey,
        "{\"$type\":\"app.bsky.feed.post\",\"text\":\"%s\",\"createdAt\":\"2026-11-24T21:56:35.123Z\",\"langs\":[\"en\"]}"
            .formatted(text));
  }

  static String delete(String did, String rkey, long timeUs) {
    return commit(did, timeUs, "delete", rkey, null);
  }

  private void runUntil(BlueskySource src, BooleanSupplier done) throws Exception {
    SourceThread.runUntil(src, in, done, Duration.ofSeconds(20));
  }

  static String identity(String did, String handle, long timeUs) {
    return event(
        did,
        timeUs,
        "\"kind\":\"identity\",\"identity\":{\"did\":\""
            + did
            + "\",\"handle\":\""
            + handle
            + "\",\"seq\":1,\"time\":\"2026-11-24T21:56:00Z\"}");
  }

  /**
   * Let the client read what was sent before the socket drops: the JDK WebSocket may report an EOF
   * before frames it has not handed out yet (a real Jetstream would replay them from the cursor;
   * this scripted server does not).
   */
  static final Pause BEFORE_THE_DROP = new Pause(150);

  /**
   * A last connection that sends {@code lines} and then stays quiet until the source is stopped.
   */
  static Play quietAfter(String... lines) {
    List<Object> actions = new ArrayList<>(List.of(lines));
    actions.add(new Stall(30_000));
    return new Play(actions);
  }

  /** A server whose one connection sends {@code lines} and then stays quiet. */
  static JetstreamServer serving(String... lines) throws Exception {
    return new JetstreamServer(List.of(quietAfter(lines)));
  }

  private BlueskySource source(JetstreamServer server, Path cursor) {
    return new BlueskySource(server.url(), cursor, Duration.ofMillis(300), sleeper);
  }

  @Test
  void postsBecomeEventsWithTheirAuthorTimeLanguageTopicsAndUrl() throws Exception {
    String did = "did:plc:alice";
    try (JetstreamServer server =
        serving(
            identity(did, "alice.bsky.social", 1000), post(did, "r1", 1001, "I love coffee ☕"))) {
      runUntil(source(server, dir.resolve("c")), () -> sink.posts.size() >= 1);
      PostEvent first = sink.posts.get(0);
      assertThat(first.id()).isEqualTo("at://did:plc:alice/app.bsky.feed.post/r1");
      assertThat(first.author().handle()).isEqualTo("alice.bsky.social");
      assertThat(first.author().id()).isEqualTo(did);
      assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-11-24T21:56:35.123Z"));
      assertThat(first.lang()).isEqualTo("en");
      assertThat(first.topics()).containsExactly("all", "coffee");
      assertThat(first.url()).isEqualTo("https://bsky.app/profile/did:plc:alice/post/r1");
      assertThat(server.requests.get(0))
          .isEqualTo("/subscribe?wantedCollections=app.bsky.feed.post");
    }
  }

  @Test
  void deletesAreForwardedOtherCollectionsSkippedAndBadRecordsDeadLettered() throws Exception {
    String did = "did:plc:alice";
    try (JetstreamServer server =
        serving(
            "{oops",
            event(
                did,
                1002,
                "\"kind\":\"commit\",\"commit\":{\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"r2\",\"record\":{\"createdAt\":\"2026-11-24T21:56:35Z\"}}"),
            event(
                did,
                1003,
                "\"kind\":\"commit\",\"commit\":{\"operation\":\"create\",\"collection\":\"app.bsky.feed.like\",\"rkey\":\"l1\",\"record\":{}}"),
            delete(did, "r1", 1004))) {
      runUntil(source(server, dir.resolve("c")), () -> !sink.deletes.isEmpty());
      assertThat(sink.deletes)
          .extracting(d -> d.id())
          .containsExactly("at://did:plc:alice/app.bsky.feed.post/r1");
      assertThat(sink.posts).isEmpty();
      assertThat(sink.dead).hasSize(2);
      assertThat(in.metrics().snapshot())
          .containsAllEntriesOf(
              Map.of(
                  "bluesky/dlq.malformed-json", 1L,
                  "bluesky/dlq.missing-field", 1L,
                  "bluesky/skipped.collection", 1L));
    }
  }

  @Test
  void dropsRefusalsStallsAndClosesWaitTheDocumentedBackoff() throws Exception {
    try (JetstreamServer server =
        new JetstreamServer(
            List.of(
                new Play(List.of(post("did:plc:alice", "r1", 1001, "coffee"), BEFORE_THE_DROP)),
                new Refuse(429, "Too Many Requests"),
                new Refuse(503, "Service Unavailable"),
                new Play(List.of(post("did:plc:bob", "b1", 1005, "tea time"), new Stall(3_000))),
                new Play(List.of(post("did:plc:bob", "b2", 1006, "more tea"), new Close(1001))),
                quietAfter(post("did:plc:bob", "b3", 1007, "coffee again"))))) {
      runUntil(source(server, dir.resolve("c")), () -> sink.posts.size() >= 4);
      // (a slow test thread may let the last, quiet connection stall once more before the stop)
      assertThat(sleeper.delays)
          .startsWith(
              Duration.ofMillis(250), // dropped
              Duration.ofSeconds(60), // 429
              Duration.ofSeconds(5), // 503
              Duration.ofMillis(250), // stall
              Duration.ofMillis(250)); // closed by the server
      assertThat(sink.posts)
          .extracting(PostEvent::id)
          .containsExactly(
              "at://did:plc:alice/app.bsky.feed.post/r1",
              "at://did:plc:bob/app.bsky.feed.post/b1",
              "at://did:plc:bob/app.bsky.feed.post/b2",
              "at://did:plc:bob/app.bsky.feed.post/b3");
      assertThat(in.metrics().get("bluesky", "stall")).isBetween(1L, 2L);
    }
  }

  @Test
  void aReconnectResumesAfterTheLastEventSeenDeletesIncluded() throws Exception {
    Path cursor = dir.resolve("bluesky.cursor");
    try (JetstreamServer server =
        new JetstreamServer(
            List.of(
                new Play(
                    List.of(
                        post("did:plc:alice", "r1", 1001, "coffee"),
                        delete("did:plc:alice", "r1", 1004),
                        BEFORE_THE_DROP)),
                quietAfter(post("did:plc:bob", "b1", 1006, "tea"))))) {
      runUntil(source(server, cursor), () -> sink.posts.size() >= 2);
      assertThat(server.requests.get(0))
          .isEqualTo("/subscribe?wantedCollections=app.bsky.feed.post");
      assertThat(server.requests.get(1)).endsWith("&cursor=1004");
      assertThat(Files.readString(cursor).strip()).isEqualTo("1006");
    }
  }

  @Test
  void theCursorIsTheLatestEventTimeHandledWhateverTheOrder() {
    BlueskySource src =
        new BlueskySource("ws://127.0.0.1:9/subscribe", dir.resolve("c"), Duration.ZERO, sleeper);
    src.handle(in, delete("did:plc:alice", "r1", 1005));
    src.handle(in, delete("did:plc:alice", "r2", 1003)); // earlier: the cursor stays
    src.handle(in, "{\"did\":\"did:plc:alice\",\"kind\":\"account\"}"); // no time_us
    assertThat(src.uri().toString())
        .isEqualTo("ws://127.0.0.1:9/subscribe?wantedCollections=app.bsky.feed.post&cursor=1005");
  }

  @Test
  void anEndpointWithAQueryKeepsItAndTheCollectionFollowsIt() {
    BlueskySource src =
        new BlueskySource(
            "wss://jetstream.example/subscribe?compress=false",
            dir.resolve("c"),
            Duration.ZERO,
            sleeper);
    assertThat(src.uri().toString())
        .isEqualTo(
            "wss://jetstream.example/subscribe?compress=false&wantedCollections=app.bsky.feed.post");
  }

  @Test
  void aRestartResumesFromTheSavedCursor() throws Exception {
    Path cursor = dir.resolve("bluesky.cursor");
    Files.writeString(cursor, "1007\n");
    try (JetstreamServer again = serving(post("did:plc:carol", "c1", 1008, "hi"))) {
      BlueskySource src = new BlueskySource(again.url(), cursor, Duration.ofSeconds(90), sleeper);
      runUntil(src, () -> sink.posts.size() >= 1);
      assertThat(again.requests.get(0))
          .isEqualTo("/subscribe?wantedCollections=app.bsky.feed.post&cursor=1007");
      assertThat(Files.readString(cursor).strip()).isEqualTo("1008");
    }
  }
}
