package io.moodstream.ingest.source.synthetic;

import io.moodstream.ingest.core.IngestSource;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic source. Live mode: event time = now, paced at {@code rate} × the volume factor
 * (diurnal, bursts), or at exactly {@code rate} when {@code steady}. Backfill mode ({@code
 * from}/{@code to}): a simulated clock walks from {@code from} to {@code to} with Poisson arrivals
 * at the same rate, as fast as Kafka takes them.
 *
 * @param rate mean posts per second before the volume factor
 * @param steady no volume factor: {@code rate} is the rate (load tests and benchmarks)
 * @param from start of a backfill, or null for live
 * @param to end of a backfill (exclusive), or null
 * @param count stop after this many events (0 = no limit)
 */
public record SyntheticSource(
    SyntheticPosts posts,
    double rate,
    boolean steady,
    Instant from,
    Instant to,
    long count,
    Clock clock)
    implements IngestSource {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticSource.class);

  @Override
  public void run(Ingestor in, Lifecycle life) throws InterruptedException {
    LOG.info(
        "[synthetic] {} at {}/s{}, topics: {}",
        from == null ? "live" : "backfill " + from + " .. " + to,
        rate,
        steady ? " (steady)" : "",
        posts.describe());
    if (from != null) {
      backfill(in, life);
    } else {
      live(in, life);
    }
  }

  private void backfill(Ingestor in, Lifecycle life) {
    SplittableRandom arrivals =
        new SplittableRandom(SyntheticPosts.mix(posts.seed(), from.getEpochSecond(), 7));
    long n = 0;
    double tMs = from.toEpochMilli();
    long end = to.toEpochMilli();
    double factor = volume(from);
    long factorAt = from.getEpochSecond();
    while (!life.stopping() && (count == 0 || n < count)) {
      // Poisson arrivals: exponential gaps at the current rate (factor refreshed each second)
      tMs += -Math.log(1 - arrivals.nextDouble()) * 1000.0 / (rate * factor);
      if (tMs >= end) {
        break;
      }
      Instant t = Instant.ofEpochMilli((long) tMs);
      if (t.getEpochSecond() != factorAt) {
        factorAt = t.getEpochSecond();
        factor = volume(t);
      }
      emit(in, t);
      n++;
    }
  }

  private void live(Ingestor in, Lifecycle life) throws InterruptedException {
    long n = 0;
    double due = 0;
    long last = System.nanoTime();
    double factor = volume(clock.instant());
    long factorAt = clock.instant().getEpochSecond();
    while (!life.stopping() && (count == 0 || n < count)) {
      long now = System.nanoTime();
      Instant t = clock.instant();
      if (t.getEpochSecond() != factorAt) {
        factorAt = t.getEpochSecond();
        factor = volume(t);
      }
      due += (now - last) / 1e9 * rate * factor;
      last = now;
      while (due >= 1 && !life.stopping() && (count == 0 || n < count)) {
        emit(in, t);
        due -= 1;
        n++;
      }
      life.sleep(Duration.ofMillis(Math.max(1, Math.min(50, (long) (1000 / (rate * factor))))));
    }
  }

  /** The volume factor at {@code t}: 1 when steady. */
  double volume(Instant t) {
    return steady ? 1 : posts.volume(t);
  }

  private void emit(Ingestor in, Instant t) {
    SyntheticPosts.Next next = posts.next(t);
    in.read();
    if (next.deleteId() != null) {
      in.delete(next.deleteId());
    } else {
      in.post(next.post(), () -> next.post().toString());
    }
  }
}
