package io.moodstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HBaseSinkTest {
  private static final long H = 1_795_000_000L - 1_795_000_000L % 3600;

  @Test
  void anHourIsTheTimeOrderedMergeOfItsMinutesAndOnlyAffectedHoursAreRolledUp() {
    Aggregate a = Aggregate.ofScored(0.5);
    Aggregate b = Aggregate.ofScored(-0.3).merge(Aggregate.ofUnscored());
    Aggregate c = Aggregate.ofScored(0.0);
    List<Bucket> minutes =
        List.of(
            new Bucket("t", H, a),
            new Bucket("t", H + 60, b),
            new Bucket("t", H + 3540, c),
            new Bucket("t", H + 3600, a)); // next hour, not affected
    Map<Long, Aggregate> hours = HBaseSink.rollUp(minutes, Step.HOUR, Set.of(H));
    assertThat(hours).containsOnlyKeys(H);
    assertThat(hours.get(H)).isEqualTo(Aggregate.EMPTY.merge(a).merge(b).merge(c));
    assertThat(hours.get(H).count()).isEqualTo(4);
  }

  @Test
  void aDayIsTheMergeOfItsHours() {
    long day = Step.DAY.alignDown(H);
    Aggregate x = Aggregate.ofScored(0.9);
    Aggregate y = Aggregate.ofScored(-0.9);
    Map<Long, Aggregate> days =
        HBaseSink.rollUp(
            List.of(new Bucket("t", day, x), new Bucket("t", day + 7200, y)),
            Step.DAY,
            Set.of(day));
    assertThat(days.get(day)).isEqualTo(x.merge(y));
  }
}
