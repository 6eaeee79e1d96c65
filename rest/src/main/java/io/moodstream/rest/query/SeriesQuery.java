package io.moodstream.rest.query;

import io.moodstream.rest.api.IsoSeconds;
import io.moodstream.rest.api.Point;
import io.moodstream.rest.api.SeriesResponse;
import io.moodstream.rest.api.SeriesResponse.TopicSeries;
import io.moodstream.rest.store.BucketStore;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.storage.Bucket;
import java.util.ArrayList;
import java.util.List;

/** Series of buckets: read from the table of the step, or merged exactly from minutes. */
public final class SeriesQuery {
  private final BucketStore store;

  public SeriesQuery(BucketStore store) {
    this.store = store;
  }

  /**
   * The points of each topic whose start is in [alignDown(from), to), the range widened to whole
   * buckets of {@code r}; buckets without data are absent.
   */
  public SeriesResponse series(List<String> topics, long from, long to, Resolution r) {
    long start = r.alignDown(from);
    long end = r.alignUp(to);
    List<TopicSeries> out = new ArrayList<>();
    for (String topic : topics) {
      out.add(new TopicSeries(topic, points(topic, start, end, r)));
    }
    return new SeriesResponse(IsoSeconds.format(start), IsoSeconds.format(end), r.label(), out);
  }

  List<Point> points(String topic, long start, long end, Resolution r) {
    List<Bucket> buckets = store.aggregates(r.source(), topic, start, end);
    List<Point> points = new ArrayList<>();
    if (r.seconds() == r.source().seconds()) {
      for (Bucket b : buckets) {
        points.add(Point.of(b.start(), b.aggregate()));
      }
      return points;
    }
    long current = -1;
    Aggregate acc = null;
    for (Bucket b : buckets) { // time order, so each group is contiguous and merged in order
      long s = r.alignDown(b.start());
      if (acc != null && s != current) {
        points.add(Point.of(current, acc));
        acc = null;
      }
      current = s;
      acc = acc == null ? b.aggregate() : acc.merge(b.aggregate());
    }
    if (acc != null) {
      points.add(Point.of(current, acc));
    }
    return points;
  }
}
