package io.moodstream.streaming;

import io.moodstream.schema.event.ParseResult;
import io.moodstream.schema.event.PostEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import scala.Tuple3;

/**
 * Folds one input partition's records into one {@link BucketState} per (topic, minute) before Spark
 * sees them, so the shuffle and the state store handle a few partial states per partition instead
 * of a row per post and topic. On the way, rejected records become dead letters and each minute's
 * posts are counted ({@link SideOutputs}).
 *
 * <p>Each partial is emitted as (topic, latest createdAt among its posts, state): the latest
 * createdAt falls in the partial's minute, so Spark's one-minute window puts it where its posts
 * belong, and the maximum over partials — the event time the watermark follows — is the maximum
 * over posts.
 */
final class PartialBuckets
    implements MapPartitionsFunction<byte[], Tuple3<String, Timestamp, BucketState>> {
  private static final long serialVersionUID = 1L;

  private final int capacity;
  private final SideOutputs side;

  PartialBuckets(int capacity, SideOutputs side) {
    this.capacity = capacity;
    this.side = side;
  }

  private record Key(String topic, long minute) {}

  private static final class Partial {
    final BucketState state = new BucketState();
    Instant latest = Instant.MIN;
  }

  @Override
  public Iterator<Tuple3<String, Timestamp, BucketState>> call(Iterator<byte[]> values) {
    Map<Key, Partial> partials = new LinkedHashMap<>();
    while (values.hasNext()) {
      byte[] value = values.next();
      ParseResult<PostEvent> r = PostParsing.post(value);
      if (r instanceof ParseResult.Parsed<PostEvent> p) {
        add(partials, PostParsing.score(p.value()));
      } else {
        side.deadLetters().add(PostParsing.deadLetter(value, (ParseResult.Rejected<?>) r));
      }
    }
    List<Tuple3<String, Timestamp, BucketState>> out = new ArrayList<>(partials.size());
    partials.forEach(
        (k, v) -> {
          out.add(new Tuple3<>(k.topic(), Timestamp.from(v.latest), v.state));
          if (k.topic()
              .equals(PostEvent.ALL)) { // every post is in "all": its count is the minute's
            side.postsPerMinute().add(new long[] {k.minute(), v.state.aggregate().count()});
          }
        });
    return out.iterator();
  }

  /** Adds the post to the partial of each of its topics. */
  private void add(Map<Key, Partial> partials, ScoredPost s) {
    Instant at = s.post().createdAt();
    long minute = Math.floorDiv(at.getEpochSecond(), 60) * 60;
    for (String topic : s.post().topics()) {
      Partial p = partials.computeIfAbsent(new Key(topic, minute), k -> new Partial());
      p.state.add(s, capacity);
      if (at.isAfter(p.latest)) {
        p.latest = at;
      }
    }
  }
}
