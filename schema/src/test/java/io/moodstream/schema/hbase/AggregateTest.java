package io.moodstream.schema.hbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AggregateTest {

  @Test
  void histogramEdgesFallIntoTheBinTheyStart() {
    assertThat(Aggregate.bin(-1.0)).isZero();
    assertThat(Aggregate.bin(-0.9001)).isZero();
    assertThat(Aggregate.bin(-0.9)).isEqualTo(1);
    assertThat(Aggregate.bin(-0.0001)).isEqualTo(9);
    assertThat(Aggregate.bin(0.0)).isEqualTo(10);
    assertThat(Aggregate.bin(-0.0)).isEqualTo(10);
    assertThat(Aggregate.bin(0.0999)).isEqualTo(10);
    assertThat(Aggregate.bin(0.1)).isEqualTo(11);
    assertThat(Aggregate.bin(0.9999)).isEqualTo(19);
    assertThat(Aggregate.bin(1.0)).isEqualTo(19);
    assertThatThrownBy(() -> Aggregate.bin(1.0001)).hasMessageContaining("outside");
    assertThatThrownBy(() -> Aggregate.bin(Double.NaN)).hasMessageContaining("outside");
  }

  @Test
  void classifiesWithVadersThresholds() {
    assertThat(Aggregate.ofScored(0.05).positive()).isEqualTo(1);
    assertThat(Aggregate.ofScored(0.0499).neutral()).isEqualTo(1);
    assertThat(Aggregate.ofScored(-0.0499).neutral()).isEqualTo(1);
    assertThat(Aggregate.ofScored(-0.05).negative()).isEqualTo(1);
    assertThat(Aggregate.ofUnscored().count()).isEqualTo(1);
    assertThat(Aggregate.ofUnscored().scored()).isZero();
  }

  @Test
  void mergeAddsEverythingSoMeanAndSpreadAreExact() {
    Aggregate a =
        Aggregate.ofScored(0.5).merge(Aggregate.ofScored(-0.5)).merge(Aggregate.ofUnscored());
    assertThat(a.count()).isEqualTo(3);
    assertThat(a.scored()).isEqualTo(2);
    assertThat(a.meanCompound()).isEqualTo(0.0);
    assertThat(a.stddev()).isEqualTo(0.5);
    assertThat(a.histogram()[5]).isEqualTo(1);
    assertThat(a.histogram()[15]).isEqualTo(1);
    assertThat(Aggregate.EMPTY.merge(a)).isEqualTo(a);
    assertThat(Double.isNaN(Aggregate.EMPTY.meanCompound())).isTrue();
  }

  @Test
  void rejectsInconsistentCounts() {
    assertThatThrownBy(() -> new Aggregate(1, 2, 2, 0, 0, 0, 0, new long[20]))
        .hasMessageContaining("inconsistent");
    assertThatThrownBy(() -> new Aggregate(0, 0, 0, 0, 0, 0, 0, new long[3]))
        .hasMessageContaining("20 bins");
  }

  @Test
  void codecPinsBytesAndRoundTrips() {
    Aggregate a = Aggregate.ofScored(0.5).merge(Aggregate.ofUnscored());
    byte[] bytes = AggregateCodec.encode(a);
    assertThat(bytes).hasSize(217);
    String hex = HexFormat.of().formatHex(bytes);
    assertThat(hex.substring(0, 2 + 5 * 16 + 2 * 16))
        .isEqualTo(
            "01"
                + "0000000000000002" // count
                + "0000000000000001" // scored
                + "0000000000000001" // positive
                + "0000000000000000" // neutral
                + "0000000000000000" // negative
                + "3fe0000000000000" // sum = 0.5
                + "3fd0000000000000"); // sum of squares = 0.25
    // bin 15 = [0.5, 0.6): the 16th int64 of the histogram
    int bin15 = 2 + 7 * 16 + 15 * 16;
    assertThat(hex.substring(bin15, bin15 + 16)).isEqualTo("0000000000000001");
    assertThat(AggregateCodec.decode(bytes)).isEqualTo(a);
    assertThatThrownBy(() -> AggregateCodec.decode(new byte[] {2}))
        .hasMessageContaining("not an aggregate");
  }
}
