package io.moodstream.streaming;

import io.moodstream.streaming.BucketState.Candidate;
import java.util.Arrays;
import java.util.List;

/**
 * The Spark state of one open (topic, minute): its {@link BucketState} and the sorted {@linkplain
 * PostKeys keys} of every post it has counted, so a post that comes again — in the same partial,
 * another partial of the batch, a later batch, or after a restart (the state is in the checkpoint)
 * — is counted once. 8 bytes a post in one {@code long[]}; the state of a minute is dropped once
 * the minute closes (a post arriving after that is late, as ever), so only open minutes hold keys.
 */
final class MinuteState {
  private static final int FORMAT = 4;

  final BucketState bucket;
  private long[] keys;

  MinuteState() {
    this(new BucketState(), new long[0]);
  }

  private MinuteState(BucketState bucket, long[] keys) {
    this.bucket = bucket;
    this.keys = keys;
  }

  /** How many posts this minute has counted. */
  int posts() {
    return keys.length;
  }

  /** What {@link #add} did. */
  record Added(long posts, long duplicates) {}

  /**
   * Counts the posts of {@code partials} this minute has not counted yet and offers their
   * candidates (offering a post twice changes nothing).
   *
   * @return how many posts were new and how many were duplicates (already counted, twice in a
   *     partial, or in two partials of this call)
   */
  Added add(List<Partial> partials, int capacity) {
    if (partials.isEmpty()) {
      return new Added(0, 0);
    }
    long repeats = 0;
    for (Partial p : partials) {
      repeats += p.repeats;
    }
    // one sorted run of the partials' posts (each partial is sorted, each key once in it)
    long[] mk = partials.get(0).keys;
    short[] mu = partials.get(0).units;
    for (int p = 1; p < partials.size(); p++) {
      Partial q = partials.get(p);
      long[] k = new long[mk.length + q.keys.length];
      short[] u = new short[k.length];
      merge(mk, mu, q.keys, q.units, k, u);
      mk = k;
      mu = u;
    }
    // walk it against the counted keys: count the new ones, build the new sorted key set
    long[] out = new long[keys.length + mk.length];
    int i = 0;
    int j = 0;
    int o = 0;
    long added = 0;
    long duplicates = repeats;
    while (j < mk.length) {
      long k = mk[j];
      while (i < keys.length && keys[i] < k) {
        out[o++] = keys[i++];
      }
      boolean seen = (i < keys.length && keys[i] == k) || (o > 0 && out[o - 1] == k);
      if (seen) {
        duplicates++;
      } else {
        bucket.count(mu[j]);
        out[o++] = k;
        added++;
      }
      j++;
    }
    while (i < keys.length) {
      out[o++] = keys[i++];
    }
    keys = o == out.length ? out : Arrays.copyOf(out, o);
    for (Partial p : partials) {
      for (Candidate c : p.mostPositive()) {
        bucket.offer(c, capacity);
      }
      for (Candidate c : p.mostNegative()) {
        bucket.offer(c, capacity);
      }
    }
    return new Added(added, duplicates);
  }

  /** Merges two key-sorted runs into {@code k}/{@code u} (equal keys both kept, a's first). */
  private static void merge(long[] ak, short[] au, long[] bk, short[] bu, long[] k, short[] u) {
    int a = 0;
    int b = 0;
    int o = 0;
    while (a < ak.length && b < bk.length) {
      if (ak[a] <= bk[b]) {
        k[o] = ak[a];
        u[o++] = au[a++];
      } else {
        k[o] = bk[b];
        u[o++] = bu[b++];
      }
    }
    while (a < ak.length) {
      k[o] = ak[a];
      u[o++] = au[a++];
    }
    while (b < bk.length) {
      k[o] = bk[b];
      u[o++] = bu[b++];
    }
  }

  byte[] encode() {
    Bytes.Writer w = new Bytes.Writer(512 + keys.length * 8);
    w.putByte(FORMAT);
    bucket.write(w);
    w.putLongs(keys, keys.length);
    return w.toByteArray();
  }

  static MinuteState decode(byte[] bytes) {
    Bytes.Reader r = new Bytes.Reader(bytes).expect(FORMAT, "a minute state");
    BucketState b = BucketState.read(r);
    return new MinuteState(b, r.getLongs());
  }
}
