package io.moodstream.ingest.source.replay;

import io.moodstream.ingest.core.Post;
import io.moodstream.ingest.core.Reject;

/** What one input line is: a post, a deletion, a notice to skip, or a record to reject. */
public sealed interface Parsed {
  record AsPost(Post post) implements Parsed {}

  record AsDelete(String id) implements Parsed {}

  /** A record that is deliberately not an event ({@code limit}, {@code scrub_geo}, ...). */
  record Skip(String code) implements Parsed {}

  record Bad(Reject reject, String key) implements Parsed {}
}
