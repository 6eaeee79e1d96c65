package io.moodstream.ingest.core;

import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.DeleteEvent;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps everything, for unit tests of sources. */
public final class RecordingSink implements EventSink {
  public final List<PostEvent> posts = new CopyOnWriteArrayList<>();
  public final List<DeleteEvent> deletes = new CopyOnWriteArrayList<>();
  public final List<DeadLetter> dead = new CopyOnWriteArrayList<>();

  /**
   * An ingestor of {@code source} for {@code topics} that sends into this sink; its counts are
   * {@link Ingestor#metrics()}.
   */
  public Ingestor ingestor(Source source, List<String> topics) {
    return new Ingestor(source, TopicMatcher.of(topics), this, new Metrics(), Clock.systemUTC());
  }

  @Override
  public void post(PostEvent post) {
    posts.add(post);
  }

  @Override
  public void delete(DeleteEvent delete) {
    deletes.add(delete);
  }

  @Override
  public void deadLetter(DeadLetter letter, String key) {
    dead.add(letter);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
