package io.moodstream.sql.source;

import java.util.Arrays;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.sources.Filter;

/**
 * Takes the query's filters and limit: the filters on topic, time and polarity become row-key
 * ranges and column families ({@link KeyConstraint}); every filter is still evaluated by Spark on
 * the rows read, so a filter only partly expressible as key ranges stays correct.
 */
final class MoodstreamScanBuilder
    implements ScanBuilder, SupportsPushDownFilters, SupportsPushDownLimit {
  private final View view;
  private final HBaseTarget target;
  private KeyConstraint constraint = KeyConstraint.ANY;
  private Filter[] pushed = new Filter[0];
  private long limit = Long.MAX_VALUE;

  MoodstreamScanBuilder(View view, HBaseTarget target) {
    this.view = view;
    this.target = target;
  }

  @Override
  public Filter[] pushFilters(Filter[] filters) {
    constraint = KeyConstraint.of(view, filters);
    pushed =
        Arrays.stream(filters).filter(f -> KeyConstraint.narrows(view, f)).toArray(Filter[]::new);
    return filters; // all of them are evaluated again on the rows read
  }

  @Override
  public Filter[] pushedFilters() {
    return pushed.clone();
  }

  /** Spark pushes a limit only when no filter remains above the scan; it applies it again. */
  @Override
  public boolean pushLimit(int n) {
    limit = n;
    return true;
  }

  @Override
  public Scan build() {
    return new MoodstreamScan(view, target, constraint, pushed, limit);
  }
}
