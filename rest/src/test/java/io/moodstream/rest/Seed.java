package io.moodstream.rest;

import io.moodstream.schema.event.Author;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.Step;
import java.time.Instant;
import java.util.List;

/** Deterministic test data: aggregates and extreme posts built the way the streaming job does. */
public final class Seed {
  /** The clock of the standard day, 30 s into its last minute {@link #LAST}. */
  public static final Instant NOW = Instant.parse("2026-11-24T21:56:30Z");

  public static final long T0 = Instant.parse("2026-11-24T00:00:00Z").getEpochSecond();
  public static final long LAST = Instant.parse("2026-11-24T21:56:00Z").getEpochSecond();

  private Seed() {}

  /**
   * The standard day at {@link #NOW}: apple, every minute of the day except every 10th; hour and
   * day rollups; extremes.
   */
  public static void day(InMemoryBucketStore s) {
    Aggregate day = Aggregate.EMPTY;
    for (long m = T0; m <= LAST; m += 60) {
      if ((m / 60) % 10 == 3) {
        continue; // a gap
      }
      Aggregate a = Seed.minute(m, (int) ((m / 60) % 5));
      s.put(Step.MINUTE, "apple", m, a);
      day = day.merge(a);
    }
    for (long h = T0; h <= LAST; h += 3600) {
      Aggregate hour = Aggregate.EMPTY;
      for (var b : s.aggregates(Step.MINUTE, "apple", h, h + 3600)) {
        hour = hour.merge(b.aggregate());
      }
      s.put(Step.HOUR, "apple", h, hour);
    }
    s.put(Step.DAY, "apple", T0, day);
    s.put(Step.MINUTE, "all", LAST - 60, Seed.minute(LAST - 60, 3));
    s.put(Step.MINUTE, "all", LAST, Seed.minute(LAST, 2));
    s.put(Step.DAY, "all", T0, Seed.minute(LAST, 2).merge(Seed.minute(LAST - 60, 3)));
    extremes(s::putExtremes);
  }

  /** Where {@link #extremes} puts a minute's extremes: a store's or a writer's method. */
  public interface ExtremesTarget<E extends Exception> {
    void put(String topic, long minute, List<ExtremePost> positive, List<ExtremePost> negative)
        throws E;
  }

  /** The standard day's extremes: two minutes of apple. */
  public static <E extends Exception> void extremes(ExtremesTarget<E> to) throws E {
    to.put(
        "apple",
        LAST - 120,
        List.of(post("p1", 0.9, LAST - 100), post("p2", 0.5, LAST - 110)),
        List.of(post("n1", -0.7, LAST - 105)));
    to.put(
        "apple",
        LAST,
        List.of(post("p3", 0.95, LAST + 5)),
        List.of(post("n2", -0.9, LAST + 7), post("n3", -0.2, LAST + 9)));
  }

  /**
   * A minute of {@code n} scored posts with compounds spread over [-0.8, 0.9] plus one unscored.
   */
  public static Aggregate minute(long start, int n) {
    Aggregate a = Aggregate.ofUnscored();
    for (int i = 0; i < n; i++) {
      double c = Math.round((((start / 60 + i * 7L) % 18) / 10.0 - 0.8) * 10_000) / 10_000.0;
      a = a.merge(Aggregate.ofScored(c));
    }
    return a;
  }

  public static ExtremePost post(String id, double compound, long createdAt) {
    return new ExtremePost(
        id,
        "post " + id + " with compound " + compound,
        new Author("u" + id, "user" + id),
        Instant.ofEpochSecond(createdAt),
        compound,
        id.startsWith("n") ? null : "https://example.org/p/" + id);
  }
}
