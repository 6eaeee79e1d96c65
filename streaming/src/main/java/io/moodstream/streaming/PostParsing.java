package io.moodstream.streaming;

import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.ParseResult;
import io.moodstream.schema.event.PostCodec;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.sentiment.Language;
import io.moodstream.sentiment.SentimentScorer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Parsing and scoring of Kafka record values, as plain static functions the Spark job maps over its
 * input. Nothing here throws on bad input: a record that cannot become a post is a {@link
 * ParseResult.Rejected} and goes to the dead-letter topic.
 */
public final class PostParsing {
  /** The {@link DeadLetter#source()} of records the Spark job rejects. */
  public static final String STAGE = "streaming";

  private PostParsing() {}

  /** One scorer per JVM (driver or executor), loaded on first use, shared by all tasks. */
  private static final class Scorer {
    static final SentimentScorer INSTANCE = SentimentScorer.standard();
  }

  /**
   * A post, or why it is refused. Parsing applies {@link io.moodstream.schema.event.PostRules}, the
   * rules ingest applies too, storability included (createdAt within 1970..2106, topics valid as
   * row keys, ids that fit a post_refs row): ingest never sends a post the job cannot store, and a
   * record from anything else gets the same verdict here.
   */
  public static ParseResult<PostEvent> post(byte[] value) {
    return PostCodec.parse(value); // binary or JSON, by the first byte
  }

  /** The post with its compound; posts in a language VADER cannot score are not scored. */
  static ScoredPost score(PostEvent post) {
    return Language.isScorable(post.lang())
        ? new ScoredPost(post, true, Scorer.INSTANCE.score(post.text()).compound())
        : new ScoredPost(post, false, 0);
  }

  /**
   * The dead letter (JSON) of a rejected record; a binary record's {@code raw} is its bytes in
   * Base64 ({@link PostCodec#readable}).
   */
  public static String deadLetter(byte[] value, ParseResult.Rejected<?> r) {
    String raw = PostCodec.isBinary(value) ? PostCodec.readable(value) : text(value);
    DeadLetter d = new DeadLetter(raw, r.reason(), STAGE, Instant.now());
    return new String(EventJson.toJson(d), StandardCharsets.UTF_8);
  }

  /** The raw record as text, invalid UTF-8 replaced by U+FFFD; empty for a null value. */
  static String text(byte[] value) {
    return value == null ? "" : new String(value, StandardCharsets.UTF_8);
  }
}
