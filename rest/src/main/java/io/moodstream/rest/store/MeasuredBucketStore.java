package io.moodstream.rest.store;

import io.moodstream.rest.health.Metrics;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.Extremes;
import java.util.List;
import java.util.function.Supplier;

/** A {@link BucketStore} that records the time of every read in {@link Metrics}. */
public final class MeasuredBucketStore implements BucketStore {
  private final BucketStore delegate;
  private final Metrics metrics;

  public MeasuredBucketStore(BucketStore delegate, Metrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  @Override
  public List<TopicSpan> topics() {
    return timed("topics", delegate::topics);
  }

  @Override
  public List<Bucket> aggregates(Step step, String topic, long from, long to) {
    return timed("agg_" + step.label(), () -> delegate.aggregates(step, topic, from, to));
  }

  @Override
  public List<Extremes> extremes(String topic, long from, long to) {
    return timed("extremes_1m", () -> delegate.extremes(topic, from, to));
  }

  @Override
  public void ping() {
    timed(
        "ping",
        () -> {
          delegate.ping();
          return null;
        });
  }

  private <T> T timed(String operation, Supplier<T> read) {
    long t0 = System.nanoTime();
    boolean failed = true;
    try {
      T out = read.get();
      failed = false;
      return out;
    } finally {
      metrics.hbaseRead(operation, System.nanoTime() - t0, failed);
    }
  }
}
