package io.moodstream.ingest.core;

import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.DeleteEvent;
import io.moodstream.schema.event.PostEvent;

/** Where events go: Kafka in production, a list in unit tests. Implementations are thread-safe. */
public interface EventSink extends AutoCloseable {
  void post(PostEvent post);

  void delete(DeleteEvent delete);

  /**
   * @param key the source's id of the record when one could be read, else {@code null}
   */
  void deadLetter(DeadLetter letter, String key);

  /** Blocks until everything sent so far is delivered or spooled. */
  void flush();

  @Override
  void close();
}
