package io.moodstream.sql.source;

import io.moodstream.schema.hbase.HBaseLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Table;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scan of one view with its pushed filters: planned into HBase range scans by {@link ScanPlanner}
 * on the driver, read by {@link HBaseRowReader} on the executors.
 */
public final class MoodstreamScan implements Scan, Batch, SupportsReportStatistics {
  private static final Logger LOG = LoggerFactory.getLogger(MoodstreamScan.class);

  /** Bytes of one row, roughly, for Spark's join planning. */
  private static final long AGGREGATE_ROW_BYTES = 200;

  private static final long EXTREME_ROW_BYTES = 400;

  private final View view;
  private final HBaseTarget target;
  private final KeyConstraint constraint;
  private final Filter[] pushed;
  private final long limit;
  private ScanPlanner.Plan plan;

  MoodstreamScan(
      View view, HBaseTarget target, KeyConstraint constraint, Filter[] pushed, long limit) {
    this.view = view;
    this.target = target;
    this.constraint = constraint;
    this.pushed = pushed.clone();
    this.limit = limit;
  }

  public View view() {
    return view;
  }

  @Override
  public StructType readSchema() {
    return view.schema();
  }

  @Override
  public String description() {
    return "moodstream "
        + view.viewName()
        + " ["
        + constraint.describe()
        + (limit < Long.MAX_VALUE ? " limit=" + limit : "")
        + "] pushed: "
        + Arrays.stream(pushed).map(Filter::toString).collect(Collectors.joining(", "));
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  /** The range scans, planned once (with a few one-row seeks when no topic or range is given). */
  public synchronized ScanPlanner.Plan plan() {
    if (plan == null) {
      long t0 = System.nanoTime();
      String table = HBaseLayout.NAMESPACE + ":" + view.table();
      try (Table t = Connections.get(target).getTable(TableName.valueOf(table))) {
        plan = new ScanPlanner(view, new HBaseKeySpace(t)).plan(constraint);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read " + table + " from HBase at " + target.describe() + ": " + e.getMessage(),
            e);
      }
      LOG.debug(
          "sql: {} planned as {} range scan(s) after {} seek(s) in {} ms: {}",
          view.viewName(),
          plan.partitions().size(),
          plan.seeks(),
          (System.nanoTime() - t0) / 1_000_000,
          plan.partitions());
    }
    return plan;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    return plan().partitions().toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new ReadSpec(
        view,
        target,
        HBaseLayout.NAMESPACE + ":" + view.table(),
        constraint.polarities(),
        limit,
        constraint.timeBounded());
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return SourceMetrics.all();
  }

  @Override
  public CustomTaskMetric[] reportDriverMetrics() {
    return new CustomTaskMetric[] {
      SourceMetrics.value(SourceMetrics.SEEKS, plan == null ? 0 : plan.seeks())
    };
  }

  /**
   * An upper bound when both topics and a time range are known (one row per topic and step, more
   * for extremes), so Spark can broadcast a small side of a join; unknown otherwise.
   */
  @Override
  public Statistics estimateStatistics() {
    OptionalLong rows = OptionalLong.empty();
    if (constraint.isEmpty()) {
      rows = OptionalLong.of(0);
    } else if (constraint.topics() != null && constraint.timeBounded()) {
      long buckets = (constraint.to() - constraint.from()) / view.stepSeconds() + 1;
      long perBucket = view.isExtremes() ? 20 : 1;
      rows = OptionalLong.of(Math.min(limit, constraint.topics().size() * buckets * perBucket));
    }
    OptionalLong bytes =
        rows.isPresent()
            ? OptionalLong.of(
                rows.getAsLong() * (view.isExtremes() ? EXTREME_ROW_BYTES : AGGREGATE_ROW_BYTES))
            : OptionalLong.empty();
    OptionalLong r = rows;
    return new Statistics() {
      @Override
      public OptionalLong sizeInBytes() {
        return bytes;
      }

      @Override
      public OptionalLong numRows() {
        return r;
      }
    };
  }
}
