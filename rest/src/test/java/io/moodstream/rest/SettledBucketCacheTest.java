package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.rest.store.SettledBucketCache;
import io.moodstream.schema.hbase.Step;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SettledBucketCacheTest {
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final InMemoryBucketStore store = new InMemoryBucketStore();
  final MutableClock clock = new MutableClock(ResourcesTest.NOW);
  final SettledBucketCache cache = new SettledBucketCache(store, clock);

  SettledBucketCacheTest() {
    ResourcesTest.seed(store);
    store.minuteScans.set(0); // seeding the hour rollups read minutes
  }

  @Test
  void answersAreThoseOfTheStoreForAnyRange() {
    SplittableRandom r = new SplittableRandom(7);
    long last = ResourcesTest.LAST;
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
    long last = ResourcesTest.LAST;
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
    long last = ResourcesTest.LAST;
    int before = cache.aggregates(Step.MINUTE, "all", last - 86_400, last + 60).size();
    store.put(Step.MINUTE, "all", last - 120, Seed.minute(last - 120, 4));
    clock.now = clock.now.plus(SettledBucketCache.TAIL_TTL);
    assertThat(cache.aggregates(Step.MINUTE, "all", last - 86_400, last + 60)).hasSize(before + 1);
  }

  @Test
  void aLateCorrectionOfASettledBucketShowsAfterTheTtl() {
    long old = ResourcesTest.LAST - 3_600;
    cache.aggregates(Step.MINUTE, "apple", old - 600, ResourcesTest.LAST);
    store.put(Step.MINUTE, "apple", old, Seed.minute(old, 30));
    assertThat(cache.aggregates(Step.MINUTE, "apple", old, old + 60).get(0).aggregate().count())
        .isNotEqualTo(Seed.minute(old, 30).count());
    clock.now = clock.now.plus(SettledBucketCache.TTL);
    assertThat(cache.aggregates(Step.MINUTE, "apple", old, old + 60).get(0).aggregate())
        .isEqualTo(Seed.minute(old, 30));
  }
}
