package io.moodstream.sql.source;

import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.Step;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The SQL views over the HBase tables: one per table, named as the table. The aggregate views have
 * one row per stored (topic, bucket); {@code extremes_1m} one row per stored post of each (topic,
 * minute, polarity). Column comments show in {@code DESCRIBE agg_1m}.
 */
public enum View {
  AGG_1M(Step.MINUTE),
  AGG_1H(Step.HOUR),
  AGG_1D(Step.DAY),
  EXTREMES_1M(null);

  /** The time column of the aggregate views: the bucket start. */
  public static final String BUCKET_START = "bucket_start";

  /** The time column of {@code extremes_1m}: the minute the post was counted in. */
  public static final String MINUTE = "minute";

  public static final String TOPIC = "topic";
  public static final String POLARITY = "polarity";

  private static final StructType AGGREGATES =
      new StructType(
          new StructField[] {
            field(TOPIC, DataTypes.StringType, false, "the topic"),
            field(
                BUCKET_START,
                DataTypes.TimestampType,
                false,
                "start of the bucket (UTC); the bucket covers [bucket_start, bucket_start + step)"),
            field("count", DataTypes.LongType, false, "posts in the bucket, scored or not"),
            field(
                "scored",
                DataTypes.LongType,
                false,
                "posts scored by VADER (English or unknown language)"),
            field("positive", DataTypes.LongType, false, "scored posts with compound >= 0.05"),
            field(
                "neutral", DataTypes.LongType, false, "scored posts with -0.05 < compound < 0.05"),
            field("negative", DataTypes.LongType, false, "scored posts with compound <= -0.05"),
            field(
                "mean_compound",
                DataTypes.DoubleType,
                true,
                "mean compound of the scored posts; NULL when none was scored"),
            field(
                "stddev_compound",
                DataTypes.DoubleType,
                true,
                "population standard deviation of compound; NULL when none was scored"),
            field(
                "sum_compound",
                DataTypes.DoubleType,
                false,
                "sum of the scored posts' compound: SUM(sum_compound) / SUM(scored) is the exact"
                    + " mean of several buckets"),
            field(
                "sum_squares",
                DataTypes.DoubleType,
                false,
                "sum of the squares of compound, for exact standard deviations of merged buckets"),
            field(
                "histogram",
                DataTypes.createArrayType(DataTypes.LongType, false),
                false,
                Aggregate.BINS
                    + " counts of compound over [-1, 1]: element i (0-based) covers"
                    + " [-1 + 0.1*i, -1 + 0.1*(i+1)), the last also holds 1.0"),
          });

  private static final StructType EXTREMES =
      new StructType(
          new StructField[] {
            field(TOPIC, DataTypes.StringType, false, "the topic"),
            field(MINUTE, DataTypes.TimestampType, false, "start of the minute (UTC)"),
            field(
                POLARITY,
                DataTypes.StringType,
                false,
                "'positive' (most positive posts) or 'negative' (most negative posts)"),
            field(
                "rank",
                DataTypes.IntegerType,
                false,
                "1 = the most extreme post of its topic, minute and polarity"),
            field("post_id", DataTypes.StringType, false, "the post's id on its platform"),
            field("text", DataTypes.StringType, false, "the post's text"),
            field("author", DataTypes.StringType, false, "the author's handle"),
            field("author_id", DataTypes.StringType, false, "the author's id"),
            field("compound", DataTypes.DoubleType, false, "the post's VADER compound score"),
            field("created_at", DataTypes.TimestampType, false, "when it was posted (UTC)"),
            field("url", DataTypes.StringType, true, "link to the post; NULL when unknown"),
          });

  private final Step step;

  View(Step step) {
    this.step = step;
  }

  /** The view's name, also the name of the HBase table it reads ({@code agg_1m}, ...). */
  public String viewName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The HBase table, without the namespace. */
  public String table() {
    return step == null ? HBaseLayout.EXTREMES_TABLE : HBaseLayout.aggregatesTable(step);
  }

  public boolean isExtremes() {
    return step == null;
  }

  /** Seconds between two rows of one topic: the step; a minute for extremes. */
  public long stepSeconds() {
    return step == null ? Step.MINUTE.seconds() : step.seconds();
  }

  /** The name of the time column the row key orders by. */
  public String timeColumn() {
    return isExtremes() ? MINUTE : BUCKET_START;
  }

  public StructType schema() {
    return isExtremes() ? EXTREMES : AGGREGATES;
  }

  /** The view called {@code name} (case-insensitive), or a message listing the views. */
  public static View named(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "option 'table' is missing: use one of "
              + names()
              + ", e.g. .option(\"table\", \"agg_1m\")");
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (View v : values()) {
      if (v.viewName().equals(n)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown table '" + name + "': use one of " + names());
  }

  public static String names() {
    return Arrays.stream(values()).map(View::viewName).collect(Collectors.joining(", "));
  }

  private static StructField field(String name, DataType type, boolean nullable, String comment) {
    return new StructField(name, type, nullable, Metadata.empty()).withComment(comment);
  }
}
