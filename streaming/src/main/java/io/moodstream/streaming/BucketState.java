package io.moodstream.streaming;

import io.moodstream.schema.event.Author;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The state of one (topic, minute) in the Spark job: the {@link Aggregate} counters and the best
 * {@code capacity} candidates for the most positive and most negative posts.
 *
 * <p>Compound sums are kept as exact integers of ten-thousandths (VADER reports 4 decimals), so the
 * state is the same whatever order posts and partial states are merged in: a replayed or
 * re-partitioned batch yields the very same bytes. Candidates are ordered by the schema's
 * deterministic comparators, so the top-k does not depend on arrival order either.
 */
public final class BucketState implements Serializable {
  private static final long serialVersionUID = 1L;

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

  /** Adds one post; only scored posts take part in the sentiment counters and the extremes. */
  public BucketState add(ScoredPost s, int capacity) {
    count++;
    if (!s.scored()) {
      return this;
    }
    double c = s.compound();
    long units = Math.round(c * 10_000);
    scored++;
    if (c >= Aggregate.POSITIVE_THRESHOLD) {
      positive++;
    } else if (c <= Aggregate.NEGATIVE_THRESHOLD) {
      negative++;
    } else {
      neutral++;
    }
    sumUnits += units;
    sumSquareUnits += units * units;
    histogram[Aggregate.bin(c)]++;
    if (c >= Aggregate.POSITIVE_THRESHOLD || c <= Aggregate.NEGATIVE_THRESHOLD) {
      PostEvent p = s.post();
      Instant at = p.createdAt();
      Candidate cand =
          new Candidate(
              p.id(),
              p.text(),
              p.author().id(),
              p.author().handle(),
              at.getEpochSecond(),
              at.getNano(),
              c,
              p.url());
      if (c >= Aggregate.POSITIVE_THRESHOLD) {
        offer(mostPositive, cand, POSITIVE_FIRST, capacity);
      } else {
        offer(mostNegative, cand, NEGATIVE_FIRST, capacity);
      }
    }
    return this;
  }

  /** Merges {@code o} into this state. */
  public BucketState merge(BucketState o, int capacity) {
    count += o.count;
    scored += o.scored;
    positive += o.positive;
    neutral += o.neutral;
    negative += o.negative;
    sumUnits += o.sumUnits;
    sumSquareUnits += o.sumSquareUnits;
    for (int i = 0; i < histogram.length; i++) {
      histogram[i] += o.histogram[i];
    }
    for (Candidate c : o.mostPositive) {
      offer(mostPositive, c, POSITIVE_FIRST, capacity);
    }
    for (Candidate c : o.mostNegative) {
      offer(mostNegative, c, NEGATIVE_FIRST, capacity);
    }
    return this;
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

  public byte[] toBytes() {
    ByteArrayOutputStream b = new ByteArrayOutputStream(512);
    try (ObjectOutputStream o = new ObjectOutputStream(b)) {
      o.writeObject(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  public static BucketState fromBytes(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (BucketState) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
