package io.moodstream.rest.store;

import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.Extremes;
import java.time.Duration;
import java.util.List;

/**
 * A {@link BucketStore} whose every read runs on the {@link HBaseBulkhead} and is waited for at
 * most {@code wait}: for readers on threads of their own (the live pollers), never for work that
 * already runs on the bulkhead (it would wait on itself).
 */
public final class BulkheadBucketStore implements BucketStore {
  private final BucketStore delegate;
  private final HBaseBulkhead bulkhead;
  private final Duration wait;

  public BulkheadBucketStore(BucketStore delegate, HBaseBulkhead bulkhead, Duration wait) {
    this.delegate = delegate;
    this.bulkhead = bulkhead;
    this.wait = wait;
  }

  @Override
  public List<TopicSpan> topics() {
    return bulkhead.call(delegate::topics, wait);
  }

  @Override
  public List<Bucket> aggregates(Step step, String topic, long from, long to) {
    return bulkhead.call(() -> delegate.aggregates(step, topic, from, to), wait);
  }

  @Override
  public List<Extremes> extremes(String topic, long from, long to) {
    return bulkhead.call(() -> delegate.extremes(topic, from, to), wait);
  }

  @Override
  public void ping() {
    bulkhead.call(
        () -> {
          delegate.ping();
          return null;
        },
        wait);
  }
}
