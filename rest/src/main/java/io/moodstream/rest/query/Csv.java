package io.moodstream.rest.query;

import io.moodstream.rest.api.Point;
import io.moodstream.rest.api.SeriesResponse;
import io.moodstream.rest.api.SeriesResponse.TopicSeries;
import io.moodstream.schema.CsvField;
import io.moodstream.schema.hbase.Aggregate;

/** A series as CSV (RFC 4180): one row per topic and point, the histogram as h0..h19. */
public final class Csv {
  public static final String HEADER = header();

  private Csv() {}

  private static String header() {
    StringBuilder b =
        new StringBuilder("topic,start,count,scored,positive,neutral,negative,meanCompound,stddev");
    for (int i = 0; i < Aggregate.BINS; i++) {
      b.append(",h").append(i);
    }
    return b.toString();
  }

  public static String of(SeriesResponse s) {
    StringBuilder b = new StringBuilder(HEADER).append("\r\n");
    for (TopicSeries ts : s.series()) {
      String topic = CsvField.of(ts.topic());
      for (Point p : ts.points()) {
        b.append(topic).append(',').append(p.start());
        b.append(',').append(p.count()).append(',').append(p.scored());
        b.append(',').append(p.positive()).append(',').append(p.neutral());
        b.append(',').append(p.negative());
        b.append(',').append(p.meanCompound() == null ? "" : p.meanCompound());
        b.append(',').append(p.stddev() == null ? "" : p.stddev());
        for (long h : p.histogram()) {
          b.append(',').append(h);
        }
        b.append("\r\n");
      }
    }
    return b.toString();
  }
}
