package io.moodstream.sql.source;

import java.io.IOException;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.FilterList;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;

/** {@link KeySpace} over an HBase table: key-only one-row scans, forward or reversed. */
final class HBaseKeySpace implements KeySpace {
  private final Table table;

  HBaseKeySpace(Table table) {
    this.table = table;
  }

  @Override
  public byte[] firstKey(byte[] start, byte[] stop) throws IOException {
    Scan scan = oneRow().withStartRow(start, true);
    if (stop.length > 0) {
      scan.withStopRow(stop, false);
    }
    return first(scan);
  }

  @Override
  public byte[] lastKey(byte[] start, byte[] stop) throws IOException {
    // a reversed scan starts at its start row (inclusive) and runs down to its stop row
    Scan scan = oneRow().setReversed(true);
    if (stop.length > 0) {
      scan.withStartRow(stop, false);
    }
    if (start.length > 0) {
      scan.withStopRow(start, true);
    }
    return first(scan);
  }

  private static Scan oneRow() {
    return new Scan()
        .setFilter(new FilterList(new FirstKeyOnlyFilter(), new KeyOnlyFilter()))
        .setLimit(1)
        .setCaching(1)
        .setCacheBlocks(false);
  }

  private byte[] first(Scan scan) throws IOException {
    try (ResultScanner s = table.getScanner(scan)) {
      Result r = s.next();
      return r == null ? null : r.getRow();
    }
  }
}
