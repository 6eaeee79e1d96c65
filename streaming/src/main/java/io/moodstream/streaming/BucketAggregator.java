package io.moodstream.streaming;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * Merges the partial states of one (topic, minute) — one per input partition and batch, from {@link
 * PartialBuckets} — into its {@link BucketState}.
 */
final class BucketAggregator extends Aggregator<BucketState, BucketState, BucketState> {
  private static final long serialVersionUID = 1L;
  private final int capacity;

  BucketAggregator(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public BucketState zero() {
    return new BucketState();
  }

  @Override
  public BucketState reduce(BucketState b, BucketState partial) {
    return b.merge(partial, capacity);
  }

  @Override
  public BucketState merge(BucketState a, BucketState b) {
    return a.merge(b, capacity);
  }

  @Override
  public BucketState finish(BucketState b) {
    return b;
  }

  @Override
  public Encoder<BucketState> bufferEncoder() {
    return Encoders.javaSerialization(BucketState.class);
  }

  @Override
  public Encoder<BucketState> outputEncoder() {
    return Encoders.javaSerialization(BucketState.class);
  }
}
