package io.moodstream.streaming;

import io.moodstream.schema.hbase.Step;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * What the posts pass reports besides bucket states, gathered on the driver through accumulators
 * and drained once per batch: the dead letters of rejected records, and how many posts each
 * event-time minute received (which, with the batch's watermark, gives the exact count of late
 * posts that Spark's stateful operator drops — its own metric counts dropped partial states).
 *
 * @param postsPerMinute entries {minute start in epoch seconds, posts}, one per minute per task
 */
public record SideOutputs(
    CollectionAccumulator<String> deadLetters, CollectionAccumulator<long[]> postsPerMinute)
    implements Serializable {

  public static SideOutputs register(SparkContext sc) {
    return new SideOutputs(
        sc.collectionAccumulator("moodstream.dead-letters"),
        sc.collectionAccumulator("moodstream.posts-per-minute"));
  }

  /** One batch's side outputs, taken out of the accumulators. */
  public record Batch(List<String> deadLetters, Map<Long, Long> postsPerMinute) {}

  /**
   * Takes what the last batch added. Call once per batch, after its job: a query's batches run one
   * after another, so the accumulators then hold that batch's values only.
   */
  public Batch drain() {
    List<String> letters = deadLetters.value();
    deadLetters.reset();
    Map<Long, Long> perMinute = new TreeMap<>();
    for (long[] e : postsPerMinute.value()) {
      perMinute.merge(e[0], e[1], Long::sum);
    }
    postsPerMinute.reset();
    return new Batch(letters, perMinute);
  }

  /**
   * The posts Spark drops as late under {@code watermarkMs}: those of every one-minute window that
   * has ended by the watermark (Spark's rule for windowed aggregations: window end ≤ watermark).
   */
  public static long latePosts(Map<Long, Long> postsPerMinute, long watermarkMs) {
    long late = 0;
    for (Map.Entry<Long, Long> e : postsPerMinute.entrySet()) {
      if ((e.getKey() + Step.MINUTE.seconds()) * 1_000 <= watermarkMs) {
        late += e.getValue();
      }
    }
    return late;
  }
}
