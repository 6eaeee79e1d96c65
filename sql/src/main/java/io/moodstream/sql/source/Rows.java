package io.moodstream.sql.source;

import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import java.time.Instant;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/** Spark rows of the views' schemas ({@link View#schema()}), in column order. */
final class Rows {
  private Rows() {}

  static InternalRow aggregate(UTF8String topic, long bucketStart, Aggregate a) {
    double mean = a.meanCompound();
    double stddev = a.stddev();
    return new GenericInternalRow(
        new Object[] {
          topic,
          bucketStart * 1_000_000L,
          a.count(),
          a.scored(),
          a.positive(),
          a.neutral(),
          a.negative(),
          Double.isNaN(mean) ? null : mean,
          Double.isNaN(stddev) ? null : stddev,
          a.sumCompound(),
          a.sumSquares(),
          UnsafeArrayData.fromPrimitiveArray(a.histogram())
        });
  }

  static InternalRow extreme(
      UTF8String topic, long minute, UTF8String polarity, int rank, ExtremePost p) {
    return new GenericInternalRow(
        new Object[] {
          topic,
          minute * 1_000_000L,
          polarity,
          rank,
          UTF8String.fromString(p.id()),
          UTF8String.fromString(p.text()),
          UTF8String.fromString(p.author().handle()),
          UTF8String.fromString(p.author().id()),
          p.compound(),
          micros(p.createdAt()),
          p.url() == null ? null : UTF8String.fromString(p.url())
        });
  }

  static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
  }
}
