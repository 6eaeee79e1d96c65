package io.moodstream.rest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.rest.InMemoryBucketStore;
import io.moodstream.rest.MutableClock;
import io.moodstream.rest.Seed;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SettledBucketCacheTest {
  final InMemoryBucketStore store = new InMemoryBucketStore();
  final MutableClock clock = new MutableClock(Seed.NOW);
  static final long MAX_BYTES = 64L * 1024 * 1024;
  final SettledBucketCache cache =
      new SettledBucketCache(store, clock, MAX_BYTES, BucketChangeFeed.NONE);

  SettledBucketCacheTest() {
    Seed.day(store);
    store.minuteScans.set(0); // seeding the hour rollups read minutes
  }

  @Test
  void answersAreThoseOfTheStoreForAnyRange() {
    SplittableRandom r = new SplittableRandom(7);
    long last = Seed.LAST;
    for (int i = 0; i < 500; i++) {
      Step step = Step.values()[r.nextInt(3)];
      long from = last - r.nextLong(2 * 86_400) + 600;
      long to = from + r.nextLong(1, 86_400);
      assertThat(cache.aggregates(step, "apple", from, to))
          .as("%s [%d, %d)", step, from, to)
          .isEqualTo(store.aggregates(step, "apple", from, to));
    }
  }

  @Test
  void theSettledPartIsReadOncePerTtlAndTheRecentTailOncePerSecond() {
    long last = Seed.LAST;
    cache.aggregates(Step.MINUTE, "apple", last - 86_400, last + 60);
    int after = store.minuteScans.get();
    assertThat(after).isEqualTo(2); // settled part + tail
    for (int i = 0; i < 10; i++) {
      cache.aggregates(Step.MINUTE, "apple", last - 86_400 + 60 * i, last + 60);
    }
    assertThat(store.minuteScans.get() - after).isZero(); // all from memory within a second
    for (int i = 0; i < 10; i++) {
      clock.now = clock.now.plus(SettledBucketCache.TAIL_TTL);
      cache.aggregates(Step.MINUTE, "apple", last - 86_400, last + 60);
    }
    assertThat(store.minuteScans.get() - after).isEqualTo(10); // the tails only, once a second
    clock.now = clock.now.plus(SettledBucketCache.TTL);
    cache.aggregates(Step.MINUTE, "apple", last - 86_400, last + 60);
    assertThat(store.minuteScans.get() - after).isEqualTo(12); // settled part reloaded after TTL
  }

  @Test
  void aNewBucketInTheTailShowsWithinASecond() {
    long last = Seed.LAST;
    int before = cache.aggregates(Step.MINUTE, "all", last - 86_400, last + 60).size();
    store.put(Step.MINUTE, "all", last - 120, Seed.minute(last - 120, 4));
    clock.now = clock.now.plus(SettledBucketCache.TAIL_TTL);
    assertThat(cache.aggregates(Step.MINUTE, "all", last - 86_400, last + 60)).hasSize(before + 1);
  }

  @Test
  void aLateCorrectionOfASettledBucketShowsAfterTheTtl() {
    long old = Seed.LAST - 3_600;
    cache.aggregates(Step.MINUTE, "apple", old - 600, Seed.LAST);
    store.put(Step.MINUTE, "apple", old, Seed.minute(old, 30));
    assertThat(cache.aggregates(Step.MINUTE, "apple", old, old + 60).get(0).aggregate().count())
        .isNotEqualTo(Seed.minute(old, 30).count());
    clock.now = clock.now.plus(SettledBucketCache.TTL);
    assertThat(cache.aggregates(Step.MINUTE, "apple", old, old + 60).get(0).aggregate())
        .isEqualTo(Seed.minute(old, 30));
  }

  /** Changes handed out by the next polls, as the job's status would report them. */
  final Deque<BucketChangeFeed.Changes> reported = new ArrayDeque<>();

  final SettledBucketCache fed =
      new SettledBucketCache(
          store,
          clock,
          MAX_BYTES,
          () -> reported.isEmpty() ? BucketChangeFeed.Changes.NONE : reported.poll());

  /** The job reports {@code changes} and the cache's next poll is due. */
  void report(BucketChangeFeed.Changes changes) {
    reported.add(changes);
    clock.now = clock.now.plus(SettledBucketCache.CHANGES_POLL);
  }

  /** Settled minutes: the last day but its last hour. */
  static final long SETTLED_FROM = Seed.LAST - 86_400;

  static final long SETTLED_TO = Seed.LAST - 3_600;

  /** Reads apple's settled minutes through {@link #fed}. */
  void readSettled() {
    fed.aggregates(Step.MINUTE, "apple", SETTLED_FROM, SETTLED_TO);
  }

  static BucketChangeFeed.Changes changed(long from, long until, String... topics) {
    return new BucketChangeFeed.Changes(
        false, List.of(new BucketChangeFeed.Range(from, until, Set.of(topics))));
  }

  @Test
  void aSettledMinuteTheJobReportsRewrittenShowsAtTheNextPollWithOneSmallScan() {
    long old = Seed.LAST - 3_600;
    long from = Seed.LAST - 86_400;
    fed.aggregates(Step.MINUTE, "apple", from, Seed.LAST);
    int scans = store.minuteScans.get();
    store.put(Step.MINUTE, "apple", old, Seed.minute(old, 30));
    report(changed(old, old + 60, "apple"));
    assertThat(fed.aggregates(Step.MINUTE, "apple", old, old + 60).get(0).aggregate())
        .isEqualTo(Seed.minute(old, 30));
    assertThat(store.minuteScans.get() - scans).isEqualTo(1); // the changed minute alone
    List<Bucket> expected = store.aggregates(Step.MINUTE, "apple", from, Seed.LAST);
    scans = store.minuteScans.get();
    assertThat(fed.aggregates(Step.MINUTE, "apple", from, Seed.LAST)).isEqualTo(expected);
    assertThat(store.minuteScans.get()).isEqualTo(scans); // nothing else read again
  }

  @Test
  void aNewMinuteInsideACachedRangeShowsAndItsHourIsReadAgain() {
    long hour = Seed.T0 + 3 * 3_600; // settled: more than 15 hours ago
    long from = Seed.T0 - 86_400;
    long to = Seed.LAST - 20 * 60;
    List<?> hoursBefore = fed.aggregates(Step.HOUR, "apple", from, to);
    store.put(Step.MINUTE, "apple", hour + 600, Seed.minute(hour + 600, 9));
    store.put(Step.HOUR, "apple", hour, Seed.minute(hour + 600, 9));
    report(changed(hour + 600, hour + 660, "apple"));
    assertThat(fed.aggregates(Step.HOUR, "apple", from, to))
        .isEqualTo(store.aggregates(Step.HOUR, "apple", from, to))
        .isNotEqualTo(hoursBefore);
  }

  @Test
  void changesOfOtherTopicsOrOtherTimesReadNothingAgain() {
    readSettled();
    int scans = store.minuteScans.get();
    report(changed(SETTLED_FROM, SETTLED_TO, "climate"));
    readSettled();
    report(changed(SETTLED_TO + 60, SETTLED_TO + 120, "apple"));
    readSettled();
    assertThat(store.minuteScans.get()).isEqualTo(scans);
  }

  @Test
  void everythingChangedReadsEachCachedRangeOnceAgain() {
    readSettled();
    int scans = store.minuteScans.get();
    report(BucketChangeFeed.Changes.EVERYTHING);
    for (int i = 0; i < 5; i++) {
      readSettled();
    }
    assertThat(store.minuteScans.get() - scans).isEqualTo(1);
  }

  @Test
  void aChangeReportedWhileARangeIsBeingReadIsNotLost() {
    long old = Seed.LAST - 7_200;
    long from = Seed.LAST - 86_400;
    long to = Seed.LAST - 3_600;
    // the job writes and reports a minute while the cache's first scan is under way, after the
    // scan passed that minute: what the scan read is stale for it
    store.afterNextRead =
        () -> {
          store.put(Step.MINUTE, "apple", old, Seed.minute(old, 30));
          cache.apply(changed(old, old + 60, "apple"));
        };
    cache.aggregates(Step.MINUTE, "apple", from, to);
    assertThat(cache.aggregates(Step.MINUTE, "apple", old, old + 60).get(0).aggregate())
        .isEqualTo(Seed.minute(old, 30));
  }

  @Test
  void aReportedChangeDropsTheSharedTailAtOnce() {
    long last = Seed.LAST;
    int before = fed.aggregates(Step.MINUTE, "all", last - 86_400, last + 60).size();
    store.put(Step.MINUTE, "all", last - 120, Seed.minute(last - 120, 4));
    report(changed(last - 120, last - 60, "all")); // well within the tail's second
    assertThat(fed.aggregates(Step.MINUTE, "all", last - 86_400, last + 60)).hasSize(before + 1);
  }
}
