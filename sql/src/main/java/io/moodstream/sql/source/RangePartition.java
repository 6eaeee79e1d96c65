package io.moodstream.sql.source;

import java.util.HexFormat;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One Spark partition: one contiguous HBase scan over [startRow, stopRow). An empty start is the
 * table's beginning, an empty stop its end.
 */
public final class RangePartition implements InputPartition {
  private static final long serialVersionUID = 1L;

  private final byte[] startRow;
  private final byte[] stopRow;
  private final String label;

  public RangePartition(byte[] startRow, byte[] stopRow, String label) {
    this.startRow = startRow.clone();
    this.stopRow = stopRow.clone();
    this.label = label;
  }

  public byte[] startRow() {
    return startRow.clone();
  }

  public byte[] stopRow() {
    return stopRow.clone();
  }

  /** What the range covers, for logs and tests: {@code apple [2026-11-24T14:00:00Z, ...)}. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label
        + " ("
        + HexFormat.of().formatHex(startRow)
        + ".."
        + HexFormat.of().formatHex(stopRow)
        + ")";
  }
}
