package io.moodstream.ingest.core;

import java.time.Duration;

/** Waiting, injected so tests can record backoff delays instead of sleeping them. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration d) throws InterruptedException;
}
