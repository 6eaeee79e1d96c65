package io.moodstream.ingest.source.live;

import io.moodstream.ingest.core.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the backoff delays instead of waiting them (waits 1 ms so threads can interleave). */
public final class RecordingSleeper implements Sleeper {
  public final List<Duration> delays = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration d) throws InterruptedException {
    delays.add(d);
    Thread.sleep(1);
  }
}
