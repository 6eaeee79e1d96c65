package io.moodstream.ingest.kafka;

import io.moodstream.ingest.IngestConfig;
import java.nio.file.Path;

/** Spools for tests. */
public final class TestSpools {
  private TestSpools() {}

  /**
   * A spool in {@code dir} with the default {@code ingest.spool.*} settings, as ingest makes it.
   */
  public static Spool of(Path dir) {
    return new Spool(
        dir,
        (long) IngestConfig.SPOOL_MAX_MB.defaultValue() << 20,
        IngestConfig.SPOOL_FSYNC_INTERVAL.defaultValue(),
        System::nanoTime);
  }
}
