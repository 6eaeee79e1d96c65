package io.moodstream.ingest.bench;

import io.moodstream.ingest.core.EventSink;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.ingest.core.TopicMatcher;
import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.DeleteEvent;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/** The replay ingestor the benchmark helpers drive: five topics, each post handed to a consumer. */
final class BenchIngestor {
  static final List<String> TOPICS =
      List.of("coffee", "climate change", "#worldcup", "election", "ai");

  private BenchIngestor() {}

  static Ingestor replay(Consumer<PostEvent> onPost, Metrics metrics) {
    EventSink sink =
        new EventSink() {
          @Override
          public void post(PostEvent post) {
            onPost.accept(post);
          }

          @Override
          public void delete(DeleteEvent delete) {}

          @Override
          public void deadLetter(DeadLetter letter, String key) {}

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    return new Ingestor(Source.REPLAY, TopicMatcher.of(TOPICS), sink, metrics, Clock.systemUTC());
  }
}
