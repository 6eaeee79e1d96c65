package io.moodstream.rest.store;

import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.Extremes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BucketStore} that keeps <em>settled</em> aggregate buckets in memory: buckets that start
 * more than {@link #SETTLE} steps before the current one, which the streaming job no longer changes
 * in normal operation. A range read then scans HBase only for its recent tail (a few rows) plus, at
 * most once per {@link #TTL} per topic and step, the settled part. Extremes and topics are not
 * cached. The cache is bounded in bytes ({@code rest.cache.max.bytes}, by an estimate of each
 * bucket's heap), the least recently used ranges going first.
 *
 * <p>Buckets the job rewrites (a replay of an archive rewrites nothing but settled minutes) are
 * refreshed from what it reports it wrote ({@link BucketChangeFeed}, polled on read at most every
 * {@link #CHANGES_POLL}): cached tails overlapping a changed range are dropped, and the changed
 * part of a settled range (aligned to its step: an hour changes with its minutes) is marked and
 * re-read alone by the next read that needs it. So a backfilled minute shows one batch after it is
 * written, with one small scan per topic and step read. Without a feed, or for changes it does not
 * report, the TTLs still apply.
 */
public final class SettledBucketCache implements BucketStore {
  /** Buckets of the current step and this many before it are always read from HBase. */
  public static final int SETTLE = 15;

  public static final Duration TTL = Duration.ofSeconds(60);

  /** How often a read may ask the {@link BucketChangeFeed} what the job wrote. */
  public static final Duration CHANGES_POLL = Duration.ofMillis(100);

  /** Change batches remembered for loads that were under way when they were applied. */
  static final int CHANGES_REMEMBERED = 256;

  /**
   * The recent tail of a range is shared for this long by identical reads (many browsers on the
   * same view): at most one tail scan per topic, step and range end per second. Live updates come
   * over SSE, not from re-reading series.
   */
  public static final Duration TAIL_TTL = Duration.ofSeconds(1);

  /** Settled ranges longer than this many buckets are read through, not cached. */
  public static final long MAX_CACHED_BUCKETS = 20_000;

  /**
   * Heap one cached bucket takes, estimated: the aggregate with its 20-long histogram (~260 B), its
   * map entry and boxed start (~60 B). The cache's byte budget is counted with it.
   */
  static final long BYTES_PER_BUCKET = 320;

  /** Heap one cache entry takes beyond its buckets (key, record, map node), estimated. */
  static final long BYTES_PER_ENTRY = 256;

  private final BucketStore delegate;
  private final Clock clock;
  private final long maxBytes;
  private final BucketChangeFeed feed;
  private final AtomicLong nextPollMillis = new AtomicLong(Long.MIN_VALUE);

  /**
   * Applied change batches, numbered: a load that began at number {@code n} applies those after
   * {@code n} to what it read, so no change slips between its scan and its put. Guarded by cache.
   */
  private final ArrayDeque<BucketChangeFeed.Changes> applied = new ArrayDeque<>();

  private long changesApplied;

  /** Settled ranges and recent tails together, least recently used first; guarded by itself. */
  private final LinkedHashMap<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true);

  private long bytes;

  private sealed interface Cached permits Entry, Tail {
    long bytes();
  }

  private record Tail(
      Step step, String topic, long from, long to, long loadedAtMillis, List<Bucket> buckets)
      implements Cached {
    @Override
    public long bytes() {
      return BYTES_PER_ENTRY + buckets.size() * BYTES_PER_BUCKET;
    }
  }

  /**
   * The settled buckets of [from, to) of one topic and step, loaded at {@code loadedAt}; those of
   * [dirtyFrom, dirtyTo) were rewritten since (none when empty) and are re-read before use.
   */
  private record Entry(
      Step step,
      String topic,
      long from,
      long to,
      long loadedAtMillis,
      NavigableMap<Long, Aggregate> rows,
      long dirtyFrom,
      long dirtyTo)
      implements Cached {
    @Override
    public long bytes() {
      return BYTES_PER_ENTRY + rows.size() * BYTES_PER_BUCKET;
    }

    boolean dirtyWithin(long a, long b) {
      return dirtyFrom < dirtyTo && dirtyFrom < b && a < dirtyTo;
    }

    /** This entry with [a, b) (clipped to its range) also marked rewritten. */
    Entry marked(long a, long b) {
      long f = Math.max(a, from);
      long t = Math.min(b, to);
      if (f >= t) {
        return this;
      }
      if (dirtyFrom < dirtyTo) {
        f = Math.min(f, dirtyFrom);
        t = Math.max(t, dirtyTo);
      }
      return new Entry(step, topic, from, to, loadedAtMillis, rows, f, t);
    }

    /** This entry marked as the changes say. */
    Entry marked(BucketChangeFeed.Changes changes) {
      if (changes.everything()) {
        return marked(from, to);
      }
      Entry e = this;
      for (BucketChangeFeed.Range r : changes.ranges()) {
        if (r.covers(topic)) {
          long[] span = span(step, r);
          e = e.marked(span[0], span[1]);
        }
      }
      return e;
    }
  }

  /** The buckets of {@code step} a changed range of minutes touches: [from, to). */
  static long[] span(Step step, BucketChangeFeed.Range r) {
    return new long[] {
      step.alignDown(r.from()), step.alignDown(Math.max(r.from(), r.until() - 1)) + step.seconds()
    };
  }

  /**
   * A cache holding at most about {@code maxBytes} of buckets (least recently used evicted),
   * refreshed from what {@code feed} reports the job wrote.
   */
  public SettledBucketCache(
      BucketStore delegate, Clock clock, long maxBytes, BucketChangeFeed feed) {
    this.delegate = delegate;
    this.clock = clock;
    this.maxBytes = maxBytes;
    this.feed = feed;
  }

  /**
   * Asks the feed what the job wrote, at most once per {@link #CHANGES_POLL} (one reader asks, the
   * others go on), and applies it.
   */
  private void pollChanges() {
    long now = clock.millis();
    long next = nextPollMillis.get();
    if (now < next || !nextPollMillis.compareAndSet(next, now + CHANGES_POLL.toMillis())) {
      return;
    }
    BucketChangeFeed.Changes changes = feed.poll();
    if (!changes.isEmpty()) {
      apply(changes);
    }
  }

  /**
   * Drops the tails and marks the settled parts the changes touch (what a poll of the feed does).
   */
  public void apply(BucketChangeFeed.Changes changes) {
    synchronized (cache) {
      applied.addLast(changes);
      changesApplied++;
      while (applied.size() > CHANGES_REMEMBERED) {
        applied.removeFirst();
      }
      for (Iterator<Map.Entry<String, Cached>> it = cache.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Cached> m = it.next();
        if (m.getValue() instanceof Entry e) {
          m.setValue(e.marked(changes));
        } else if (m.getValue() instanceof Tail t && touches(t, changes)) {
          bytes -= t.bytes();
          it.remove();
        }
      }
    }
  }

  private static boolean touches(Tail t, BucketChangeFeed.Changes changes) {
    if (changes.everything()) {
      return true;
    }
    for (BucketChangeFeed.Range r : changes.ranges()) {
      long[] span = span(t.step(), r);
      if (r.covers(t.topic()) && span[0] < t.to() && t.from() < span[1]) {
        return true;
      }
    }
    return false;
  }

  /** The number of change batches applied so far: a load notes it before it scans. */
  private long changesApplied() {
    synchronized (cache) {
      return changesApplied;
    }
  }

  /**
   * Puts an entry loaded when {@code since} change batches had been applied, marked with those
   * applied meanwhile (all of it if they are no longer remembered).
   */
  private void putLoaded(String key, Entry loaded, long since) {
    synchronized (cache) {
      Entry e = loaded;
      long missed = changesApplied - since;
      if (missed > applied.size()) {
        e = e.marked(e.from(), e.to());
      } else {
        Iterator<BucketChangeFeed.Changes> it = applied.descendingIterator();
        for (long i = 0; i < missed; i++) {
          e = e.marked(it.next());
        }
      }
      put(key, e);
    }
  }

  /** A tail is put only if no change came while it was read (else the next read reads it). */
  private void putTail(String key, Tail tail, long since) {
    synchronized (cache) {
      if (changesApplied == since) {
        put(key, tail);
      }
    }
  }

  /** The estimated heap the cached buckets take now. */
  public long bytes() {
    synchronized (cache) {
      return bytes;
    }
  }

  private Cached get(String key) {
    synchronized (cache) {
      return cache.get(key);
    }
  }

  private void put(String key, Cached value) {
    synchronized (cache) {
      Cached old = cache.put(key, value);
      if (old != null) {
        bytes -= old.bytes();
      }
      bytes += value.bytes();
      Iterator<Cached> eldest = cache.values().iterator();
      while (bytes > maxBytes && eldest.hasNext()) {
        bytes -= eldest.next().bytes();
        eldest.remove();
      }
    }
  }

  @Override
  public List<Bucket> aggregates(Step step, String topic, long from, long to) {
    pollChanges();
    long settledBefore = step.alignDown(clock.instant().getEpochSecond()) - SETTLE * step.seconds();
    long split = Math.min(Math.max(from, settledBefore), to);
    if (split <= from || (split - from) / step.seconds() > MAX_CACHED_BUCKETS) {
      return delegate.aggregates(step, topic, from, to);
    }
    List<Bucket> out = new ArrayList<>();
    for (Map.Entry<Long, Aggregate> e : settled(step, topic, from, split).entrySet()) {
      out.add(new Bucket(topic, e.getKey(), e.getValue()));
    }
    if (split < to) {
      out.addAll(tail(step, topic, split, to));
    }
    return out;
  }

  private List<Bucket> tail(Step step, String topic, long from, long to) {
    String key = step.label() + "\u0000" + topic + "\u0000" + from + "\u0000" + to;
    long now = clock.millis();
    if (get(key) instanceof Tail t && now - t.loadedAtMillis() < TAIL_TTL.toMillis()) {
      return t.buckets();
    }
    long since = changesApplied();
    List<Bucket> fresh = List.copyOf(delegate.aggregates(step, topic, from, to));
    putTail(key, new Tail(step, topic, from, to, now, fresh), since);
    return fresh;
  }

  private NavigableMap<Long, Aggregate> settled(Step step, String topic, long from, long to) {
    String key = step.label() + "\u0000" + topic;
    long now = clock.millis();
    // what is cached, if it is still fresh: a stale entry serves nothing and widens nothing
    Entry e = get(key) instanceof Entry x && now - x.loadedAtMillis() < TTL.toMillis() ? x : null;
    if (e != null && e.from() <= from && to <= e.to()) {
      if (e.dirtyWithin(from, to)) {
        e = reread(key, e);
      }
      return e.rows().subMap(from, true, to, false);
    }
    // (re)load: the asked range, widened to what was cached if that is adjacent
    long loadFrom = from;
    long loadTo = to;
    if (e != null
        && e.from() <= to
        && from <= e.to()
        && (Math.max(to, e.to()) - Math.min(from, e.from())) / step.seconds()
            <= MAX_CACHED_BUCKETS) {
      loadFrom = Math.min(from, e.from());
      loadTo = Math.max(to, e.to());
    }
    long since = changesApplied();
    NavigableMap<Long, Aggregate> rows = new TreeMap<>();
    for (Bucket b : delegate.aggregates(step, topic, loadFrom, loadTo)) {
      rows.put(b.start(), b.aggregate());
    }
    putLoaded(key, new Entry(step, topic, loadFrom, loadTo, now, rows, 0, 0), since);
    return rows.subMap(from, true, to, false);
  }

  /** The entry with its rewritten part read again (only that part), cached; same load time. */
  private Entry reread(String key, Entry e) {
    long since = changesApplied();
    NavigableMap<Long, Aggregate> rows = new TreeMap<>(e.rows());
    rows.subMap(e.dirtyFrom(), true, e.dirtyTo(), false).clear();
    for (Bucket b : delegate.aggregates(e.step(), e.topic(), e.dirtyFrom(), e.dirtyTo())) {
      rows.put(b.start(), b.aggregate());
    }
    Entry fresh = new Entry(e.step(), e.topic(), e.from(), e.to(), e.loadedAtMillis(), rows, 0, 0);
    putLoaded(key, fresh, since);
    return fresh;
  }

  @Override
  public List<TopicSpan> topics() {
    return delegate.topics();
  }

  @Override
  public List<Extremes> extremes(String topic, long from, long to) {
    return delegate.extremes(topic, from, to);
  }

  @Override
  public void ping() {
    delegate.ping();
  }
}
