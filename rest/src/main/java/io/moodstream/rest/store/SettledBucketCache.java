package io.moodstream.rest.store;

import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.Extremes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A {@link BucketStore} that keeps <em>settled</em> aggregate buckets in memory: buckets that start
 * more than {@link #SETTLE} steps before the current one, which the streaming job no longer changes
 * in normal operation. A range read then scans HBase only for its recent tail (a few rows) plus, at
 * most once per {@link #TTL} per topic and step, the settled part. Late corrections of settled
 * buckets (replays, deletes) show within {@link #TTL}. Extremes and topics are not cached. The
 * cache is bounded in bytes ({@code rest.cache.max.bytes}, by an estimate of each bucket's heap),
 * the least recently used ranges going first.
 */
public final class SettledBucketCache implements BucketStore {
  /** Buckets of the current step and this many before it are always read from HBase. */
  public static final int SETTLE = 15;

  public static final Duration TTL = Duration.ofSeconds(60);

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

  /** Settled ranges and recent tails together, least recently used first; guarded by itself. */
  private final LinkedHashMap<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true);

  private long bytes;

  private sealed interface Cached permits Entry, Tail {
    long bytes();
  }

  private record Tail(long loadedAtMillis, List<Bucket> buckets) implements Cached {
    @Override
    public long bytes() {
      return BYTES_PER_ENTRY + buckets.size() * BYTES_PER_BUCKET;
    }
  }

  /** The settled buckets of [from, to) of one topic and step, loaded at {@code loadedAt}. */
  private record Entry(long from, long to, long loadedAtMillis, NavigableMap<Long, Aggregate> rows)
      implements Cached {
    @Override
    public long bytes() {
      return BYTES_PER_ENTRY + rows.size() * BYTES_PER_BUCKET;
    }
  }

  public SettledBucketCache(BucketStore delegate, Clock clock) {
    this(delegate, clock, 64L * 1024 * 1024);
  }

  /** A cache holding at most about {@code maxBytes} of buckets (least recently used evicted). */
  public SettledBucketCache(BucketStore delegate, Clock clock, long maxBytes) {
    this.delegate = delegate;
    this.clock = clock;
    this.maxBytes = maxBytes;
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
    List<Bucket> fresh = List.copyOf(delegate.aggregates(step, topic, from, to));
    put(key, new Tail(now, fresh));
    return fresh;
  }

  private NavigableMap<Long, Aggregate> settled(Step step, String topic, long from, long to) {
    String key = step.label() + "\u0000" + topic;
    long now = clock.millis();
    Entry e = get(key) instanceof Entry x ? x : null;
    if (e != null
        && e.from() <= from
        && to <= e.to()
        && now - e.loadedAtMillis() < TTL.toMillis()) {
      return e.rows().subMap(from, true, to, false);
    }
    // (re)load: the asked range, widened to what was cached if that is still fresh and adjacent
    long loadFrom = from;
    long loadTo = to;
    if (e != null
        && now - e.loadedAtMillis() < TTL.toMillis()
        && e.from() <= to
        && from <= e.to()
        && (Math.max(to, e.to()) - Math.min(from, e.from())) / step.seconds()
            <= MAX_CACHED_BUCKETS) {
      loadFrom = Math.min(from, e.from());
      loadTo = Math.max(to, e.to());
    }
    NavigableMap<Long, Aggregate> rows = new TreeMap<>();
    for (Bucket b : delegate.aggregates(step, topic, loadFrom, loadTo)) {
      rows.put(b.start(), b.aggregate());
    }
    put(key, new Entry(loadFrom, loadTo, now, rows));
    return rows.subMap(from, true, to, false);
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
