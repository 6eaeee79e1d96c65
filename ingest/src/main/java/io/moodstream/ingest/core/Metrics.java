package io.moodstream.ingest.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters per source and name, thread-safe: {@code read}, {@code posts}, {@code deletes}, {@code
 * dlq.<reason>}, {@code skipped.<reason>}, {@code notice.<kind>}, {@code kafka.delivered}, {@code
 * kafka.spooled}, {@code reconnects.<cause>}. Read by the summary and written to {@code
 * status.json} for the local stack's status view.
 */
public final class Metrics {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  public void inc(String source, String name) {
    add(source, name, 1);
  }

  public void add(String source, String name, long n) {
    counter(source, name).add(n);
  }

  /** The counter itself, for hot paths that count every record. */
  public LongAdder counter(String source, String name) {
    String key = source + "/" + name;
    LongAdder a = counters.get(key);
    return a != null ? a : counters.computeIfAbsent(key, k -> new LongAdder());
  }

  public long get(String source, String name) {
    LongAdder a = counters.get(source + "/" + name);
    return a == null ? 0 : a.sum();
  }

  /** Every counter as {@code source/name → value}, sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new TreeMap<>();
    counters.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }
}
