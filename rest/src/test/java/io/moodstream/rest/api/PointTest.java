package io.moodstream.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.hbase.Aggregate;
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
}
