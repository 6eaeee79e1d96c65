package io.moodstream.sql.source;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** One view as a Spark table: batch reads only. */
final class MoodstreamTable implements SupportsRead {
  private final View view;
  private final HBaseTarget target;

  MoodstreamTable(View view, HBaseTarget target) {
    this.view = view;
    this.target = target;
  }

  @Override
  public String name() {
    return "moodstream." + view.viewName();
  }

  @Override
  @SuppressWarnings("deprecation") // columns() is new in 3.5; schema() is what 3.x callers use
  public StructType schema() {
    return view.schema();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new MoodstreamScanBuilder(view, target);
  }
}
