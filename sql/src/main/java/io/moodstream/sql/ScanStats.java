package io.moodstream.sql;

import io.moodstream.sql.source.MoodstreamScan;
import io.moodstream.sql.source.SourceMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * What the HBase scans of an executed query cost, summed over its Moodstream scans, from the
 * source's metrics ({@link SourceMetrics}): shown after each statement by {@code moodstream sql},
 * and how the tests prove that filters prune.
 *
 * @param views the scans, by view name (a view read twice appears twice)
 * @param scans HBase range scans run
 * @param rowsRead rows the scans returned
 * @param rowsScanned rows HBase's region servers visited (their scan metrics)
 * @param seeks one-row seeks made to plan the scans
 */
public record ScanStats(
    List<String> views, long scans, long rowsRead, long rowsScanned, long seeks) {
  public ScanStats {
    views = List.copyOf(views);
  }

  /** The stats of a Dataset that has been executed (collected, written, counted). */
  public static ScanStats of(Dataset<?> executed) {
    List<BatchScanExec> found = new ArrayList<>();
    walk(executed.queryExecution().executedPlan(), found);
    List<String> views = new ArrayList<>();
    long scans = 0;
    long read = 0;
    long scanned = 0;
    long seeks = 0;
    for (BatchScanExec b : found) {
      views.add(((MoodstreamScan) b.scan()).view().viewName());
      scans += metric(b, SourceMetrics.SCANS);
      read += metric(b, SourceMetrics.ROWS_READ);
      scanned += metric(b, SourceMetrics.ROWS_SCANNED);
      seeks += metric(b, SourceMetrics.SEEKS);
    }
    return new ScanStats(views, scans, read, scanned, seeks);
  }

  /** {@code HBase: 1 scan, 120 rows} or {@code no HBase read}. */
  public String summary() {
    if (views.isEmpty()) {
      return "no HBase read";
    }
    return "HBase: "
        + scans
        + (scans == 1 ? " scan, " : " scans, ")
        + String.format("%,d", rowsRead)
        + (rowsRead == 1 ? " row" : " rows")
        + (seeks > 0 ? " (+" + seeks + (seeks == 1 ? " seek)" : " seeks)") : "");
  }

  private static long metric(BatchScanExec b, String name) {
    Option<SQLMetric> m = b.metrics().get(name);
    return m.isDefined() ? m.get().value() : 0;
  }

  private static void walk(SparkPlan p, List<BatchScanExec> out) {
    if (p instanceof BatchScanExec b && b.scan() instanceof MoodstreamScan) {
      out.add(b);
    }
    if (p instanceof AdaptiveSparkPlanExec a) {
      walk(a.executedPlan(), out);
    } else if (p instanceof QueryStageExec q) {
      walk(q.plan(), out);
    } else if (p instanceof ReusedExchangeExec) {
      return; // its scans were counted where the exchange first ran
    }
    for (SparkPlan c : JavaConverters.seqAsJavaList(p.children())) {
      walk(c, out);
    }
    for (SparkPlan s : JavaConverters.seqAsJavaList(p.subqueries())) {
      walk(s, out);
    }
  }
}
