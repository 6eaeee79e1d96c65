package io.moodstream.rest;

import io.moodstream.rest.store.BucketStore;
import io.moodstream.rest.store.StoreUnavailableException;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.Extremes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** The store of the resource tests: sorted maps per (step, topic); can be switched "down". */
public final class InMemoryBucketStore implements BucketStore {
  private final Map<String, NavigableMap<Long, Aggregate>> aggregates = new ConcurrentHashMap<>();
  private final Map<String, NavigableMap<Long, Extremes>> extremes = new ConcurrentHashMap<>();
  public volatile boolean down;
  public final AtomicInteger minuteScans = new AtomicInteger();

  /** When set, every read waits for it (as reads of a hung HBase do), interruptibly. */
  public volatile CountDownLatch hang;

  /** Reads that started waiting on {@link #hang}. */
  public final AtomicInteger hung = new AtomicInteger();

  /**
   * When set, runs once after the next {@link #aggregates} read has taken its rows, before it
   * returns them (a write that lands while a scan is under way).
   */
  public volatile Runnable afterNextRead;

  public void put(Step step, String topic, long start, Aggregate a) {
    aggregates
        .computeIfAbsent(step.label() + "/" + topic, k -> new ConcurrentSkipListMap<>())
        .put(start, a);
  }

  public void putExtremes(String topic, long minute, List<ExtremePost> pos, List<ExtremePost> neg) {
    extremes
        .computeIfAbsent(topic, k -> new ConcurrentSkipListMap<>())
        .put(minute, new Extremes(topic, minute, pos, neg));
  }

  private void check() {
    if (down) {
      throw new StoreUnavailableException("in-memory store switched down", null);
    }
    CountDownLatch h = hang;
    if (h != null) {
      hung.incrementAndGet();
      try {
        h.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted while hanging", e);
      }
    }
  }

  @Override
  public List<TopicSpan> topics() {
    check();
    List<TopicSpan> out = new ArrayList<>();
    new TreeMap<>(aggregates)
        .forEach(
            (k, v) -> {
              if (k.startsWith("1m/") && !v.isEmpty()) {
                out.add(new TopicSpan(k.substring(3), v.firstKey(), v.lastKey()));
              }
            });
    return out;
  }

  @Override
  public List<Bucket> aggregates(Step step, String topic, long from, long to) {
    check();
    if (step == Step.MINUTE) {
      minuteScans.incrementAndGet();
    }
    NavigableMap<Long, Aggregate> m = aggregates.get(step.label() + "/" + topic);
    List<Bucket> out = new ArrayList<>();
    if (m != null && from < to) {
      m.subMap(from, true, to, false).forEach((s, a) -> out.add(new Bucket(topic, s, a)));
    }
    Runnable after = afterNextRead;
    if (after != null) {
      afterNextRead = null;
      after.run();
    }
    return out;
  }

  @Override
  public List<Extremes> extremes(String topic, long from, long to) {
    check();
    NavigableMap<Long, Extremes> m = extremes.get(topic);
    if (m == null || from >= to) {
      return List.of();
    }
    return new ArrayList<>(m.subMap(from, true, to, false).values());
  }

  @Override
  public void ping() {
    check();
  }
}
