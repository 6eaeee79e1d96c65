package io.moodstream.streaming;

import io.moodstream.schema.event.Author;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The value of one (topic, minute) in the Spark job: the {@link Aggregate} counters and the best
 * {@code capacity} candidates for the most positive and most negative posts. (Which posts it
 * counts, for de-duplication, is {@link MinuteState}'s.)
 *
 * <p>A post's contribution to the counters is its compound in exact ten-thousandths ({@link
 * #units}: VADER reports 4 decimals, so {@code units / 10000.0} is the very double it reported), so
 * the state is the same whatever order posts and partials are merged in: a replayed or
 * re-partitioned batch yields the very same bytes. Candidates are ordered by the schema's
 * deterministic comparators, so the top-k does not depend on arrival order either, and offering a
 * post twice is harmless.
 */
public final class BucketState implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@link #units} of a post VADER cannot score (its language): it counts in volume only. */
  public static final short UNSCORED = Short.MIN_VALUE;

  private static final int FORMAT = 2;

  long count;
  long scored;
  long positive;
  long neutral;
  long negative;
  long sumUnits;
  long sumSquareUnits;
  final long[] histogram = new long[Aggregate.BINS];
  final ArrayList<Candidate> mostPositive = new ArrayList<>();
  final ArrayList<Candidate> mostNegative = new ArrayList<>();

  /** One extreme-post candidate; Serializable, unlike the schema's record. */
  public record Candidate(
      String id,
      String text,
      String authorId,
      String authorHandle,
      long createdAtSecond,
      int createdAtNano,
      double compound,
      String url)
      implements Serializable {

    Instant createdAt() {
      return Instant.ofEpochSecond(createdAtSecond, createdAtNano);
    }

    /** The candidate of a scored post. */
    static Candidate of(ScoredPost s) {
      PostEvent p = s.post();
      Instant at = p.createdAt();
      return new Candidate(
          p.id(),
          p.text(),
          p.author().id(),
          p.author().handle(),
          at.getEpochSecond(),
          at.getNano(),
          s.compound(),
          p.url());
    }

    void write(Bytes.Writer w) {
      w.putString(id)
          .putString(text)
          .putString(authorId)
          .putString(authorHandle)
          .putLong(createdAtSecond)
          .putInt(createdAtNano)
          .putDouble(compound)
          .putString(url);
    }

    static Candidate read(Bytes.Reader r) {
      return new Candidate(
          r.getString(),
          r.getString(),
          r.getString(),
          r.getString(),
          r.getLong(),
          r.getInt(),
          r.getDouble(),
          r.getString());
    }

    public ExtremePost post() {
      return new ExtremePost(
          id, text, new Author(authorId, authorHandle), createdAt(), compound, url);
    }
  }

  /** {@link ExtremePost#MOST_POSITIVE_FIRST} over candidates. */
  static final Comparator<Candidate> POSITIVE_FIRST =
      Comparator.comparingDouble(Candidate::compound)
          .reversed()
          .thenComparing(Candidate::createdAt)
          .thenComparing(Candidate::id);

  /** {@link ExtremePost#MOST_NEGATIVE_FIRST} over candidates. */
  static final Comparator<Candidate> NEGATIVE_FIRST =
      Comparator.comparingDouble(Candidate::compound)
          .thenComparing(Candidate::createdAt)
          .thenComparing(Candidate::id);

  /** A post's contribution: its compound in ten-thousandths, or {@link #UNSCORED}. */
  public static short units(ScoredPost s) {
    return s.scored() ? (short) Math.round(s.compound() * 10_000) : UNSCORED;
  }

  /** True when a post with these units may be one of the most positive or negative. */
  static boolean isExtreme(short units) {
    return units != UNSCORED
        && (units / 10_000.0 >= Aggregate.POSITIVE_THRESHOLD
            || units / 10_000.0 <= Aggregate.NEGATIVE_THRESHOLD);
  }

  /** Adds one post; only scored posts take part in the sentiment counters and the extremes. */
  public BucketState add(ScoredPost s, int capacity) {
    short units = units(s);
    count(units);
    if (isExtreme(units)) {
      offer(Candidate.of(s), capacity);
    }
    return this;
  }

  /** Counts one post by its {@link #units}. */
  void count(short units) {
    count++;
    if (units == UNSCORED) {
      return;
    }
    double c = units / 10_000.0; // the double VADER reported (4 decimals, nearest double)
    scored++;
    if (c >= Aggregate.POSITIVE_THRESHOLD) {
      positive++;
    } else if (c <= Aggregate.NEGATIVE_THRESHOLD) {
      negative++;
    } else {
      neutral++;
    }
    sumUnits += units;
    sumSquareUnits += (long) units * units;
    histogram[Aggregate.bin(c)]++;
  }

  /** Offers an extreme-post candidate (idempotent: the same post twice is one candidate). */
  void offer(Candidate c, int capacity) {
    if (c.compound() >= Aggregate.POSITIVE_THRESHOLD) {
      offer(mostPositive, c, POSITIVE_FIRST, capacity);
    } else if (c.compound() <= Aggregate.NEGATIVE_THRESHOLD) {
      offer(mostNegative, c, NEGATIVE_FIRST, capacity);
    }
  }

  private static void offer(
      List<Candidate> list, Candidate c, Comparator<Candidate> order, int capacity) {
    for (Candidate x : list) {
      if (x.id().equals(c.id())) {
        return; // the same post twice (a source's duplicate): one candidate
      }
    }
    int at = 0;
    while (at < list.size() && order.compare(list.get(at), c) <= 0) {
      at++;
    }
    if (at < capacity) {
      list.add(at, c);
      if (list.size() > capacity) {
        list.remove(list.size() - 1);
      }
    }
  }

  public Aggregate aggregate() {
    return new Aggregate(
        count,
        scored,
        positive,
        neutral,
        negative,
        sumUnits / 10_000.0,
        sumSquareUnits / 100_000_000.0,
        histogram);
  }

  /**
   * The {@code k} most positive posts, best first, leaving out {@code deleted} ids: the top-k of
   * every post of the bucket minus the deleted ones (no refill from lower ranks), so the stored row
   * is the same whether a delete arrives before or after the post's minute is written.
   */
  public List<ExtremePost> mostPositive(int k, Set<String> deleted) {
    return top(mostPositive, k, deleted);
  }

  /** The {@code k} most negative posts, best first, leaving out {@code deleted} ids. */
  public List<ExtremePost> mostNegative(int k, Set<String> deleted) {
    return top(mostNegative, k, deleted);
  }

  /** Every candidate id (for the deleted-ids lookup). */
  public List<String> candidateIds() {
    List<String> ids = new ArrayList<>();
    mostPositive.forEach(c -> ids.add(c.id()));
    mostNegative.forEach(c -> ids.add(c.id()));
    return ids;
  }

  private static List<ExtremePost> top(List<Candidate> list, int k, Set<String> deleted) {
    List<ExtremePost> out = new ArrayList<>(k);
    for (int i = 0; i < Math.min(k, list.size()); i++) {
      if (!deleted.contains(list.get(i).id())) {
        out.add(list.get(i).post());
      }
    }
    return out;
  }

  void write(Bytes.Writer w) {
    w.putByte(FORMAT)
        .putLong(count)
        .putLong(scored)
        .putLong(positive)
        .putLong(neutral)
        .putLong(negative)
        .putLong(sumUnits)
        .putLong(sumSquareUnits)
        .putLongs(histogram, histogram.length);
    w.putInt(mostPositive.size());
    mostPositive.forEach(c -> c.write(w));
    w.putInt(mostNegative.size());
    mostNegative.forEach(c -> c.write(w));
  }

  static BucketState read(Bytes.Reader r) {
    r.expect(FORMAT, "a bucket state");
    BucketState s = new BucketState();
    s.count = r.getLong();
    s.scored = r.getLong();
    s.positive = r.getLong();
    s.neutral = r.getLong();
    s.negative = r.getLong();
    s.sumUnits = r.getLong();
    s.sumSquareUnits = r.getLong();
    long[] h = r.getLongs();
    System.arraycopy(h, 0, s.histogram, 0, Aggregate.BINS);
    for (int i = r.getInt(); i > 0; i--) {
      s.mostPositive.add(Candidate.read(r));
    }
    for (int i = r.getInt(); i > 0; i--) {
      s.mostNegative.add(Candidate.read(r));
    }
    return s;
  }

  /** The compact binary form (what the job emits to its sink and tests compare). */
  public byte[] toBytes() {
    Bytes.Writer w = new Bytes.Writer(256);
    write(w);
    return w.toByteArray();
  }

  public static BucketState fromBytes(byte[] bytes) {
    return read(new Bytes.Reader(bytes));
  }
}
