package io.moodstream.schema.event;

import java.util.Objects;

/**
 * A deletion notice on {@code moodstream.deletes} (key = {@link #id()}): the platform deleted the
 * post, so it must never be shown again. Described by {@code delete-event.schema.json}.
 */
public record DeleteEvent(Source source, String id) {
  public DeleteEvent {
    Objects.requireNonNull(source, "source");
    PostRules.orThrow(PostRules.id("id", id));
  }
}
