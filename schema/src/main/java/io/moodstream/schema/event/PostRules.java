package io.moodstream.schema.event;

import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.key.KeyLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What makes a post valid and storable: the one home of these rules. The {@link PostEvent}
 * constructor applies {@link #post} (so {@link EventJson} and the streaming job's fast path reject
 * with the same codes), ingest applies the field rules to what a source read, naming the field as
 * the source spells it ({@code id_str}, {@code created_at}), and the ingest parsers use them for
 * the fields they check themselves.
 *
 * <p>Every rule returns {@code null} when the value passes, else the {@link Reject} with its code
 * and the sentence the dead letter carries. Passing allocates nothing: ingest asks these of ~200k
 * posts a second.
 *
 * <p>Storable means the HBase tables can hold the post, so ingest rejects what the job could not
 * write: {@code createdAt} within the row key's 1970..2106, every topic a valid row-key topic
 * ({@link KeyLimits#topicProblem}), and an id no longer than a {@code post_refs} row key ({@link
 * KeyLimits#MAX_ROW_BYTES} UTF-8 bytes).
 */
public final class PostRules {
  /** Longest text accepted, in UTF-16 units; far above any platform's limit (X long posts: 25k). */
  public static final int MAX_TEXT_LENGTH = 100_000;

  private PostRules() {}

  /**
   * All the rules of a post event, in the order they are reported; the field names are the event's.
   */
  public static Reject post(
      String id, Instant createdAt, String text, String authorId, List<String> topics) {
    Reject r = id("id", id);
    if (r == null) {
      r = createdAt("createdAt", createdAt);
    }
    if (r == null) {
      r = text("text", text);
    }
    if (r == null) {
      r = required("author.id", authorId);
    }
    if (r == null) {
      r = topics(topics);
    }
    return r;
  }

  /**
   * A post id (or the id of a delete): present, not empty, and short enough to be a {@code
   * post_refs} row key.
   */
  public static Reject id(String field, String id) {
    Reject r = required(field, id);
    if (r != null) {
      return r;
    }
    // a char is at most 3 UTF-8 bytes (a surrogate pair 4 for 2 chars): encode only long ids
    if (id.length() > KeyLimits.MAX_ROW_BYTES / 3) {
      int bytes = id.getBytes(StandardCharsets.UTF_8).length; // as the post_refs row is written
      if (bytes > KeyLimits.MAX_ROW_BYTES) {
        return new Reject(
            Reject.Code.UNSTORABLE,
            field,
            "field '"
                + field
                + "' is "
                + bytes
                + " UTF-8 bytes, more than the "
                + KeyLimits.MAX_ROW_BYTES
                + " of a post_refs row key");
      }
    }
    return null;
  }

  /** A string that must be present and not empty ({@code author.id}). */
  public static Reject required(String field, String value) {
    if (value == null) {
      return Reject.missing(field);
    }
    if (value.isEmpty()) {
      return new Reject(
          Reject.Code.MISSING_FIELD, field, "field '" + field + "' must not be empty");
    }
    return null;
  }

  /** The text: present (it may be empty) and at most {@link #MAX_TEXT_LENGTH} characters. */
  public static Reject text(String field, String text) {
    if (text == null) {
      return Reject.missing(field);
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      return new Reject(
          Reject.Code.TEXT_TOO_LONG,
          field,
          "field '"
              + field
              + "' is "
              + text.length()
              + " characters, more than the limit of "
              + MAX_TEXT_LENGTH);
    }
    return null;
  }

  /** The event time: present and within the seconds a row key can hold (1970..2106). */
  public static Reject createdAt(String field, Instant createdAt) {
    if (createdAt == null) {
      return Reject.missing(field);
    }
    long seconds = createdAt.getEpochSecond();
    if (seconds < 0 || seconds > KeyLimits.MAX_EPOCH_SECOND) {
      return new Reject(
          Reject.Code.UNSTORABLE,
          field,
          "field '" + field + "' is " + createdAt + ", outside the storable 1970..2106");
    }
    return null;
  }

  /**
   * The topics as the event contract lists them, whatever the encoding: each non-empty, {@code all}
   * among them ({@link #topics} then checks that each can be stored).
   */
  public static Reject topicList(List<String> topics) {
    for (int i = 0; i < topics.size(); i++) {
      if (topics.get(i).isEmpty()) {
        return Reject.invalid(
            "topics[" + i + "]", "field 'topics[" + i + "]' must be a non-empty string");
      }
    }
    return topics.contains(PostEvent.ALL)
        ? null
        : Reject.invalid("topics", "field 'topics' must include \"all\"");
  }

  /** The matched topics: each a valid row-key topic. */
  public static Reject topics(List<String> topics) {
    if (topics == null) {
      return Reject.missing("topics");
    }
    for (int i = 0; i < topics.size(); i++) {
      String topic = topics.get(i);
      if (topic == null) {
        return Reject.missing("topics[" + i + "]");
      }
      String problem = KeyLimits.topicProblem(topic);
      if (problem != null) {
        String field = "topics[" + i + "]";
        return new Reject(
            topic.isEmpty() ? Reject.Code.INVALID_FIELD : Reject.Code.UNSTORABLE,
            field,
            "field '" + field + "' is not storable: " + problem);
      }
    }
    return null;
  }

  /**
   * A post dated more than {@code maxSkew} after {@code now}, the time on the clock that received
   * it ({@code clock}: ingest's clock, or the Kafka append time in the job): one post dated in the
   * future would otherwise push the job's watermark past every real post. The reason starts with
   * {@code future-created-at}.
   */
  public static Reject futureCreatedAt(
      Instant createdAt, Instant now, Duration maxSkew, String clock) {
    if (!createdAt.isAfter(now.plus(maxSkew))) {
      return null;
    }
    return new Reject(
        Reject.Code.FUTURE_CREATED_AT,
        "createdAt",
        Reject.Code.FUTURE_CREATED_AT.counterName()
            + ": field 'createdAt' is "
            + createdAt
            + ", more than "
            + ConfigKey.formatDuration(maxSkew)
            + " after "
            + clock
            + " "
            + now);
  }

  /** Throws the reject, if there is one, as an {@link InvalidEventException}. */
  static void orThrow(Reject r) {
    if (r != null) {
      throw new InvalidEventException(r);
    }
  }
}
