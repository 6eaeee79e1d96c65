package io.moodstream.streaming;

import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.hbase.Step;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.streaming.GroupState;
import scala.Tuple2;
import scala.Tuple4;
import scala.Tuple5;

/**
 * The stateful step, per key of {@link MoodTransform#outputs} (run with {@code
 * ProcessingTimeTimeout}, so Spark drops no row before this function sees it: with {@code
 * EventTimeTimeout} it would filter late rows unseen, and they could not be counted).
 *
 * <p>A (topic, minute) key: a minute is <em>closed</em> once its end ≤ the batch's watermark
 * ({@link GroupState#getCurrentWatermarkMs}), Spark's rule for windows. Partials of a closed minute
 * are late: dropped (the side key counts their posts). Partials of an open minute are added to its
 * {@link MinuteState} — posts it has counted before are duplicates and left out — and the changed
 * bucket is emitted. A closed minute's state is dropped at the next timeout call; timeouts are set
 * {@link #REVISIT_MS} ahead, so an idle open minute is rewritten that rarely, not every batch.
 *
 * <p>The side key: dead letters pass through as output rows; the minute counts give the late posts
 * by the same rule; the cumulative {@link Totals} are its state, emitted every batch.
 */
final class BucketFunction
    implements FlatMapGroupsWithStateFunction<
        Tuple2<String, Long>,
        Tuple5<Integer, String, Long, Timestamp, byte[]>,
        byte[],
        Tuple4<Integer, String, Long, byte[]>> {
  private static final long serialVersionUID = 1L;

  /** How often an open minute without new posts is looked at (to drop it once closed). */
  static final long REVISIT_MS = 30_000;

  private final int capacity;

  BucketFunction(StreamingConfig.Transform t) {
    this.capacity = t.k();
  }

  /**
   * True when the minute starting at {@code minute} (epoch s) has closed under {@code watermarkMs}.
   */
  static boolean closed(long minute, long watermarkMs) {
    return (minute + Step.MINUTE.seconds()) * 1_000 <= watermarkMs;
  }

  @Override
  public Iterator<Tuple4<Integer, String, Long, byte[]>> call(
      Tuple2<String, Long> key,
      Iterator<Tuple5<Integer, String, Long, Timestamp, byte[]>> rows,
      GroupState<byte[]> state) {
    long watermark = state.getCurrentWatermarkMs();
    if (key._1().equals(MoodTransform.SIDE_TOPIC)) {
      return side(rows, state, watermark).iterator();
    }
    String topic = key._1();
    long minute = key._2();
    boolean closed = closed(minute, watermark);
    if (state.hasTimedOut()) {
      if (closed) {
        state.remove();
      } else {
        state.setTimeoutDuration(REVISIT_MS);
      }
      return Collections.emptyIterator();
    }
    if (closed) { // late: dropped here, counted by the side key
      if (state.exists()) {
        state.remove();
      }
      return Collections.emptyIterator();
    }
    List<Partial> partials = new ArrayList<>();
    rows.forEachRemaining(r -> partials.add(Partial.decode(r._5())));
    MinuteState m = state.exists() ? MinuteState.decode(state.get()) : new MinuteState();
    MinuteState.Added added = m.add(partials, capacity);
    List<Tuple4<Integer, String, Long, byte[]>> out = new ArrayList<>(2);
    if (added.posts() > 0) {
      out.add(new Tuple4<>(MoodTransform.BUCKET, topic, minute, m.bucket.toBytes()));
    }
    if (added.duplicates() > 0 && topic.equals(PostEvent.ALL)) { // every post is in "all"
      out.add(
          new Tuple4<>(
              MoodTransform.DUPLICATES, topic, minute, Bytes.longBytes(added.duplicates())));
    }
    state.update(m.encode());
    state.setTimeoutDuration(REVISIT_MS);
    return out.iterator();
  }

  private List<Tuple4<Integer, String, Long, byte[]>> side(
      Iterator<Tuple5<Integer, String, Long, Timestamp, byte[]>> rows,
      GroupState<byte[]> state,
      long watermark) {
    List<Tuple4<Integer, String, Long, byte[]>> out = new ArrayList<>();
    long posts = 0;
    long late = 0;
    long deadLetters = 0;
    long future = 0;
    while (rows.hasNext()) {
      Tuple5<Integer, String, Long, Timestamp, byte[]> r = rows.next();
      int kind = r._1();
      if (kind == MoodTransform.DEAD_LETTER || kind == MoodTransform.FUTURE) {
        out.add(
            new Tuple4<>(
                MoodTransform.DEAD_LETTER,
                MoodTransform.SIDE_TOPIC,
                MoodTransform.SIDE_MINUTE,
                r._5()));
        deadLetters++;
        if (kind == MoodTransform.FUTURE) {
          future++;
        }
      } else if (kind == MoodTransform.MINUTE_COUNTS) {
        for (Map.Entry<Long, Integer> e : PartialBuckets.minuteCounts(r._5()).entrySet()) {
          posts += e.getValue();
          if (closed(e.getKey(), watermark)) {
            late += e.getValue();
          }
        }
      }
    }
    Totals batch = new Totals(posts, late, deadLetters, future);
    Totals total = (state.exists() ? Totals.fromBytes(state.get()) : Totals.ZERO).plus(batch);
    state.update(total.toBytes());
    Bytes.Writer w = new Bytes.Writer(96);
    total.write(w);
    batch.write(w);
    out.add(
        new Tuple4<>(
            MoodTransform.TOTALS,
            MoodTransform.SIDE_TOPIC,
            MoodTransform.SIDE_MINUTE,
            w.toByteArray()));
    return out;
  }
}
