package io.moodstream.streaming;

import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import scala.Tuple2;
import scala.Tuple5;

/**
 * The job's transformation as a plain method: Kafka-shaped rows (binary {@code value}, {@code
 * timestamp} = append time) in, everything a batch reports out. Used by {@link StreamJob} on the
 * Kafka source and by the tests on a MemoryStream.
 *
 * <ol>
 *   <li>{@link PartialBuckets} folds each input partition into per-post partials per (topic,
 *       minute), plus side rows: dead letters and posts per minute;
 *   <li>{@code withWatermark} on the partials' latest createdAt (side rows have none);
 *   <li>{@code groupByKey(topic, minute).flatMapGroupsWithState} ({@link BucketFunction}, update
 *       mode, processing-time timeouts): decides lateness by the watermark itself, de-duplicates
 *       posts by id within each open minute, and keeps the job-wide {@link Totals} as the state of
 *       the side key.
 * </ol>
 *
 * Every output is a row of the query (no accumulators): dead letters, totals and buckets are
 * exactly-once through the checkpoint like the buckets always were, whatever tasks or stages Spark
 * re-runs. {@link Batch#of} splits a collected batch.
 */
public final class MoodTransform {
  /** Columns of {@link #outputs}. */
  public static final String KIND = "kind";

  public static final String TOPIC = "topic";
  public static final String MINUTE = "minute";
  public static final String PAYLOAD = "payload";

  // input kinds of the stateful step
  static final int PARTIAL = 0;
  static final int DEAD_LETTER = 1;
  static final int FUTURE = 2;
  static final int MINUTE_COUNTS = 3;

  // output kinds (DEAD_LETTER too)
  static final int BUCKET = 10;
  static final int TOTALS = 11;
  static final int DUPLICATES = 12;

  /** The key of side rows: a topic no post can have (topics are never empty). */
  static final String SIDE_TOPIC = "";

  static final long SIDE_MINUTE = 0L;

  private MoodTransform() {}

  /**
   * Every output row of a batch: (kind, topic, minute, payload); split them with {@link Batch#of}.
   */
  public static Dataset<Row> outputs(Dataset<Row> records, StreamingConfig.Transform t) {
    Encoder<Tuple5<Integer, String, Long, Timestamp, byte[]>> partial =
        Encoders.tuple(
            Encoders.INT(),
            Encoders.STRING(),
            Encoders.LONG(),
            Encoders.TIMESTAMP(),
            Encoders.BINARY());
    Dataset<Tuple5<Integer, String, Long, Timestamp, byte[]>> partials =
        records
            .select(col("value").cast("binary").as("_1"), col("timestamp").as("_2"))
            .as(Encoders.tuple(Encoders.BINARY(), Encoders.TIMESTAMP()))
            .mapPartitions(new PartialBuckets(t), partial)
            .withWatermark("_4", t.watermark().toMillis() + " milliseconds");
    return partials
        .groupByKey(
            (MapFunction<Tuple5<Integer, String, Long, Timestamp, byte[]>, Tuple2<String, Long>>)
                r -> new Tuple2<>(r._2(), r._3()),
            Encoders.tuple(Encoders.STRING(), Encoders.LONG()))
        .flatMapGroupsWithState(
            new BucketFunction(t),
            OutputMode.Update(),
            Encoders.BINARY(),
            Encoders.tuple(Encoders.INT(), Encoders.STRING(), Encoders.LONG(), Encoders.BINARY()),
            GroupStateTimeout.ProcessingTimeTimeout())
        .toDF(KIND, TOPIC, MINUTE, PAYLOAD);
  }

  /** A changed (topic, minute) bucket. */
  public record BucketRow(String topic, long minute, BucketState state) {}

  /**
   * One batch's outputs.
   *
   * @param buckets the changed buckets
   * @param deadLetters dead letter JSON for {@code moodstream.dlq}
   * @param totals the job's totals after this batch (from state: exact, across restarts)
   * @param batch this batch's share of them
   * @param duplicatePosts posts this batch left out as already counted
   */
  public record Batch(
      List<BucketRow> buckets,
      List<String> deadLetters,
      Totals totals,
      Totals batch,
      long duplicatePosts) {

    public static Batch of(List<Row> rows) {
      List<BucketRow> buckets = new ArrayList<>();
      List<String> letters = new ArrayList<>();
      Totals totals = null;
      Totals batch = Totals.ZERO;
      long duplicates = 0;
      for (Row r : rows) {
        byte[] payload = (byte[]) r.get(3);
        switch (r.getInt(0)) {
          case BUCKET ->
              buckets.add(
                  new BucketRow(r.getString(1), r.getLong(2), BucketState.fromBytes(payload)));
          case DEAD_LETTER -> letters.add(new String(payload, StandardCharsets.UTF_8));
          case TOTALS -> {
            Bytes.Reader in = new Bytes.Reader(payload);
            totals = Totals.read(in);
            batch = Totals.read(in);
          }
          case DUPLICATES -> duplicates += Bytes.longOf(payload);
          default -> throw new IllegalStateException("unknown output kind " + r.getInt(0));
        }
      }
      return new Batch(buckets, letters, totals, batch, duplicates);
    }
  }
}
