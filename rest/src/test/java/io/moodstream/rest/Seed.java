package io.moodstream.rest;

import io.moodstream.schema.event.Author;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import java.time.Instant;

/** Deterministic test data: aggregates and extreme posts built the way the streaming job does. */
final class Seed {
  private Seed() {}

  /**
   * A minute of {@code n} scored posts with compounds spread over [-0.8, 0.9] plus one unscored.
   */
  static Aggregate minute(long start, int n) {
    Aggregate a = Aggregate.ofUnscored();
    for (int i = 0; i < n; i++) {
      double c = Math.round((((start / 60 + i * 7L) % 18) / 10.0 - 0.8) * 10_000) / 10_000.0;
      a = a.merge(Aggregate.ofScored(c));
    }
    return a;
  }

  static ExtremePost post(String id, double compound, long createdAt) {
    return new ExtremePost(
        id,
        "post " + id + " with compound " + compound,
        new Author("u" + id, "user" + id),
        Instant.ofEpochSecond(createdAt),
        compound,
        id.startsWith("n") ? null : "https://example.org/p/" + id);
  }
}
