package io.moodstream.streaming;

import static io.moodstream.streaming.MoodTransformTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.event.EventJson;
import io.moodstream.sentiment.SentimentScorer;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** De-duplication in a minute's state: within a partial, across partials, batches and restarts. */
class MinuteStateTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final String[] TEXTS = {"I love it", "awful", "meh", "great!!", "so sad", "ok"};

  private static ScoredPost scored(String id, int i) {
    return PostParsing.score(
        EventJson.parsePost(post(id, T0.plusSeconds(i % 60), TEXTS[i % TEXTS.length], "en"))
            .orThrow());
  }

  /** A partial of the given posts (ids and text index). */
  private static Partial partial(Object... idsAndTexts) {
    Partial.Builder b = new Partial.Builder(3);
    for (int i = 0; i < idsAndTexts.length; i += 2) {
      ScoredPost s = scored((String) idsAndTexts[i], (Integer) idsAndTexts[i + 1]);
      short units = BucketState.units(s);
      b.add(
          PostKeys.key(s.post().id()),
          units,
          BucketState.isExtreme(units) ? BucketState.Candidate.of(s) : null,
          s.post().createdAt().toEpochMilli());
    }
    return b.build();
  }

  private static BucketState reference(Object... idsAndTexts) {
    BucketState s = new BucketState();
    for (int i = 0; i < idsAndTexts.length; i += 2) {
      s.add(scored((String) idsAndTexts[i], (Integer) idsAndTexts[i + 1]), 3);
    }
    return s;
  }

  @Test
  void aPostTwiceInOnePartialCountsOnce() {
    MinuteState m = new MinuteState();
    MinuteState.Added a = m.add(List.of(partial("1", 0, "2", 1, "1", 0, "1", 0)), 3);
    assertThat(a).isEqualTo(new MinuteState.Added(2, 2));
    assertThat(m.bucket.toBytes()).isEqualTo(reference("1", 0, "2", 1).toBytes());
  }

  @Test
  void aPostInTwoPartialsOfABatchCountsOnce() {
    MinuteState m = new MinuteState();
    MinuteState.Added a =
        m.add(
            List.of(partial("1", 0, "2", 1), partial("2", 1, "3", 2), partial("3", 2, "1", 0)), 3);
    assertThat(a).isEqualTo(new MinuteState.Added(3, 3));
    assertThat(m.bucket.toBytes()).isEqualTo(reference("1", 0, "2", 1, "3", 2).toBytes());
    assertThat(m.posts()).isEqualTo(3);
  }

  @Test
  void aPostOfAnEarlierBatchCountsOnceAlsoAfterARestart() {
    MinuteState m = new MinuteState();
    m.add(List.of(partial("10", 3, "11", 4)), 3);
    // a restart: the state comes back from the checkpoint's bytes
    MinuteState restored = MinuteState.decode(m.encode());
    MinuteState.Added a = restored.add(List.of(partial("11", 4, "12", 5, "10", 3)), 3);
    assertThat(a).isEqualTo(new MinuteState.Added(1, 2));
    assertThat(restored.bucket.toBytes()).isEqualTo(reference("10", 3, "11", 4, "12", 5).toBytes());
    assertThat(MinuteState.decode(restored.encode()).bucket.toBytes())
        .isEqualTo(restored.bucket.toBytes());
  }

  @Test
  void theSameArchiveTwiceInAnyBatchingGivesTheSingleSendState() {
    Random r = new Random(11);
    Object[] all = new Object[2 * 500];
    for (int i = 0; i < 500; i++) {
      all[2 * i] =
          i % 3 == 0
              ? "at://did:plc:" + i + "/post"
              : Long.toString(1_800_000_000_000_000_000L + i);
      all[2 * i + 1] = r.nextInt(TEXTS.length);
    }
    BucketState once = reference(all);
    MinuteState m = new MinuteState();
    for (int pass = 0; pass < 2; pass++) {
      for (int from = 0; from < 500; ) {
        int n = 1 + r.nextInt(60);
        int to = Math.min(500, from + n);
        Object[] slice = java.util.Arrays.copyOfRange(all, 2 * from, 2 * to);
        int half = (slice.length / 4) * 2;
        m = MinuteState.decode(m.encode()); // every batch through the checkpoint's bytes
        m.add(
            List.of(
                partial(java.util.Arrays.copyOfRange(slice, 0, half)),
                partial(java.util.Arrays.copyOfRange(slice, half, slice.length))),
            3);
        from = to;
      }
    }
    assertThat(m.bucket.toBytes()).isEqualTo(once.toBytes());
    assertThat(m.bucket.aggregate().count()).isEqualTo(500);
    assertThat(m.posts()).isEqualTo(500);
  }

  @Test
  void aDuplicateNeverBringsBackACandidateThatWasPushedOut() {
    MinuteState m = new MinuteState();
    m.add(List.of(partial("p1", 3)), 1); // "great!!"
    m.add(List.of(partial("p2", 0)), 1); // one of the two is the top-1
    List<String> before = m.bucket.mostPositive(1, Set.of()).stream().map(p -> p.id()).toList();
    m.add(List.of(partial("p1", 3), partial("p2", 0)), 1);
    assertThat(m.bucket.mostPositive(1, Set.of()).stream().map(p -> p.id()).toList())
        .isEqualTo(before);
    assertThat(m.bucket.aggregate().count()).isEqualTo(2);
  }

  @Test
  void unitsAreTheCompoundVaderReported() {
    SentimentScorer vader = SentimentScorer.standard();
    for (String text : new String[] {"I love it", "awful", "meh", "not bad at all", "😍 wow", ""}) {
      double c = vader.score(text).compound();
      ScoredPost s =
          new ScoredPost(EventJson.parsePost(post("u", T0, "t", "en")).orThrow(), true, c);
      assertThat(BucketState.units(s) / 10_000.0).as(text).isEqualTo(c == 0.0 ? 0.0 : c);
    }
    for (int k = -10_000; k <= 10_000; k++) {
      assertThat(Math.round((k / 10_000.0) * 10_000)).isEqualTo(k);
    }
  }
}
