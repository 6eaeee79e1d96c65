package io.moodstream.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.window;

import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import scala.Tuple3;

/**
 * The job's transformation as a plain method: Kafka-shaped rows (a binary {@code value} column) in,
 * bucket states out. Used by {@link StreamJob} on the Kafka source and by the tests on a
 * MemoryStream.
 */
public final class MoodTransform {
  /** Columns of {@link #buckets}: topic, minute (epoch seconds), state (a {@link BucketState}). */
  public static final String TOPIC = "topic";

  public static final String MINUTE = "minute";
  public static final String STATE = "state";

  private MoodTransform() {}

  /**
   * Per topic × event-time minute, the bucket state of every bucket that changed in the batch
   * (output mode update). Each input partition is first folded into partial states ({@link
   * PartialBuckets}), which Spark's stateful aggregation merges into the state of earlier batches.
   * Minutes that have already closed under the watermark are dropped by that operator and counted
   * in its {@code numRowsDroppedByWatermark} metric (one per late partial, not per post; {@link
   * SideOutputs#latePosts} counts posts). Dead letters and posts per minute go to {@code side}.
   */
  public static Dataset<Row> buckets(
      Dataset<Row> records, StreamingConfig.Transform t, SideOutputs side) {
    Encoder<BucketState> state = Encoders.javaSerialization(BucketState.class);
    Encoder<Tuple3<String, Timestamp, BucketState>> partial =
        Encoders.tuple(Encoders.STRING(), Encoders.TIMESTAMP(), state);
    Dataset<Row> partials =
        records
            .select(col("value").cast("binary"))
            .as(Encoders.BINARY())
            .mapPartitions(new PartialBuckets(t.k(), side), partial)
            .toDF(TOPIC, "createdAt", "partial")
            .withWatermark("createdAt", t.watermark().toMillis() + " milliseconds");
    return partials
        .groupBy(window(col("createdAt"), "1 minute").as("window"), col(TOPIC))
        .agg(udaf(new BucketAggregator(t.k()), state).apply(col("partial")).as(STATE))
        .select(col(TOPIC), col("window.start").cast("long").as(MINUTE), col(STATE));
  }
}
