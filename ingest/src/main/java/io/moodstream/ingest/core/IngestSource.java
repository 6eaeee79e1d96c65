package io.moodstream.ingest.core;

/**
 * A source of posts: reads until it is exhausted (an archive) or {@link Lifecycle#stopping()} (a
 * live stream), handing everything to the {@link Ingestor}. Returns normally on a clean stop;
 * throws only for what cannot be retried (bad credentials, a missing file).
 */
public interface IngestSource {
  void run(Ingestor ingestor, Lifecycle life) throws Exception;
}
