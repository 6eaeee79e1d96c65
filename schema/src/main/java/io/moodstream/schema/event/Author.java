package io.moodstream.schema.event;

import java.util.Objects;

/**
 * The author of a post as the source identifies them.
 *
 * @param id the platform's stable author id (a Twitter user id, a Bluesky DID)
 * @param handle the display handle without a leading {@code @}
 */
public record Author(String id, String handle) {
  public Author {
    PostRules.orThrow(PostRules.required("author.id", id));
    Objects.requireNonNull(handle, "author.handle");
  }
}
