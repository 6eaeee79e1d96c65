package io.moodstream.ingest.source.replay;

import io.moodstream.ingest.core.SourcePost;
import io.moodstream.schema.event.Reject;

/** What one input line is: a post, a deletion, a notice to skip, or a record to reject. */
public sealed interface LineOutcome {
  record AsPost(SourcePost post) implements LineOutcome {}

  record AsDelete(String id) implements LineOutcome {}

  /** A record that is deliberately not an event ({@code limit}, {@code scrub_geo}, ...). */
  record Skip(String code) implements LineOutcome {}

  record Bad(Reject reject, String key) implements LineOutcome {}
}
