package io.moodstream.rest.store;

import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.Extremes;
import java.util.List;

/**
 * The reads the REST service makes. Every method may throw {@link StoreUnavailableException} when
 * the storage cannot be reached; implementations are thread-safe.
 */
public interface BucketStore {

  /** Every topic with data and the starts of its first and last minute bucket, by topic name. */
  List<TopicSpan> topics();

  /** The stored buckets of one topic, step and range [from, to) (epoch seconds), in time order. */
  List<Bucket> aggregates(Step step, String topic, long from, long to);

  /** The stored extremes of one topic whose minute is in [from, to), in time order. */
  List<Extremes> extremes(String topic, long from, long to);

  /** Throws {@link StoreUnavailableException} unless the storage answers now. */
  void ping();

  /**
   * A topic with data.
   *
   * @param topic its name
   * @param first start of its first minute bucket, epoch seconds
   * @param last start of its last minute bucket, epoch seconds
   */
  record TopicSpan(String topic, long first, long last) {}
}
