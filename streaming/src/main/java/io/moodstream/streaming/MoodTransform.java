package io.moodstream.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.window;

import java.util.Arrays;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The job's transformation as plain methods: Kafka-shaped rows (a binary {@code value} column) in,
 * Datasets out. Used by {@link StreamJob} on the Kafka source and by the tests on a MemoryStream.
 */
public final class MoodTransform {
  /** Columns of {@link #buckets}: topic, minute (epoch seconds), state (a {@link BucketState}). */
  public static final String TOPIC = "topic";

  public static final String MINUTE = "minute";
  public static final String STATE = "state";

  private MoodTransform() {}

  /**
   * Per topic × event-time minute, the bucket state of every bucket that changed in the batch
   * (output mode update). Posts later than the watermark are dropped by Spark's stateful operator
   * and counted in its {@code numRowsDroppedByWatermark} metric.
   */
  public static Dataset<Row> buckets(Dataset<Row> records, StreamingConfig.Transform t) {
    Encoder<PostCell> cells = Encoders.bean(PostCell.class);
    Dataset<Row> posts =
        values(records)
            .flatMap((FlatMapFunction<byte[], PostCell>) PostParsing::scored, cells)
            .toDF();
    Dataset<Row> perTopic =
        posts
            .withColumn(TOPIC, explode(col("topics")))
            .withColumn("topics", org.apache.spark.sql.functions.lit(null).cast("array<string>"))
            .withWatermark("createdAt", t.watermark().toMillis() + " milliseconds");
    Column[] inputs =
        Arrays.stream(cells.schema().fieldNames()).map(perTopic::col).toArray(Column[]::new);
    Column state = udaf(new BucketAggregator(t.k()), cells).apply(inputs);
    return perTopic
        .groupBy(window(col("createdAt"), "1 minute").as("window"), col(TOPIC))
        .agg(state.as(STATE))
        .select(col(TOPIC), col("window.start").cast("long").as(MINUTE), col(STATE));
  }

  /** Dead letters (JSON strings) for the records of {@code moodstream.posts} that are rejected. */
  public static Dataset<String> postDeadLetters(Dataset<Row> records) {
    return values(records)
        .flatMap((FlatMapFunction<byte[], String>) PostParsing::postDeadLetter, Encoders.STRING());
  }

  /**
   * Dead letters (JSON strings) for the records of {@code moodstream.deletes} that are rejected.
   */
  public static Dataset<String> deleteDeadLetters(Dataset<Row> records) {
    return values(records)
        .flatMap(
            (FlatMapFunction<byte[], String>) PostParsing::deleteDeadLetter, Encoders.STRING());
  }

  /** The ids of the valid delete events of {@code moodstream.deletes}. */
  public static Dataset<String> deletedIds(Dataset<Row> records) {
    return values(records)
        .flatMap((FlatMapFunction<byte[], String>) PostParsing::deletedId, Encoders.STRING());
  }

  private static Dataset<byte[]> values(Dataset<Row> records) {
    return records.select(col("value").cast("binary")).as(Encoders.BINARY());
  }
}
