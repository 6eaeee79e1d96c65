package io.moodstream.storage;

import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.AggregateCodec;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.ExtremesCodec;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.RowKey;
import java.util.List;
import org.apache.hadoop.hbase.client.Put;

/**
 * The Puts of the writers: each is the full current value of a bucket, never an increment, so
 * writing it twice (a replayed micro-batch) leaves the same row. Used by the Spark job's batched
 * puts and by the tests' {@code testing.BucketWriter}.
 */
public final class BucketPuts {
  private BucketPuts() {}

  /** {@code a:v} of the aggregates row of (topic, bucket start) in the table of its step. */
  public static Put aggregate(String topic, long bucketStart, Aggregate a) {
    return new Put(new RowKey(topic, bucketStart).toBytes())
        .addColumn(HBaseLayout.AGG_FAMILY, HBaseLayout.AGG_QUALIFIER, AggregateCodec.encode(a));
  }

  /**
   * {@code e:p} and {@code e:n} of the extremes row of (topic, minute): both lists whole, best
   * first.
   */
  public static Put extremes(
      String topic, long minute, List<ExtremePost> positive, List<ExtremePost> negative) {
    return new Put(new RowKey(topic, minute).toBytes())
        .addColumn(
            HBaseLayout.EXTREMES_FAMILY,
            HBaseLayout.EXTREMES_POSITIVE,
            ExtremesCodec.encode(positive))
        .addColumn(
            HBaseLayout.EXTREMES_FAMILY,
            HBaseLayout.EXTREMES_NEGATIVE,
            ExtremesCodec.encode(negative));
  }
}
