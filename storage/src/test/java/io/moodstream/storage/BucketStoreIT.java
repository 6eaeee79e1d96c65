package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.schema.event.Author;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.RowKey;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.testing.BucketWriter;
import io.moodstream.storage.testing.MiniHBase;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer and reader against a real HBase (mini cluster). */
class BucketStoreIT {
  static HBaseLayout layout;
  static BucketReader reader;
  static final long T0 = Instant.parse("2026-11-24T21:00:00Z").getEpochSecond();

  @BeforeAll
  static void tables() throws Exception {
    layout = MiniHBase.layout();
    reader = new BucketReader(MiniHBase.connection(), layout);
  }

  @BeforeEach
  void empty() throws Exception {
    MiniHBase.truncate(layout);
  }

  @Test
  void aRangeScanReturnsExactlyTheTopicsBucketsInHalfOpenRange() throws Exception {
    try (BucketWriter w = new BucketWriter(MiniHBase.connection(), layout)) {
      for (int m = 0; m < 10; m++) {
        w.aggregate(Step.MINUTE, "apple", T0 + 60L * m, Aggregate.ofScored(0.1 * m - 0.45));
        w.aggregate(Step.MINUTE, "apple pie", T0 + 60L * m, Aggregate.ofUnscored());
        w.aggregate(Step.MINUTE, "appl", T0 + 60L * m, Aggregate.ofUnscored());
      }
    }
    List<Bucket> b = reader.aggregates(Step.MINUTE, "apple", T0 + 120, T0 + 300);
    assertThat(b).extracting(Bucket::start).containsExactly(T0 + 120, T0 + 180, T0 + 240);
    assertThat(b).extracting(Bucket::topic).containsOnly("apple");
    assertThat(b.get(0).aggregate()).isEqualTo(Aggregate.ofScored(0.1 * 2 - 0.45));
    assertThat(reader.aggregates(Step.MINUTE, "apple", 0, Long.MAX_VALUE)).hasSize(10);
    assertThat(reader.aggregates(Step.MINUTE, "apple pie", 0, Long.MAX_VALUE)).hasSize(10);
    assertThat(reader.aggregates(Step.HOUR, "apple", 0, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void rewritingABucketReplacesItInsteadOfAddingToIt() throws Exception {
    Aggregate two = Aggregate.ofScored(0.5).merge(Aggregate.ofScored(-0.5));
    try (BucketWriter w = new BucketWriter(MiniHBase.connection(), layout)) {
      w.aggregate(Step.HOUR, "all", T0, two);
      w.flush();
      w.aggregate(Step.HOUR, "all", T0, two); // a replayed micro-batch
    }
    assertThat(reader.aggregates(Step.HOUR, "all", T0, T0 + 3600))
        .containsExactly(new Bucket("all", T0, two));
  }

  @Test
  void extremesRoundTripAndADeletionIsARewrite() throws Exception {
    ExtremePost good =
        new ExtremePost(
            "1",
            "love it",
            new Author("a", "ann"),
            Instant.parse("2026-11-24T21:00:05Z"),
            0.6369,
            null);
    ExtremePost bad =
        new ExtremePost(
            "2",
            "hate it",
            new Author("b", "bob"),
            Instant.parse("2026-11-24T21:00:06Z"),
            -0.5719,
            "https://x");
    try (BucketWriter w = new BucketWriter(MiniHBase.connection(), layout)) {
      w.extremes("all", T0, List.of(good), List.of(bad));
      w.flush();
      assertThat(reader.extremes("all", T0, T0 + 60))
          .containsExactly(new Extremes("all", T0, List.of(good), List.of(bad)));
      w.extremes("all", T0, List.of(), List.of(bad)); // post 1 deleted
    }
    assertThat(reader.extremes("all", T0, T0 + 60).get(0).positive()).isEmpty();
  }

  @Test
  void postRefsFindTheExtremesRowsOfAPostAndItsDeletion() throws Exception {
    PostRefs refs = new PostRefs(MiniHBase.connection(), layout);
    byte[] minute0 = RowKey.startRow("all", T0);
    byte[] minute1 = RowKey.startRow("apple", T0 + 60);
    try (Table t =
        MiniHBase.connection()
            .getTable(TableName.valueOf(layout.qualified(HBaseLayout.POST_REFS_TABLE)))) {
      t.put(
          List.of(
              PostRefs.reference("1", minute0),
              PostRefs.reference("1", minute1),
              PostRefs.reference("2", minute0),
              PostRefs.deletion("2", Instant.parse("2026-11-24T21:05:00Z"))));
    }
    assertThat(refs.extremesRowsListing(List.of("1", "2", "never seen")))
        .containsExactlyInAnyOrder(minute0, minute1); // once each
    assertThat(refs.deletedAmong(List.of("1", "2", "never seen"))).containsExactly("2");
    assertThat(refs.deletedAmong(List.of())).isEmpty();
  }

  @Test
  void unalignedBucketStartsAreRefused() throws Exception {
    try (BucketWriter w = new BucketWriter(MiniHBase.connection(), layout)) {
      assertThatThrownBy(() -> w.aggregate(Step.HOUR, "all", T0 + 60, Aggregate.EMPTY))
          .hasMessageContaining("not the start of a 1h bucket");
    }
  }
}
