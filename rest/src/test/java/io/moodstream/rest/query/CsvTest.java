package io.moodstream.rest.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.rest.api.Point;
import io.moodstream.rest.api.SeriesResponse;
import io.moodstream.schema.hbase.Aggregate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void unscoredBucketsLeaveMeanAndStddevEmpty() {
    SeriesResponse s =
        new SeriesResponse(
            "1970-01-01T00:00:00Z",
            "1970-01-01T00:01:00Z",
            "1m",
            List.of(
                new SeriesResponse.TopicSeries(
                    "x,y", List.of(Point.of(0, Aggregate.ofUnscored())))));
    assertThat(Csv.of(s))
        .isEqualTo(
            Csv.HEADER
                + "\r\n\"x,y\",1970-01-01T00:00:00Z,1,0,0,0,0,,,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\r\n");
  }
}
