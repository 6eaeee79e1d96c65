package io.moodstream.streaming;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/** Folds the posts of one (topic, minute) into a {@link BucketState}. */
final class BucketAggregator extends Aggregator<PostCell, BucketState, BucketState> {
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
  public BucketState reduce(BucketState b, PostCell p) {
    return b.add(p, capacity);
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
