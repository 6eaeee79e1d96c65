package io.moodstream.ingest.source.live;

import io.moodstream.ingest.core.FatalSourceException;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.ingest.core.Sleeper;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live stream connected: runs one connection attempt after another, waiting between them as
 * {@link Backoff} says, until stopped. Retriable failures are counted as {@code reconnect.<kind>};
 * a fatal one (bad credentials, a forbidden endpoint) ends the source.
 */
public final class Reconnector {
  private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

  /** How one connection attempt ended. */
  public sealed interface Outcome {
    /** The source was stopped (clean shutdown). */
    record Stopped() implements Outcome {}

    /**
     * @param connected whether the platform had accepted the connection (resets the backoff)
     */
    record Failed(Backoff.Kind kind, String detail, boolean connected) implements Outcome {}

    record Fatal(String message) implements Outcome {}
  }

  /** One connection: returns when it ends. */
  @FunctionalInterface
  public interface Attempt {
    Outcome connect() throws InterruptedException;
  }

  private final String source;
  private final Lifecycle life;
  private final Sleeper sleeper;
  private final Metrics metrics;
  private final Backoff backoff = new Backoff();

  public Reconnector(String source, Lifecycle life, Sleeper sleeper, Metrics metrics) {
    this.source = source;
    this.life = life;
    this.sleeper = sleeper;
    this.metrics = metrics;
  }

  public void run(Attempt attempt) throws InterruptedException {
    while (!life.stopping()) {
      Outcome o = attempt.connect();
      if (life.stopping() || o instanceof Outcome.Stopped) {
        return;
      }
      if (o instanceof Outcome.Fatal f) {
        throw new FatalSourceException(f.message());
      }
      Outcome.Failed f = (Outcome.Failed) o;
      if (f.connected()) {
        backoff.reset();
      }
      Duration d = backoff.next(f.kind());
      metrics.inc(source, "reconnect." + f.kind().label());
      LOG.warn(
          "[{}] {}: reconnecting in {} ms ({} backoff)",
          source,
          f.detail(),
          d.toMillis(),
          f.kind().label());
      sleeper.sleep(d);
    }
  }
}
