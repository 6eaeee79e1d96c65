package io.moodstream.rest.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A live client's bounded queue: the poller never blocks; a client that falls behind is cut. */
class ClientQueueTest {
  /** No write timeout: these tests are about bytes, not stalls. */
  static final long NO_STALL_LIMIT = Long.MAX_VALUE;

  final ExecutorService writers = Executors.newFixedThreadPool(2);
  final List<String> evictions = new CopyOnWriteArrayList<>();

  /** A 64 KiB queue to {@code out} with a budget of its own. */
  ClientQueue queue(LiveSink out) {
    return new ClientQueue(
        out, writers, 64 * 1024, new ClientQueue.Budget(1 << 20), evictions::add, NO_STALL_LIMIT);
  }

  @AfterEach
  void stop() {
    writers.shutdownNow();
  }

  /** A sink whose writes block until released (a client that stopped reading). */
  static final class Stalled extends RecordingSink {
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean fail;
    volatile boolean timedOut;

    @Override
    public boolean stalled() {
      return timedOut;
    }

    @Override
    public boolean send(String event, String id, String data) {
      return released() && super.send(event, id, data);
    }

    @Override
    public boolean comment(String text) {
      return released() && super.comment(text);
    }

    /** Waits for {@link #release}; false if interrupted or told to {@link #fail}. */
    private boolean released() {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      return !fail;
    }

    @Override
    public void close() {
      super.close();
      release.countDown();
    }
  }

  @Test
  void aClientThatStopsReadingIsCutWithoutBlockingTheSender() {
    Stalled out = new Stalled();
    ClientQueue.Budget budget = new ClientQueue.Budget(1 << 20);
    ClientQueue q = new ClientQueue(out, writers, 4_096, budget, evictions::add, NO_STALL_LIMIT);
    String event = "x".repeat(1_000);
    long t0 = System.nanoTime();
    int accepted = 0;
    while (q.send("bucket", "1", event)) {
      accepted++;
    }
    assertThat((System.nanoTime() - t0) / 1_000_000).as("never blocks the poller").isLessThan(500);
    assertThat(accepted).as("about 4 KiB of 1 KB events").isBetween(3, 5);
    assertThat(evictions).containsExactly("queue_full");
    assertThat(out.closed).isTrue();
    assertThat(q.isClosed()).isTrue();
    assertThat(budget.used()).as("its bytes are given back").isZero();
    assertThat(q.send("bucket", "2", "y")).isFalse();
    assertThat(evictions).as("reported once").hasSize(1);
  }

  @Test
  void aReadingClientGetsEveryEventInOrder() throws Exception {
    Stalled out = new Stalled();
    out.release.countDown();
    ClientQueue q = queue(out);
    for (int i = 0; i < 500; i++) {
      assertThat(q.send("bucket", Integer.toString(i), "event " + i)).isTrue();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (out.data.size() < 500) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(5);
    }
    for (int i = 0; i < 500; i++) {
      assertThat(out.data.get(i)).isEqualTo("event " + i);
    }
    assertThat(evictions).isEmpty();
    assertThat(q.queuedBytes()).isZero();
  }

  @Test
  void aWriteStalledPastTheTimeoutCutsTheClientAndAGoneClientIsJustClosed() throws Exception {
    for (boolean timedOut : new boolean[] {true, false}) {
      evictions.clear();
      Stalled out = new Stalled();
      out.fail = true;
      out.timedOut = timedOut;
      out.release.countDown();
      ClientQueue q = queue(out);
      q.send("bucket", "1", "a");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!q.isClosed()) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(5);
      }
      Thread.sleep(50);
      if (timedOut) {
        assertThat(evictions).containsExactly("write_timeout");
      } else {
        assertThat(evictions).as("a client that went away is not an eviction").isEmpty();
      }
      q.close();
      assertThat(evictions).as("reported once at most").hasSizeLessThanOrEqualTo(1);
    }
  }

  @Test
  void theSharedBudgetBoundsAllClientsTogether() {
    java.util.concurrent.Executor never = r -> {}; // nothing is written: every byte stays queued
    ClientQueue.Budget budget = new ClientQueue.Budget(10_000);
    Stalled a = new Stalled();
    Stalled b = new Stalled();
    ClientQueue qa = new ClientQueue(a, never, 20_000, budget, evictions::add, NO_STALL_LIMIT);
    ClientQueue qb = new ClientQueue(b, never, 20_000, budget, evictions::add, NO_STALL_LIMIT);
    String event = "x".repeat(1_000 - ClientQueue.FRAMING_BYTES);
    for (int i = 0; i < 5; i++) {
      assertThat(qa.send("bucket", null, event)).isTrue();
    }
    int bAccepted = 0;
    while (qb.send("bucket", null, event)) {
      bAccepted++;
    }
    assertThat(bAccepted).as("b had only what a left of the 10,000 bytes").isEqualTo(5);
    assertThat(evictions).containsExactly("queue_full");
    assertThat(qb.isClosed()).isTrue();
    assertThat(qa.isClosed()).as("a, within the budget, stays").isFalse();
    assertThat(budget.used()).isEqualTo(5_000);
  }

  @Test
  void aSendAfterTheWritersStoppedClosesTheClientWithoutAnEviction() {
    writers.shutdown(); // the service is stopping
    RecordingSink out = new RecordingSink();
    ClientQueue q = queue(out);
    assertThat(q.send("bucket", "1", "x")).isFalse();
    assertThat(out.closed).isTrue();
    assertThat(q.isClosed()).isTrue();
    assertThat(evictions).isEmpty();
  }

  @Test
  void aDrainResumedAfterTheWritersStoppedClosesTheClientWithoutAnEviction() throws Exception {
    List<Runnable> waiting = new CopyOnWriteArrayList<>();
    RecordingSink out =
        new RecordingSink() {
          @Override
          public boolean writable() {
            return false;
          }

          @Override
          public void whenWritable(Runnable r) {
            waiting.add(r);
          }
        };
    ClientQueue q = queue(out);
    assertThat(q.send("bucket", "1", "x")).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (waiting.isEmpty()) {
      assertThat(System.nanoTime()).as("the drain waits within 5 s").isLessThan(deadline);
      Thread.sleep(10);
    }
    writers.shutdown();
    assertThat(writers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    waiting.get(0).run(); // the connection can take writes again, but nobody can write
    assertThat(out.closed).isTrue();
    assertThat(q.isClosed()).isTrue();
    assertThat(evictions).isEmpty();
  }
}
