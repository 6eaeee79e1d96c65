package io.moodstream.schema.event;

import io.moodstream.schema.config.ConfigKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The normalized post event on {@code moodstream.posts} (key = {@link #id()}). Its JSON form is
 * described by {@code post-event.schema.json} and read by {@link EventJson#parsePost}.
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

  /** The dead-letter reason code of a post dated too far ahead of the clock that received it. */
  public static final String FUTURE_CREATED_AT = "future-created-at";

  /**
   * Why a post created at {@code createdAt} is refused when the clock that received it ({@code
   * clock}: ingest's clock, or the Kafka append time in the job) said {@code now}; null when it is
   * fine. Event time may run at most {@code maxSkew} ahead of that clock: one post dated in the
   * future would otherwise push the job's watermark past every real post. The reason starts with
   * {@link #FUTURE_CREATED_AT}.
   */
  public static String futureCreatedAt(
      Instant createdAt, Instant now, Duration maxSkew, String clock) {
    if (!createdAt.isAfter(now.plus(maxSkew))) {
      return null;
    }
    return FUTURE_CREATED_AT
        + ": field 'createdAt' is "
        + createdAt
        + ", more than "
        + ConfigKey.formatDuration(maxSkew)
        + " after "
        + clock
        + " "
        + now;
  }

  /** Longest text accepted, in UTF-16 units; far above any platform's limit (X long posts: 25k). */
  public static final int MAX_TEXT_LENGTH = 100_000;

  public PostEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(topics, "topics");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException(
          "text is " + text.length() + " characters, more than " + MAX_TEXT_LENGTH);
    }
    LinkedHashSet<String> set = new LinkedHashSet<>();
    set.add(ALL);
    for (String topic : topics) {
      Objects.requireNonNull(topic, "topics[]");
      if (topic.isEmpty()) {
        throw new IllegalArgumentException("topics must not contain an empty topic");
      }
      set.add(topic);
    }
    topics = List.copyOf(set);
  }
}
