package io.moodstream.streaming;

import io.moodstream.streaming.BucketState.Candidate;
import java.util.Arrays;
import java.util.List;

/**
 * What one input partition of one batch holds for one (topic, minute): per post its {@linkplain
 * PostKeys key} and {@linkplain BucketState#units contribution} — sorted by key, each key once —
 * and the top-k candidates among those posts. Per-post contributions, not pre-summed counters, so
 * the state can leave out posts it has already counted (a re-sent archive, a restarted ingest); 10
 * bytes a post in two primitive arrays, no object per post.
 */
final class Partial {
  private static final int FORMAT = 3;

  final long[] keys;
  final short[] units;
  final BucketState candidates; // only its candidate lists are used

  /** Posts of the partition left out because their key was there already (the same post again). */
  final int repeats;

  private Partial(long[] keys, short[] units, BucketState candidates, int repeats) {
    this.keys = keys;
    this.units = units;
    this.candidates = candidates;
    this.repeats = repeats;
  }

  /** Distinct posts. */
  int size() {
    return keys.length;
  }

  List<Candidate> mostPositive() {
    return candidates.mostPositive;
  }

  List<Candidate> mostNegative() {
    return candidates.mostNegative;
  }

  byte[] encode() {
    Bytes.Writer w = new Bytes.Writer(16 + keys.length * 10 + 256);
    w.putByte(FORMAT).putInt(repeats).putLongs(keys, keys.length).putShorts(units, units.length);
    w.putInt(candidates.mostPositive.size());
    candidates.mostPositive.forEach(c -> c.write(w));
    w.putInt(candidates.mostNegative.size());
    candidates.mostNegative.forEach(c -> c.write(w));
    return w.toByteArray();
  }

  static Partial decode(byte[] bytes) {
    Bytes.Reader r = new Bytes.Reader(bytes).expect(FORMAT, "a partial");
    int repeats = r.getInt();
    long[] keys = r.getLongs();
    short[] units = r.getShorts();
    BucketState c = new BucketState();
    for (int i = r.getInt(); i > 0; i--) {
      c.mostPositive.add(Candidate.read(r));
    }
    for (int i = r.getInt(); i > 0; i--) {
      c.mostNegative.add(Candidate.read(r));
    }
    return new Partial(keys, units, c, repeats);
  }

  /** Collects the posts of one (topic, minute) while a partition is read. */
  static final class Builder {
    private final int capacity;
    private long[] keys = new long[16];
    private short[] units = new short[16];
    private int n;
    private final BucketState candidates = new BucketState();
    private long latestMillis = Long.MIN_VALUE;

    Builder(int capacity) {
      this.capacity = capacity;
    }

    /**
     * Adds a post.
     *
     * @param candidate its extreme-post candidate, or null when it is not extreme
     */
    void add(long key, short postUnits, Candidate candidate, long createdAtMillis) {
      if (n == keys.length) {
        keys = Arrays.copyOf(keys, n * 2);
        units = Arrays.copyOf(units, n * 2);
      }
      keys[n] = key;
      units[n] = postUnits;
      n++;
      if (candidate != null) {
        candidates.offer(candidate, capacity);
      }
      latestMillis = Math.max(latestMillis, createdAtMillis);
    }

    /**
     * The latest createdAt among the posts (it falls in their minute): the partial's event time.
     */
    long latestMillis() {
      return latestMillis;
    }

    /** Posts added, repeats included. */
    int count() {
      return n;
    }

    /** The partial: keys sorted, a key seen twice (the same post twice) kept once. */
    Partial build() {
      sort(keys, units, 0, n - 1);
      int u = 0;
      for (int i = 0; i < n; i++) {
        if (u == 0 || keys[i] != keys[u - 1]) {
          keys[u] = keys[i];
          units[u] = units[i];
          u++;
        }
      }
      return new Partial(Arrays.copyOf(keys, u), Arrays.copyOf(units, u), candidates, n - u);
    }
  }

  /** Sorts {@code k[lo..hi]} ascending, moving {@code v} along (quicksort, median of three). */
  static void sort(long[] k, short[] v, int lo, int hi) {
    while (hi - lo > 16) {
      int mid = (lo + hi) >>> 1;
      if (k[mid] < k[lo]) {
        swap(k, v, mid, lo);
      }
      if (k[hi] < k[lo]) {
        swap(k, v, hi, lo);
      }
      if (k[hi] < k[mid]) {
        swap(k, v, hi, mid);
      }
      long pivot = k[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (k[i] < pivot) {
          i++;
        }
        while (k[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(k, v, i++, j--);
        }
      }
      if (j - lo < hi - i) { // recurse into the smaller side, loop on the larger
        sort(k, v, lo, j);
        lo = i;
      } else {
        sort(k, v, i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) { // insertion sort for short ranges
      long key = k[i];
      short val = v[i];
      int j = i - 1;
      while (j >= lo && k[j] > key) {
        k[j + 1] = k[j];
        v[j + 1] = v[j];
        j--;
      }
      k[j + 1] = key;
      v[j + 1] = val;
    }
  }

  private static void swap(long[] k, short[] v, int a, int b) {
    long tk = k[a];
    k[a] = k[b];
    k[b] = tk;
    short tv = v[a];
    v[a] = v[b];
    v[b] = tv;
  }
}
