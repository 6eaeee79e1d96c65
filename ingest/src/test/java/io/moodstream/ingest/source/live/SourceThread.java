package io.moodstream.ingest.source.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.ingest.core.FatalSourceException;
import io.moodstream.ingest.core.IngestSource;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs a live source in a test: on its own thread until the test has seen enough, or to its end.
 */
public final class SourceThread {
  private SourceThread() {}

  /**
   * Runs {@code source} until {@code done} holds (or {@code within} passes), then stops it and
   * waits for it to return.
   *
   * @return the time from {@link Lifecycle#stop()} until the source returned
   */
  public static Duration runUntil(
      IngestSource source, Ingestor in, BooleanSupplier done, Duration within)
      throws InterruptedException {
    Lifecycle life = new Lifecycle();
    Thread t =
        new Thread(
            () -> {
              try {
                source.run(in, life);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            },
            "source-under-test");
    t.start();
    long deadline = System.nanoTime() + within.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long stopped = System.nanoTime();
    life.stop();
    t.join(10_000);
    assertThat(t.isAlive()).as("the source returned within 10 s of the stop").isFalse();
    return Duration.ofNanos(System.nanoTime() - stopped);
  }

  /**
   * Runs {@code source} on this thread against {@code server} until it fails as it must for a
   * rejected credential; returns the server for the test's checks, or closes it if the run does not
   * fail so.
   */
  public static ScriptedStreamServer runUntilFatal(
      ScriptedStreamServer server, IngestSource source, Ingestor in, String... messageParts)
      throws Exception {
    try {
      assertThatThrownBy(() -> source.run(in, new Lifecycle()))
          .isInstanceOf(FatalSourceException.class)
          .hasMessageContainingAll(messageParts);
      return server;
    } catch (Exception | AssertionError e) {
      server.close();
      throw e;
    }
  }
}
