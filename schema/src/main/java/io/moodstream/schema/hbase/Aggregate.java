package io.moodstream.schema.hbase;

import java.util.Arrays;

/**
 * The state of one (topic, bucket): what {@code a:v} holds. Sums rather than means, so buckets
 * merge exactly: an hour is the {@link #merge} of its minutes, 5 minutes of five minutes.
 *
 * @param count posts in the bucket (scorable or not)
 * @param scored posts that were scored (English or unknown language); the rest count only in volume
 * @param positive scored posts with compound ≥ 0.05 (VADER's threshold)
 * @param neutral scored posts with −0.05 &lt; compound &lt; 0.05
 * @param negative scored posts with compound ≤ −0.05
 * @param sumCompound sum of the scored posts' compound scores
 * @param sumSquares sum of their squares
 * @param histogram {@link #BINS} counts of compound over [−1, 1], bin width 0.1; see {@link #bin}
 */
public record Aggregate(
    long count,
    long scored,
    long positive,
    long neutral,
    long negative,
    double sumCompound,
    double sumSquares,
    long[] histogram) {

  public static final int BINS = 20;
  public static final double POSITIVE_THRESHOLD = 0.05;
  public static final double NEGATIVE_THRESHOLD = -0.05;
  public static final Aggregate EMPTY = new Aggregate(0, 0, 0, 0, 0, 0.0, 0.0, new long[BINS]);

  public Aggregate {
    if (histogram.length != BINS) {
      throw new IllegalArgumentException("histogram must have " + BINS + " bins");
    }
    if (scored > count || positive + neutral + negative != scored) {
      throw new IllegalArgumentException(
          "inconsistent counts: count="
              + count
              + " scored="
              + scored
              + " pos/neu/neg="
              + positive
              + "/"
              + neutral
              + "/"
              + negative);
    }
    histogram = histogram.clone();
  }

  /**
   * The histogram bin of a compound score. Bin i covers [−1 + 0.1·i, −1 + 0.1·(i+1)); the last bin
   * also holds +1. Computed on the 4-decimal value VADER reports, in integer ten-thousandths, so
   * edges such as −0.9 or 0.0 fall into the bin they start, with no floating-point drift.
   */
  public static int bin(double compound) {
    if (!(compound >= -1.0 && compound <= 1.0)) {
      throw new IllegalArgumentException("compound " + compound + " is outside [-1, 1]");
    }
    long units = Math.round(compound * 10_000) + 10_000; // 0..20000
    return (int) Math.min(BINS - 1, units / 1_000);
  }

  /** A bucket holding one scored post. */
  public static Aggregate ofScored(double compound) {
    long[] h = new long[BINS];
    h[bin(compound)] = 1;
    return new Aggregate(
        1,
        1,
        compound >= POSITIVE_THRESHOLD ? 1 : 0,
        compound > NEGATIVE_THRESHOLD && compound < POSITIVE_THRESHOLD ? 1 : 0,
        compound <= NEGATIVE_THRESHOLD ? 1 : 0,
        compound,
        compound * compound,
        h);
  }

  /** A bucket holding one post that counts in volume only (not scorable). */
  public static Aggregate ofUnscored() {
    return new Aggregate(1, 0, 0, 0, 0, 0.0, 0.0, new long[BINS]);
  }

  public Aggregate merge(Aggregate o) {
    long[] h = new long[BINS];
    for (int i = 0; i < BINS; i++) {
      h[i] = histogram[i] + o.histogram[i];
    }
    return new Aggregate(
        count + o.count,
        scored + o.scored,
        positive + o.positive,
        neutral + o.neutral,
        negative + o.negative,
        sumCompound + o.sumCompound,
        sumSquares + o.sumSquares,
        h);
  }

  /** Mean compound of the scored posts, NaN when none was scored. */
  public double meanCompound() {
    return scored == 0 ? Double.NaN : sumCompound / scored;
  }

  /** Population standard deviation of compound, NaN when none was scored. */
  public double stddev() {
    if (scored == 0) {
      return Double.NaN;
    }
    double mean = meanCompound();
    return Math.sqrt(Math.max(0.0, sumSquares / scored - mean * mean));
  }

  @Override
  public long[] histogram() {
    return histogram.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Aggregate a
        && count == a.count
        && scored == a.scored
        && positive == a.positive
        && neutral == a.neutral
        && negative == a.negative
        && Double.compare(sumCompound, a.sumCompound) == 0
        && Double.compare(sumSquares, a.sumSquares) == 0
        && Arrays.equals(histogram, a.histogram);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Arrays.hashCode(histogram);
  }

  @Override
  public String toString() {
    return "Aggregate[count="
        + count
        + ", scored="
        + scored
        + ", pos/neu/neg="
        + positive
        + "/"
        + neutral
        + "/"
        + negative
        + ", sum="
        + sumCompound
        + ", sumSq="
        + sumSquares
        + ", histogram="
        + Arrays.toString(histogram)
        + "]";
  }
}
