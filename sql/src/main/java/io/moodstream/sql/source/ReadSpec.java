package io.moodstream.sql.source;

import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/**
 * What every partition of one scan reads, shipped to the executors: the view, the HBase target and
 * table, the polarities wanted ({@code extremes_1m}), a row limit per partition, and whether the
 * scan may fill HBase's block cache (not for whole-table scans).
 */
record ReadSpec(
    View view,
    HBaseTarget target,
    String qualifiedTable,
    Set<String> polarities,
    long limit,
    boolean cacheBlocks)
    implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  ReadSpec {
    polarities = polarities == null ? null : Set.copyOf(polarities);
  }

  boolean wants(String polarity) {
    return polarities == null || polarities.contains(polarity);
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return new HBaseRowReader(this, (RangePartition) partition);
  }
}
