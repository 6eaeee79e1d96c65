package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.event.Author;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.HBaseLayout;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellComparator;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.junit.jupiter.api.Test;

/** How a stored row is read back, without HBase: the row the writers' Put would leave. */
class BucketReaderTest {
  private static final long MINUTE = Instant.parse("2026-11-24T21:56:00Z").getEpochSecond();

  private static ExtremePost post(String id, double compound) {
    return new ExtremePost(
        id,
        "text " + id,
        new Author("u" + id, "user" + id),
        Instant.ofEpochSecond(MINUTE + 5),
        compound,
        null);
  }

  /** The row HBase returns after {@code put}: its cells in HBase's order. */
  private static Result stored(Put put) {
    return Result.create(
        put.getFamilyCellMap().values().stream()
            .flatMap(List::stream)
            .sorted(CellComparator.getInstance())
            .toList());
  }

  @Test
  void anAggregatesRowIsReadBackAsWritten() {
    Aggregate a =
        Aggregate.ofScored(0.5).merge(Aggregate.ofScored(-0.3)).merge(Aggregate.ofUnscored());
    assertThat(BucketReader.bucket(stored(BucketPuts.aggregate("apple", MINUTE, a))))
        .isEqualTo(new Bucket("apple", MINUTE, a));
  }

  @Test
  void anExtremesRowIsReadBackAsWritten() {
    List<ExtremePost> pos = List.of(post("1", 0.9), post("2", 0.5));
    List<ExtremePost> neg = List.of(post("3", -0.7));
    assertThat(BucketReader.extremes(stored(BucketPuts.extremes("apple", MINUTE, pos, neg))))
        .isEqualTo(new Extremes("apple", MINUTE, pos, neg));
  }

  @Test
  void aSideWithoutItsCellIsEmpty() {
    Put put = BucketPuts.extremes("apple", MINUTE, List.of(post("1", 0.9)), List.of());
    Cell positive = put.get(HBaseLayout.EXTREMES_FAMILY, HBaseLayout.EXTREMES_POSITIVE).get(0);
    assertThat(BucketReader.extremes(Result.create(List.of(positive))))
        .isEqualTo(new Extremes("apple", MINUTE, List.of(post("1", 0.9)), List.of()));
  }
}
