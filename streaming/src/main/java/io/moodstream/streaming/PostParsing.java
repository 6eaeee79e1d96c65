package io.moodstream.streaming;

import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.DeleteEvent;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.ParseResult;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.hbase.RowKey;
import io.moodstream.sentiment.Language;
import io.moodstream.sentiment.SentimentScorer;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

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
   * A post, or the reason it cannot be stored: the schema contract plus what the row keys need
   * (createdAt within 1970..2106, topics that are valid row-key topics).
   */
  public static ParseResult<PostEvent> post(byte[] value) {
    ParseResult<PostEvent> r = EventJson.parsePost(value);
    if (!(r instanceof ParseResult.Parsed<PostEvent> p)) {
      return r;
    }
    PostEvent post = p.value();
    long seconds = post.createdAt().getEpochSecond();
    if (seconds < 0 || seconds > RowKey.MAX_EPOCH_SECOND) {
      return ParseResult.rejected(
          "createdAt",
          "field 'createdAt' is " + post.createdAt() + ", outside the storable 1970..2106");
    }
    for (int i = 0; i < post.topics().size(); i++) {
      try {
        new RowKey(post.topics().get(i), 0);
      } catch (IllegalArgumentException e) {
        return ParseResult.rejected(
            "topics[" + i + "]", "field 'topics[" + i + "]' is not storable: " + e.getMessage());
      }
    }
    return r;
  }

  /** The scored post of a record value, or nothing when the record is rejected. */
  public static Iterator<PostCell> scored(byte[] value) {
    if (post(value) instanceof ParseResult.Parsed<PostEvent> p) {
      return Collections.singletonList(cell(p.value())).iterator();
    }
    return Collections.emptyIterator();
  }

  static PostCell cell(PostEvent post) {
    PostCell c = new PostCell();
    c.setId(post.id());
    c.setText(post.text());
    c.setAuthorId(post.author().id());
    c.setAuthorHandle(post.author().handle());
    c.setUrl(post.url());
    c.setCreatedAt(Timestamp.from(post.createdAt()));
    c.setTopics(post.topics());
    if (Language.isScorable(post.lang())) {
      c.setScored(true);
      c.setCompound(Scorer.INSTANCE.score(post.text()).compound());
    }
    return c;
  }

  /** The deleted post id of a delete record, or nothing when it is rejected. */
  public static Iterator<String> deletedId(byte[] value) {
    if (EventJson.parseDelete(value) instanceof ParseResult.Parsed<DeleteEvent> d) {
      return Collections.singletonList(d.value().id()).iterator();
    }
    return Collections.emptyIterator();
  }

  /** The dead letter (JSON) of a rejected post record, or nothing when the record is a post. */
  public static Iterator<String> postDeadLetter(byte[] value) {
    return deadLetter(value, post(value));
  }

  /** The dead letter (JSON) of a rejected delete record, or nothing when it is valid. */
  public static Iterator<String> deleteDeadLetter(byte[] value) {
    return deadLetter(value, EventJson.parseDelete(value));
  }

  private static Iterator<String> deadLetter(byte[] value, ParseResult<?> r) {
    if (r instanceof ParseResult.Rejected<?> rej) {
      DeadLetter d = new DeadLetter(text(value), rej.reason(), STAGE, Instant.now());
      return List.of(new String(EventJson.toJson(d), StandardCharsets.UTF_8)).iterator();
    }
    return Collections.emptyIterator();
  }

  /** The raw record as text, invalid UTF-8 replaced by U+FFFD; empty for a null value. */
  static String text(byte[] value) {
    if (value == null) {
      return "";
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder cannot fail", e);
    }
  }
}
