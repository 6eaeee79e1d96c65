package io.moodstream.sql.source;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * What the source reports for each query (in the Spark UI's SQL tab, {@code EXPLAIN}-less, and
 * through {@code ScanStats}): rows read from HBase, rows HBase scanned (its own server-side scan
 * metric), range scans, and one-row seeks made while planning. Spark instantiates these classes by
 * name, hence the public no-argument constructors.
 */
public final class SourceMetrics {
  public static final String ROWS_READ = "hbaseRowsRead";
  public static final String ROWS_SCANNED = "hbaseRowsScanned";
  public static final String SCANS = "hbaseScans";
  public static final String SEEKS = "planningSeeks";

  private SourceMetrics() {}

  static CustomMetric[] all() {
    return new CustomMetric[] {new RowsRead(), new RowsScanned(), new Scans(), new Seeks()};
  }

  static CustomTaskMetric value(String name, long value) {
    return new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return value;
      }
    };
  }

  /** Rows the scans returned (one per stored bucket). */
  public static final class RowsRead extends CustomSumMetric {
    @Override
    public String name() {
      return ROWS_READ;
    }

    @Override
    public String description() {
      return "rows read from HBase";
    }
  }

  /** HBase's own count of the rows its region servers visited for the scans. */
  public static final class RowsScanned extends CustomSumMetric {
    @Override
    public String name() {
      return ROWS_SCANNED;
    }

    @Override
    public String description() {
      return "rows scanned by HBase (region-server scan metrics)";
    }
  }

  /** Range scans run (one per partition). */
  public static final class Scans extends CustomSumMetric {
    @Override
    public String name() {
      return SCANS;
    }

    @Override
    public String description() {
      return "HBase range scans";
    }
  }

  /** One-row seeks made by the driver to plan the scans (topic discovery, slice edges). */
  public static final class Seeks extends CustomSumMetric {
    @Override
    public String name() {
      return SEEKS;
    }

    @Override
    public String description() {
      return "HBase one-row seeks while planning";
    }
  }
}
