package io.moodstream.storage;

import io.moodstream.schema.hbase.AggregateCodec;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.ExtremesCodec;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.RowKey;
import io.moodstream.schema.hbase.Step;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;

/** Reads buckets of one topic and time range, each read one contiguous scan. Thread-safe. */
public final class BucketReader {
  private final Connection connection;
  private final HBaseLayout layout;

  public BucketReader(Connection connection, HBaseLayout layout) {
    this.connection = connection;
    this.layout = layout;
  }

  /** The stored buckets of {@code topic} whose start is in [from, to), in time order. */
  public List<Bucket> aggregates(Step step, String topic, long from, long to) throws IOException {
    Scan scan = scan(topic, from, to).addColumn(HBaseLayout.AGG_FAMILY, HBaseLayout.AGG_QUALIFIER);
    return read(HBaseLayout.aggregatesTable(step), scan, BucketReader::bucket);
  }

  /** The stored extremes of {@code topic} whose minute is in [from, to), in time order. */
  public List<Extremes> extremes(String topic, long from, long to) throws IOException {
    Scan scan = scan(topic, from, to).addFamily(HBaseLayout.EXTREMES_FAMILY);
    return read(HBaseLayout.EXTREMES_TABLE, scan, BucketReader::extremes);
  }

  /** Every row {@code scan} finds in {@code table}, each read by {@code row}, in key order. */
  private <T> List<T> read(String table, Scan scan, Function<Result, T> row) throws IOException {
    List<T> out = new ArrayList<>();
    try (Table t = connection.getTable(TableName.valueOf(layout.qualified(table)));
        ResultScanner s = t.getScanner(scan)) {
      for (Result r : s) {
        out.add(row.apply(r));
      }
    }
    return out;
  }

  /** A row of an aggregates table ({@code agg_1m}, {@code agg_1h}, {@code agg_1d}). */
  static Bucket bucket(Result r) {
    RowKey k = RowKey.fromBytes(r.getRow());
    return new Bucket(
        k.topic(),
        k.epochSecond(),
        AggregateCodec.decode(r.getValue(HBaseLayout.AGG_FAMILY, HBaseLayout.AGG_QUALIFIER)));
  }

  /** A row of {@code extremes_1m}; a side without its cell is empty. */
  public static Extremes extremes(Result r) {
    RowKey k = RowKey.fromBytes(r.getRow());
    return new Extremes(
        k.topic(),
        k.epochSecond(),
        side(r, HBaseLayout.EXTREMES_POSITIVE),
        side(r, HBaseLayout.EXTREMES_NEGATIVE));
  }

  private static List<ExtremePost> side(Result r, byte[] qualifier) {
    byte[] cell = r.getValue(HBaseLayout.EXTREMES_FAMILY, qualifier);
    return cell == null ? List.of() : ExtremesCodec.decode(cell);
  }

  static Scan scan(String topic, long from, long to) {
    return new Scan()
        .withStartRow(RowKey.startRow(topic, from))
        .withStopRow(RowKey.stopRow(topic, to))
        .setCaching(1000);
  }
}
