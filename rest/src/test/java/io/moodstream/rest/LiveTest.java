package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.Step;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live SSE endpoint on the real server over the in-memory store, read like a browser. */
class LiveTest {
  static final Instant NOW = Seed.NOW;
  static final long LAST = Seed.LAST;

  InMemoryBucketStore store;
  RestServer server;

  @BeforeEach
  void start() throws Exception {
    store = new InMemoryBucketStore();
    Seed.day(store);
    server =
        RestServer.start(
            RestServices.create(store, TestSettings.of(), Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  URI live(String topic) {
    return URI.create("http://127.0.0.1:" + server.port() + "/api/v1/live?topic=" + topic);
  }

  @Test
  void connectSendsTheLastHourThenEachUpdatedBucket() throws Exception {
    try (SseClient c = new SseClient(live("apple"), null)) {
      assertThat(c.status).isEqualTo(200);
      List<SseClient.Event> first = c.drain(Duration.ofMillis(800));
      List<SseClient.Event> buckets =
          first.stream().filter(e -> e.name().equals("bucket")).toList();
      long expected = store.aggregates(Step.MINUTE, "apple", LAST - 59 * 60, LAST + 60).size();
      assertThat(buckets).hasSize((int) expected);
      assertThat(buckets.get(buckets.size() - 1).id()).isEqualTo(Long.toString(LAST));
      Shapes.assertSameShape("live-bucket.json", buckets.get(0).data());
      SseClient.Event ex =
          first.stream().filter(e -> e.name().equals("extremes")).findFirst().orElseThrow();
      Shapes.assertSameShape("live-extremes.json", ex.data());
      assertThat(Shapes.JSON.readTree(ex.data()).get("minute").asText())
          .isEqualTo("2026-11-24T21:56:00Z");

      Aggregate updated = Seed.minute(LAST, 9);
      store.put(Step.MINUTE, "apple", LAST, updated);
      SseClient.Event e = c.next(Duration.ofSeconds(2));
      assertThat(e).isNotNull();
      assertThat(e.name()).isEqualTo("bucket");
      assertThat(e.id()).isEqualTo(Long.toString(LAST));
      JsonNode d = Shapes.JSON.readTree(e.data());
      assertThat(d.get("count").asLong()).isEqualTo(updated.count());
      assertThat(d.get("topic").asText()).isEqualTo("apple");
    }
  }

  @Test
  void lastEventIdResumesFromThatMinute() throws Exception {
    long from = LAST - 5 * 60;
    try (SseClient c = new SseClient(live("apple"), Long.toString(from))) {
      List<String> ids =
          c.drain(Duration.ofMillis(800)).stream()
              .filter(e -> e.name().equals("bucket"))
              .map(SseClient.Event::id)
              .toList();
      List<String> expected =
          store.aggregates(Step.MINUTE, "apple", from, LAST + 60).stream()
              .map(b -> Long.toString(b.start()))
              .toList();
      assertThat(ids).isEqualTo(expected).isNotEmpty();
    }
  }

  @Test
  void subscribersOfATopicShareOnePoller() throws Exception {
    try (SseClient a = new SseClient(live("apple"), null);
        SseClient b = new SseClient(live("apple"), null);
        SseClient c = new SseClient(live("apple"), null)) {
      a.drain(Duration.ofMillis(500));
      b.drain(Duration.ofMillis(10));
      c.drain(Duration.ofMillis(10));
      assertThat(server.services().live().pollers()).isEqualTo(1);
      assertThat(server.services().live().clients()).isEqualTo(3);
      int before = store.minuteScans.get();
      Thread.sleep(1_000); // 5 ticks at the tests' 200 ms interval
      int scans = store.minuteScans.get() - before;
      assertThat(scans).isBetween(3, 7); // one scan per tick, not one per subscriber
    }
  }

  @Test
  void stoppingTheServiceTellsLiveClientsToReconnectAndEndsTheirStreams() throws Exception {
    try (SseClient c = new SseClient(live("apple"), null)) {
      assertThat(c.next(Duration.ofSeconds(5))).isNotNull();
      server.close();
      assertThat(c.ended(Duration.ofSeconds(5))).as("the stream ends").isTrue();
      assertThat(c.comments).as("events %s", c.events).contains("server stopping");
      assertThat(c.events).anyMatch(e -> e.name().equals("shutdown"));
      assertThat(c.retries.poll(5, java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(
              Long.toString(io.moodstream.rest.live.LiveHub.RECONNECT_AFTER_STOP.toMillis()));
      assertThat(c.comments).contains("server stopping");
      assertThat(c.ended(Duration.ofSeconds(5))).as("the stream ends").isTrue();
    }
  }
}
