package io.moodstream.sql.source;

import io.moodstream.schema.hbase.AggregateCodec;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.ExtremesCodec;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.RowKey;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.metrics.ScanMetrics;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads one {@link RangePartition}: one HBase scan, its cells decoded with the schema module's
 * codecs ({@link AggregateCodec}, {@link ExtremesCodec}, {@link RowKey}) — the decoding storage's
 * {@code BucketReader} and so the REST service use.
 */
final class HBaseRowReader implements PartitionReader<InternalRow> {
  private static final UTF8String POSITIVE = UTF8String.fromString("positive");
  private static final UTF8String NEGATIVE = UTF8String.fromString("negative");

  private final ReadSpec spec;
  private final RangePartition range;
  private final ArrayDeque<InternalRow> pending = new ArrayDeque<>();
  private Table table;
  private ResultScanner scanner;
  private InternalRow current;
  private long rowsRead;
  private long emitted;
  private String lastTopic;
  private UTF8String lastTopicUtf8;

  HBaseRowReader(ReadSpec spec, RangePartition range) {
    this.spec = spec;
    this.range = range;
  }

  @Override
  public boolean next() throws IOException {
    if (emitted >= spec.limit()) {
      return false;
    }
    try {
      if (scanner == null) {
        open();
      }
      return advance();
    } catch (IOException e) {
      throw new IOException(
          "cannot read "
              + spec.qualifiedTable()
              + " from HBase at "
              + spec.target().describe()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private boolean advance() throws IOException {
    while (pending.isEmpty()) {
      Result r = scanner.next();
      if (r == null) {
        return false;
      }
      rowsRead++;
      decode(r);
    }
    current = pending.poll();
    emitted++;
    return true;
  }

  private void open() throws IOException {
    Connection c = Connections.get(spec.target());
    table = c.getTable(TableName.valueOf(spec.qualifiedTable()));
    Scan scan = new Scan().setCaching(1000).setScanMetricsEnabled(true);
    byte[] start = range.startRow();
    byte[] stop = range.stopRow();
    if (start.length > 0) {
      scan.withStartRow(start, true);
    }
    if (stop.length > 0) {
      scan.withStopRow(stop, false);
    }
    if (spec.view().isExtremes()) {
      if (spec.wants("positive")) {
        scan.addColumn(HBaseLayout.EXTREMES_FAMILY, HBaseLayout.EXTREMES_POSITIVE);
      }
      if (spec.wants("negative")) {
        scan.addColumn(HBaseLayout.EXTREMES_FAMILY, HBaseLayout.EXTREMES_NEGATIVE);
      }
    } else {
      scan.addColumn(HBaseLayout.AGG_FAMILY, HBaseLayout.AGG_QUALIFIER);
      if (spec.limit() < Integer.MAX_VALUE) {
        scan.setLimit((int) spec.limit()); // one stored bucket is one SQL row
      }
    }
    // a whole-table scan would only evict from the block cache what the REST service reads
    scan.setCacheBlocks(spec.cacheBlocks());
    scanner = table.getScanner(scan);
  }

  private void decode(Result r) {
    RowKey key;
    try {
      key = RowKey.fromBytes(r.getRow());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          spec.view().viewName() + ": a row key that is not Moodstream's: " + e.getMessage(), e);
    }
    UTF8String topic = topic(key.topic());
    try {
      if (!spec.view().isExtremes()) {
        pending.add(
            Rows.aggregate(
                topic,
                key.epochSecond(),
                AggregateCodec.decode(
                    r.getValue(HBaseLayout.AGG_FAMILY, HBaseLayout.AGG_QUALIFIER))));
        return;
      }
      add(
          topic,
          key.epochSecond(),
          POSITIVE,
          r.getValue(HBaseLayout.EXTREMES_FAMILY, HBaseLayout.EXTREMES_POSITIVE));
      add(
          topic,
          key.epochSecond(),
          NEGATIVE,
          r.getValue(HBaseLayout.EXTREMES_FAMILY, HBaseLayout.EXTREMES_NEGATIVE));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          spec.view().viewName()
              + " row "
              + HexFormat.of().formatHex(r.getRow())
              + " (topic "
              + key.topic()
              + ", "
              + java.time.Instant.ofEpochSecond(key.epochSecond())
              + ") cannot be decoded: "
              + e.getMessage(),
          e);
    }
  }

  private void add(UTF8String topic, long minute, UTF8String polarity, byte[] cell) {
    if (cell == null) {
      return;
    }
    List<ExtremePost> posts = ExtremesCodec.decode(cell);
    for (int i = 0; i < posts.size(); i++) {
      pending.add(Rows.extreme(topic, minute, polarity, i + 1, posts.get(i)));
    }
  }

  private UTF8String topic(String t) {
    if (!t.equals(lastTopic)) {
      lastTopic = t;
      lastTopicUtf8 = UTF8String.fromString(t);
    }
    return lastTopicUtf8;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    ScanMetrics m = scanner == null ? null : scanner.getScanMetrics();
    return new CustomTaskMetric[] {
      SourceMetrics.value(SourceMetrics.ROWS_READ, rowsRead),
      SourceMetrics.value(SourceMetrics.ROWS_SCANNED, m == null ? 0 : m.countOfRowsScanned.get()),
      SourceMetrics.value(SourceMetrics.SCANS, scanner == null ? 0 : 1)
    };
  }

  @Override
  public void close() throws IOException {
    if (scanner != null) {
      scanner.close();
    }
    if (table != null) {
      table.close();
    }
  }
}
