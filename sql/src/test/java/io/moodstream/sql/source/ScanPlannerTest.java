package io.moodstream.sql.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.hbase.RowKey;
import java.time.Instant;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

class ScanPlannerTest {
  static final long DAY = 86_400;
  static final long T0 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();

  /** Sorted row keys, as HBase sorts them (unsigned bytes); counts the seeks. */
  static final class Keys implements KeySpace {
    final NavigableSet<byte[]> keys = new TreeSet<>(Bytes.BYTES_COMPARATOR);

    Keys add(String topic, long from, long to, long step) {
      for (long t = from; t < to; t += step) {
        keys.add(new RowKey(topic, t).toBytes());
      }
      return this;
    }

    @Override
    public byte[] firstKey(byte[] start, byte[] stop) {
      byte[] k = keys.ceiling(start);
      return k == null || (stop.length > 0 && Bytes.compareTo(k, stop) >= 0) ? null : k;
    }

    @Override
    public byte[] lastKey(byte[] start, byte[] stop) {
      byte[] k = stop.length == 0 ? keys.last() : keys.lower(stop);
      return k == null || Bytes.compareTo(k, start) < 0 ? null : k;
    }

    /** Rows a plan's ranges cover. */
    long covered(ScanPlanner.Plan p) {
      long n = 0;
      for (RangePartition r : p.partitions()) {
        for (byte[] k : keys) {
          boolean afterStart = r.startRow().length == 0 || Bytes.compareTo(k, r.startRow()) >= 0;
          boolean beforeStop = r.stopRow().length == 0 || Bytes.compareTo(k, r.stopRow()) < 0;
          if (afterStart && beforeStop) {
            n++;
          }
        }
      }
      return n;
    }
  }

  static KeyConstraint c(List<String> topics, long from, long to) {
    return new KeyConstraint(topics == null ? null : new TreeSet<>(topics), from, to, null);
  }

  @Test
  void givenTopicsAndAShortRangeItPlansOneRangePerTopicWithoutSeeking() throws Exception {
    Keys keys = new Keys().add("apple", T0, T0 + DAY, 60).add("apple pie", T0, T0 + DAY, 60);
    ScanPlanner.Plan p =
        new ScanPlanner(View.AGG_1M, keys).plan(c(List.of("apple", "zzz"), T0 + 3600, T0 + 7200));
    assertThat(p.seeks()).isZero();
    assertThat(p.partitions())
        .extracting(RangePartition::label)
        .containsExactly(
            "apple [2026-11-01T01:00:00Z, 2026-11-01T02:00:00Z)",
            "zzz [2026-11-01T01:00:00Z, 2026-11-01T02:00:00Z)");
    assertThat(keys.covered(p)).isEqualTo(60);
  }

  @Test
  void withoutTopicsItFindsThemInTheTableBySkipping() throws Exception {
    Keys keys = new Keys();
    for (String t : List.of("b", "a", "apple", "apple pie", "気分")) {
      keys.add(t, T0, T0 + 3600, 60);
    }
    ScanPlanner.Plan p = new ScanPlanner(View.AGG_1M, keys).plan(c(null, T0, T0 + 600));
    assertThat(p.seeks()).isEqualTo(6); // five topics, then nothing
    assertThat(p.partitions())
        .extracting(r -> r.label().substring(0, r.label().indexOf(" [")))
        .containsExactly("a", "apple", "apple pie", "b", "気分");
    assertThat(keys.covered(p)).isEqualTo(50);
  }

  @Test
  void aLongRangeIsSlicedBetweenTheTopicsFirstAndLastRow() throws Exception {
    Keys keys = new Keys().add("apple", T0, T0 + 30 * DAY, 60);
    ScanPlanner.Plan p =
        new ScanPlanner(View.AGG_1M, keys).plan(c(List.of("apple"), 0, KeyConstraint.END));
    assertThat(p.seeks()).isEqualTo(2);
    assertThat(p.partitions()).hasSize(5); // 30 days in slices of 7
    assertThat(p.partitions().get(0).label()).startsWith("apple [2026-11-01T00:00:00Z, 2026-11-08");
    assertThat(p.partitions().get(4).label()).endsWith("2026-11-30T23:59:01Z)");
    assertThat(keys.covered(p)).isEqualTo(30 * 1440);
  }

  @Test
  void slicesPerTopicAreCapped() throws Exception {
    Keys keys = new Keys().add("apple", T0, T0 + 2 * 365 * DAY, 3600);
    ScanPlanner.Plan p =
        new ScanPlanner(View.AGG_1M, keys).plan(c(List.of("apple"), 0, KeyConstraint.END));
    assertThat(p.partitions()).hasSize(ScanPlanner.MAX_SLICES_PER_TOPIC);
    assertThat(keys.covered(p)).isEqualTo(2 * 365 * 24);
  }

  @Test
  void aTopicWithoutRowsInALongRangeIsLeftOut() throws Exception {
    Keys keys = new Keys().add("apple", T0, T0 + DAY, 60);
    ScanPlanner.Plan p =
        new ScanPlanner(View.AGG_1M, keys)
            .plan(c(List.of("apple", "none"), T0 - 30 * DAY, T0 + 30 * DAY));
    assertThat(p.partitions())
        .extracting(RangePartition::label)
        .allMatch(l -> l.startsWith("apple ["));
    assertThat(keys.covered(p)).isEqualTo(1440);
  }

  @Test
  void noConstraintIsAFullScanOfEveryTopicAndAnEmptyOneNoScanAtAll() throws Exception {
    Keys keys = new Keys().add("a", T0, T0 + 600, 60).add("b", T0, T0 + 600, 60);
    ScanPlanner.Plan full = new ScanPlanner(View.AGG_1M, keys).plan(KeyConstraint.ANY);
    assertThat(full.partitions())
        .extracting(RangePartition::label)
        .noneMatch(l -> l.startsWith("salt"));
    assertThat(keys.covered(full)).isEqualTo(20);
    assertThat(new ScanPlanner(View.AGG_1M, keys).plan(c(List.of(), 0, 10)).partitions()).isEmpty();
  }

  @Test
  void tooManyTopicsFallBackToSaltRangesCoveringTheTable() throws Exception {
    Keys keys = new Keys();
    for (int i = 0; i <= ScanPlanner.MAX_DISCOVERED_TOPICS; i++) {
      keys.add("t" + i, T0, T0 + 120, 60);
    }
    ScanPlanner.Plan p = new ScanPlanner(View.AGG_1M, keys).plan(c(null, T0, T0 + 60));
    assertThat(p.partitions())
        .hasSize(8)
        .extracting(RangePartition::label)
        .allMatch(l -> l.startsWith("salt"));
    assertThat(keys.covered(p)).isEqualTo(keys.keys.size());
  }
}
