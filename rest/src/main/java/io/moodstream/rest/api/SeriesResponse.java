package io.moodstream.rest.api;

import java.util.List;

/**
 * {@code GET /api/v1/series}: the effective range (aligned to the step) and one series per topic,
 * in the order asked. Buckets without data are absent.
 */
public record SeriesResponse(String from, String to, String step, List<TopicSeries> series) {
  public SeriesResponse {
    series = List.copyOf(series);
  }

  public record TopicSeries(String topic, List<Point> points) {
    public TopicSeries {
      points = List.copyOf(points);
    }
  }
}
