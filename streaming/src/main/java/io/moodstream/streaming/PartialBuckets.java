package io.moodstream.streaming;

import io.moodstream.schema.event.ParseResult;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.PostRules;
import io.moodstream.schema.event.Reject;
import io.moodstream.schema.hbase.Step;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import scala.Tuple2;
import scala.Tuple5;

/**
 * Reads one input partition (Kafka value, append time) into the rows the stateful step groups, each
 * (kind, topic, minute, event time, payload):
 *
 * <ul>
 *   <li>{@link MoodTransform#PARTIAL}: one {@link Partial} per (topic, minute), its event time the
 *       latest createdAt among its posts (in its minute: the maximum over partials, which the
 *       watermark follows, is the maximum over posts);
 *   <li>{@link MoodTransform#DEAD_LETTER} / {@link MoodTransform#FUTURE}: a rejected record's dead
 *       letter JSON — unparseable, unstorable, or dated more than {@code posts.max.clock.skew}
 *       after its Kafka append time ({@link Reject.Code#FUTURE_CREATED_AT}: never into a bucket,
 *       never into the watermark);
 *   <li>{@link MoodTransform#MINUTE_COUNTS}: the post records per minute of the partition (a post
 *       sent twice counts twice), from which the totals group counts posts and late posts.
 * </ul>
 *
 * Side rows are keyed by the {@linkplain MoodTransform#SIDE side key} (an empty topic, which no
 * post can have) and have no event time, so they never move the watermark. Nothing here has side
 * effects: everything the batch reports is a row of its output, exactly-once through the checkpoint
 * however often Spark runs this task.
 */
final class PartialBuckets
    implements MapPartitionsFunction<
        Tuple2<byte[], Timestamp>, Tuple5<Integer, String, Long, Timestamp, byte[]>> {
  private static final long serialVersionUID = 1L;

  private final int capacity;
  private final Duration maxClockSkew;

  PartialBuckets(StreamingConfig.Transform t) {
    this.capacity = t.k();
    this.maxClockSkew = t.maxClockSkew();
  }

  private record Key(String topic, long minute) {}

  @Override
  public Iterator<Tuple5<Integer, String, Long, Timestamp, byte[]>> call(
      Iterator<Tuple2<byte[], Timestamp>> records) {
    Map<Key, Partial.Builder> partials = new LinkedHashMap<>();
    List<Tuple5<Integer, String, Long, Timestamp, byte[]>> out = new ArrayList<>();
    boolean read = false;
    while (records.hasNext()) {
      Tuple2<byte[], Timestamp> r = records.next();
      read = true;
      byte[] value = r._1();
      ParseResult<PostEvent> parsed = PostParsing.post(value);
      if (!(parsed instanceof ParseResult.Accepted<PostEvent> p)) {
        out.add(
            side(
                MoodTransform.DEAD_LETTER,
                PostParsing.deadLetter(value, (ParseResult.Rejected<?>) parsed)));
        continue;
      }
      PostEvent post = p.value();
      Instant appended = r._2() == null ? null : r._2().toInstant();
      Reject future =
          appended == null
              ? null
              : PostRules.futureCreatedAt(
                  post.createdAt(), appended, maxClockSkew, "its Kafka append time");
      if (future != null) {
        out.add(
            side(
                MoodTransform.FUTURE,
                PostParsing.deadLetter(value, new ParseResult.Rejected<PostEvent>(future))));
        continue;
      }
      add(partials, PostParsing.score(post));
    }
    Map<Long, Integer> perMinute = new TreeMap<>();
    partials.forEach(
        (k, b) -> {
          Partial partial = b.build();
          out.add(
              new Tuple5<>(
                  MoodTransform.PARTIAL,
                  k.topic(),
                  k.minute(),
                  new Timestamp(b.latestMillis()),
                  partial.encode()));
          if (k.topic().equals(PostEvent.ALL)) { // every post is in "all"
            perMinute.put(k.minute(), b.count());
          }
        });
    if (read) {
      out.add(side(MoodTransform.MINUTE_COUNTS, minuteCounts(perMinute)));
    }
    return out.iterator();
  }

  private static Tuple5<Integer, String, Long, Timestamp, byte[]> side(int kind, String text) {
    return side(kind, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Tuple5<Integer, String, Long, Timestamp, byte[]> side(int kind, byte[] payload) {
    return new Tuple5<>(kind, MoodTransform.SIDE_TOPIC, MoodTransform.SIDE_MINUTE, null, payload);
  }

  /** Adds the post to the partial of each of its topics. */
  private void add(Map<Key, Partial.Builder> partials, ScoredPost s) {
    Instant at = s.post().createdAt();
    long minute = Step.MINUTE.alignDown(at.getEpochSecond());
    long key = PostKeys.key(s.post().id());
    short units = BucketState.units(s);
    BucketState.Candidate candidate =
        BucketState.isExtreme(units) ? BucketState.Candidate.of(s) : null;
    long millis = at.toEpochMilli();
    for (String topic : s.post().topics()) {
      partials
          .computeIfAbsent(new Key(topic, minute), k -> new Partial.Builder(capacity))
          .add(key, units, candidate, millis);
    }
  }

  /** {minute, posts} pairs. */
  static byte[] minuteCounts(Map<Long, Integer> perMinute) {
    Bytes.Writer w = new Bytes.Writer(4 + perMinute.size() * 12);
    w.putInt(perMinute.size());
    perMinute.forEach((m, n) -> w.putLong(m).putInt(n));
    return w.toByteArray();
  }

  static Map<Long, Integer> minuteCounts(byte[] bytes) {
    Bytes.Reader r = new Bytes.Reader(bytes);
    Map<Long, Integer> m = new TreeMap<>();
    for (int i = r.getInt(); i > 0; i--) {
      m.put(r.getLong(), r.getInt());
    }
    return m;
  }
}
