package io.moodstream.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The job's wait for HBase's tables at start ({@code streaming.tables.wait}). */
class StartupWaitTest {
  @Test
  void aCheckThatPassesLaterIsRetriedUntilItDoes() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    StreamJob.await(
        () -> {
          if (calls.incrementAndGet() < 3) {
            throw new IllegalStateException("HBase table moodstream:agg_1m does not exist");
          }
        },
        Duration.ofSeconds(30),
        1);
    assertEquals(3, calls.get());
  }

  @Test
  void noWaitFailsAtOnceWithTheChecksOwnError() {
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                StreamJob.await(
                    () -> {
                      calls.incrementAndGet();
                      throw new IllegalStateException("HBase table x does not exist");
                    },
                    Duration.ZERO,
                    1));
    assertEquals("HBase table x does not exist", e.getMessage());
    assertEquals(1, calls.get());
  }

  @Test
  void anUnreachableHBaseIsThrownOnceTheWaitIsOver() {
    long start = System.nanoTime();
    assertThrows(
        IOException.class,
        () ->
            StreamJob.await(
                () -> {
                  throw new IOException("connection refused");
                },
                Duration.ofMillis(200),
                10));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(true, tookMillis >= 200, "waited " + tookMillis + " ms");
  }
}
