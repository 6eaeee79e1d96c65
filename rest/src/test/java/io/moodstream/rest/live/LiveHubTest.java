package io.moodstream.rest.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.rest.InMemoryBucketStore;
import io.moodstream.rest.MutableClock;
import io.moodstream.rest.Seed;
import io.moodstream.rest.Shapes;
import io.moodstream.schema.hbase.Step;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's lifecycle with a controllable clock: heartbeats, departures, the poller's stop. */
class LiveHubTest {
  final InMemoryBucketStore store = new InMemoryBucketStore();
  final MutableClock clock = new MutableClock(Seed.NOW);
  final LiveHub hub = hub(Duration.ofSeconds(10), reason -> {});

  LiveHubTest() {
    Seed.day(store);
  }

  /** A hub over the test's store and clock: 100 ms ticks, heartbeats every 15 s. */
  LiveHub hub(Duration writeTimeout, Consumer<String> evicted) {
    return new LiveHub(
        store,
        clock,
        Duration.ofMillis(100),
        Duration.ofSeconds(15),
        Shapes.JSON,
        new LiveHub.Limits(1_000, 20, 512 * 1024, writeTimeout),
        evicted);
  }

  @AfterEach
  void close() {
    hub.close();
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void heartbeatsGoOutEvery15SecondsOfClockTime() throws Exception {
    RecordingSink s = new RecordingSink();
    hub.subscribe("apple", null, "unknown", s);
    await(() -> !s.events.isEmpty());
    Thread.sleep(300);
    assertThat(s.comments).isEmpty();
    clock.now = clock.now.plusSeconds(15);
    await(() -> s.comments.size() == 1);
    assertThat(s.comments).containsExactly("heartbeat");
  }

  @Test
  void theLastSubscriberLeavingStopsThePoller() throws Exception {
    RecordingSink a = new RecordingSink();
    RecordingSink b = new RecordingSink();
    hub.subscribe("apple", null, "unknown", a);
    hub.subscribe("apple", null, "unknown", b);
    await(() -> !a.events.isEmpty() && !b.events.isEmpty());
    assertThat(hub.pollers()).isEqualTo(1);
    assertThat(hub.clients()).isEqualTo(2);
    a.closed = true;
    clock.now = clock.now.plusSeconds(15); // the heartbeat finds the closed stream
    await(() -> hub.clients() == 1);
    assertThat(hub.pollers()).isEqualTo(1);
    b.closed = true;
    clock.now = clock.now.plusSeconds(15);
    await(() -> hub.pollers() == 0);
    assertThat(hub.clients()).isZero();
  }

  @Test
  void aStorageOutageKeepsSubscribersAndTheyCatchUpAfterIt() throws Exception {
    store.down = true;
    RecordingSink s = new RecordingSink();
    hub.subscribe("apple", null, "unknown", s);
    Thread.sleep(300);
    assertThat(s.events).isEmpty();
    assertThat(hub.clients()).isEqualTo(1);
    store.down = false;
    await(() -> s.events.size() > 10);
  }

  @Test
  void aSubscriberWhoseStreamFailsWhenAnUpdateGoesOutIsDropped() throws Exception {
    RecordingSink s = new RecordingSink();
    hub.subscribe("apple", null, "unknown", s);
    await(() -> !s.events.isEmpty());
    s.closed = true;
    store.put(Step.MINUTE, "apple", Seed.LAST, Seed.minute(Seed.LAST, 999)); // no heartbeat due
    await(() -> hub.clients() == 0);
    assertThat(hub.pollers()).isZero();
  }

  @Test
  void aClientThatTakesNoWriteForTheWriteTimeoutIsDisconnected() throws Exception {
    List<String> evicted = new CopyOnWriteArrayList<>();
    try (LiveHub h = hub(Duration.ofMillis(200), evicted::add)) {
      RecordingSink s =
          new RecordingSink() {
            @Override
            public boolean writable() {
              return false; // its buffers stay full: it stopped reading
            }

            @Override
            public void whenWritable(Runnable r) {}
          };
      h.subscribe("apple", null, "unknown", s);
      await(() -> h.clients() == 0);
      assertThat(evicted).containsExactly("write_timeout");
      assertThat(s.closed).isTrue();
    }
  }
}
