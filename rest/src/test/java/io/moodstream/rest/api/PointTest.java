package io.moodstream.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.moodstream.schema.hbase.Aggregate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointTest {
  @Test
  void meanAndSpreadKeepEveryDigitSoClientsCanCheckThem() {
    Aggregate a =
        Aggregate.ofScored(0.1234)
            .merge(Aggregate.ofScored(0.5678))
            .merge(Aggregate.ofScored(-0.3333));
    Point p = Point.of(0, a);
    assertThat(p.meanCompound()).isEqualTo(a.meanCompound());
    assertThat(p.meanCompound()).isNotEqualTo(Math.round(a.meanCompound() * 10_000) / 10_000.0);
    assertThat(p.stddev()).isEqualTo(a.stddev());
  }

  @Test
  void nothingScoredIsNullAndZeroHasNoSign() {
    assertThat(Point.of(0, Aggregate.ofUnscored()).meanCompound()).isNull();
    assertThat(Point.of(0, Aggregate.ofUnscored()).stddev()).isNull();
    assertThat(Double.doubleToRawLongBits(Point.orNull(-0.0))).isZero();
  }

  @Test
  void theHandWrittenJsonIsWhatJacksonsRecordWriterWrites() throws Exception {
    ObjectMapper reflective = new ObjectMapper();
    // the same mapper with @JsonSerialize ignored: Jackson's own record writer
    reflective.setAnnotationIntrospector(
        new JacksonAnnotationIntrospector() {
          private static final long serialVersionUID = 1L;

          @Override
          public Object findSerializer(Annotated a) {
            return null;
          }
        });
    ObjectMapper ours = new ObjectMapper();
    Aggregate spread =
        Aggregate.ofScored(0.1234)
            .merge(Aggregate.ofScored(-1.0))
            .merge(Aggregate.ofScored(1.0))
            .merge(Aggregate.ofUnscored());
    List<Point> points =
        List.of(
            Point.of(1_795_568_400L, spread),
            Point.of(0, Aggregate.ofUnscored()),
            Point.of(60, Aggregate.ofScored(0.0)),
            new Point("2026-11-25T01:00:00Z", 1, 1, 0, 1, 0, 0.0, 0.0, null));
    for (Point p : points) {
      String expected = reflective.writeValueAsString(p);
      assertThat(ours.writeValueAsString(p)).isEqualTo(expected);
      assertThat(RestJson.mapper().writeValueAsString(p)).isEqualTo(expected);
    }
    assertThat(ours.writeValueAsString(points)).isEqualTo(reflective.writeValueAsString(points));
  }

  @Test
  void doublesReadBackExactly() throws Exception {
    ObjectMapper json = RestJson.mapper();
    // on the factory: Jersey's JSON provider makes its generators from it, not from the mapper
    assertThat(json.getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)).isTrue();
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      double v = i % 2 == 0 ? r.nextDouble(-1, 1) : Double.longBitsToDouble(r.nextLong());
      if (!Double.isFinite(v)) {
        continue;
      }
      String text = json.writeValueAsString(v);
      assertThat(Double.parseDouble(text)).as(text).isEqualTo(v);
    }
  }
}
