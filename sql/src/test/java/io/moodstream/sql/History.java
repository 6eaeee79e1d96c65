package io.moodstream.sql;

import io.moodstream.schema.event.Author;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.testing.BucketWriter;
import io.moodstream.storage.testing.MiniHBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.hbase.client.Connection;

/**
 * The stored history the ITs query, written once per test JVM through storage's BucketWriter (the
 * Puts the streaming job writes): two days of minutes for four topics (two of which prefix each
 * other, one with an accent, one in Japanese), with gaps and unscored-only minutes, their hour and
 * day rollups, and three hours of extremes for two topics. {@link #written} keeps what was written.
 */
final class History {
  static final List<String> TOPICS = List.of("apple", "apple pie", "café", "気分");
  static final long DAY0 = Instant.parse("2026-11-22T00:00:00Z").getEpochSecond();
  static final long END = DAY0 + 2 * 86_400; // exclusive
  static final long EXTREMES_FROM = Instant.parse("2026-11-23T14:00:00Z").getEpochSecond();
  static final long EXTREMES_TO = Instant.parse("2026-11-23T17:00:00Z").getEpochSecond();

  /** step label + "/" + topic → bucket start → aggregate. */
  static final Map<String, TreeMap<Long, Aggregate>> written = new TreeMap<>();

  static long minuteRows;
  static long extremesRows;
  private static boolean seeded;

  private History() {}

  static synchronized void seed() throws Exception {
    if (seeded) {
      return;
    }
    Connection connection = MiniHBase.connection();
    HBaseLayout layout = MiniHBase.layout();
    MiniHBase.truncate(layout);
    try (BucketWriter w = new BucketWriter(connection, layout)) {
      for (int t = 0; t < TOPICS.size(); t++) {
        String topic = TOPICS.get(t);
        Aggregate hour = Aggregate.EMPTY;
        Aggregate day = Aggregate.EMPTY;
        for (long m = DAY0; m < END; m += 60) {
          long i = (m - DAY0) / 60;
          if (i % 11 != t) { // else a gap: no post in that minute
            Aggregate a = minute(m, t);
            write(w, Step.MINUTE, topic, m, a);
            minuteRows++;
            hour = hour.merge(a);
            day = day.merge(a);
          }
          if ((m + 60) % 3_600 == 0) {
            write(w, Step.HOUR, topic, Step.HOUR.alignDown(m), hour);
            hour = Aggregate.EMPTY;
          }
          if ((m + 60) % 86_400 == 0) {
            write(w, Step.DAY, topic, Step.DAY.alignDown(m), day);
            day = Aggregate.EMPTY;
          }
        }
      }
      for (String topic : List.of("apple", "café")) {
        for (long m = EXTREMES_FROM; m < EXTREMES_TO; m += 60) {
          w.extremes(topic, m, positive(topic, m), negative(topic, m));
          extremesRows++;
        }
      }
      w.flush();
    }
    seeded = true;
  }

  private static void write(BucketWriter w, Step step, String topic, long start, Aggregate a)
      throws Exception {
    w.aggregate(step, topic, start, a);
    written.computeIfAbsent(step.label() + "/" + topic, k -> new TreeMap<>()).put(start, a);
  }

  /**
   * A minute of a topic: 0..12 scored posts with 4-decimal compounds spread over [-1, 1], plus up
   * to two unscored posts; every 97th minute has unscored posts only (mean and stddev NULL).
   */
  static Aggregate minute(long start, int topic) {
    long i = start / 60;
    Aggregate a = Aggregate.ofUnscored();
    if ((i + topic) % 3 == 0) {
      a = a.merge(Aggregate.ofUnscored());
    }
    if ((i + topic) % 97 == 0) {
      return a;
    }
    int n = (int) ((i * 7 + topic * 3) % 13);
    for (int k = 0; k < n; k++) {
      long x = (i * 31 + k * 17 + topic * 101) % 20_001; // 0..20000
      a = a.merge(Aggregate.ofScored((x - 10_000) / 10_000.0));
    }
    return a;
  }

  static List<ExtremePost> positive(String topic, long minute) {
    List<ExtremePost> out = new ArrayList<>();
    int n = (int) ((minute / 60) % 4); // 0..3 posts
    for (int k = 0; k < n; k++) {
      double c = Math.round((0.95 - k * 0.2 - ((minute / 60) % 7) * 0.01) * 10_000) / 10_000.0;
      out.add(post(topic, "p", minute, k, c));
    }
    if (topic.equals("apple") && minute == EXTREMES_FROM + 600) {
      // the same post listed in two minutes (as after a correction): REST lists it once
      out.add(0, shared());
    }
    if (topic.equals("apple") && minute == EXTREMES_FROM + 660) {
      out.add(0, shared());
    }
    return out;
  }

  static List<ExtremePost> negative(String topic, long minute) {
    List<ExtremePost> out = new ArrayList<>();
    int n = (int) ((minute / 60 + 1) % 3); // 0..2 posts
    for (int k = 0; k < n; k++) {
      double c = Math.round((-0.9 + k * 0.25 + ((minute / 60) % 5) * 0.013) * 10_000) / 10_000.0;
      out.add(post(topic, "n", minute, k, c));
    }
    return out;
  }

  private static ExtremePost shared() {
    return new ExtremePost(
        "shared-1",
        "I love it, \"really\", all of it",
        new Author("u-shared", "shared"),
        Instant.ofEpochSecond(EXTREMES_FROM + 610, 250_000_000),
        0.9989,
        "https://example.org/p/shared-1");
  }

  private static ExtremePost post(String topic, String kind, long minute, int k, double c) {
    String id = Math.floorMod(topic.hashCode(), 1000) + "-" + kind + "-" + minute + "-" + k;
    return new ExtremePost(
        id,
        "post " + id + " about " + topic + (k == 1 ? ", with a comma and\na newline" : ""),
        new Author("a" + k, "author" + k),
        Instant.ofEpochSecond(minute + 5 + k * 3, k * 1_000_000L),
        c,
        k == 2 ? null : "https://example.org/" + id);
  }
}
