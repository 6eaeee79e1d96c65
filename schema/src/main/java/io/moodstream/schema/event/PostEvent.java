package io.moodstream.schema.event;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The normalized post event on {@code moodstream.posts} (key = {@link #id()}). Its JSON form is
 * described by {@code post-event.schema.json} and read by {@link EventJson#parsePost}. A post event
 * is always storable: the constructor applies {@link PostRules}.
 *
 * @param id the post id, unique within its source
 * @param source where the post came from
 * @param createdAt when the post was created (event time), UTC
 * @param text the full text of the post (for retweets the retweeted text)
 * @param lang BCP 47 language tag as the platform reports it, or {@code null} when unknown
 * @param author who wrote it
 * @param topics the matched track terms, always including {@link #ALL}; no duplicates
 * @param url the original post's URL where the source has one, else {@code null}
 */
public record PostEvent(
    String id,
    Source source,
    Instant createdAt,
    String text,
    String lang,
    Author author,
    List<String> topics,
    String url) {

  /** The topic every post belongs to. */
  public static final String ALL = "all";

  /**
   * @throws InvalidEventException when a {@link PostRules#post rule} is broken
   */
  public PostEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(author, "author");
    PostRules.orThrow(PostRules.post(id, createdAt, text, author.id(), topics));
    LinkedHashSet<String> set = new LinkedHashSet<>();
    set.add(ALL);
    set.addAll(topics);
    topics = List.copyOf(set);
  }
}
