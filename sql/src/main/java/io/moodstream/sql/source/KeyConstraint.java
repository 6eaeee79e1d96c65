package io.moodstream.sql.source;

import io.moodstream.schema.hbase.RowKey;
import io.moodstream.schema.key.KeyLimits;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Or;

/**
 * What a query's filters say about the row keys it can need: a set of topics (or any topic), a
 * range of bucket starts [from, to) in epoch seconds, and for {@code extremes_1m} which polarities.
 * It is always a <em>superset</em> of the rows the filters keep: filters it does not understand
 * leave it unconstrained, and Spark evaluates every filter again on the rows read, so pruning can
 * only save work, never change an answer.
 *
 * <p>Understood: {@code topic = 'x'}, {@code topic IN (...)}, {@code <=>}; comparisons of the time
 * column ({@code bucket_start} or {@code minute}) with a timestamp ({@code =, <, <=, >, >=}, and
 * {@code BETWEEN}, which Spark hands over as two of them); {@code polarity = / IN}; and {@code
 * AND}/{@code OR} of those (an {@code OR} keeps the union of topics and the hull of the ranges).
 *
 * @param topics the topics, or {@code null} for any topic
 * @param from first bucket start that may match, epoch seconds, ≥ 0
 * @param to bucket starts from here on cannot match; at most {@link #END}
 * @param polarities {@code positive}/{@code negative}, or {@code null} for both
 */
public record KeyConstraint(SortedSet<String> topics, long from, long to, Set<String> polarities)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One past the last second a row key can hold. */
  public static final long END = KeyLimits.MAX_EPOCH_SECOND + 1;

  public static final KeyConstraint ANY = new KeyConstraint(null, 0, END, null);

  private static final long MICROS = 1_000_000L;

  public KeyConstraint {
    topics = topics == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(topics));
    polarities = polarities == null ? null : Set.copyOf(polarities);
    from = Math.max(0, from);
    to = Math.min(END, to);
  }

  /** True when no row can match: no topic, no polarity, or an empty time range. */
  public boolean isEmpty() {
    return (topics != null && topics.isEmpty())
        || (polarities != null && polarities.isEmpty())
        || from >= to;
  }

  public boolean timeBounded() {
    return from > 0 || to < END;
  }

  /** The constraint of all {@code filters} together (they are ANDed), for {@code view}. */
  public static KeyConstraint of(View view, Filter[] filters) {
    KeyConstraint c = ANY;
    for (Filter f : filters) {
      c = c.and(of(view, f));
    }
    return c;
  }

  /** True when {@link #of(View, Filter)} uses {@code f}: it narrows the keys or the families. */
  public static boolean narrows(View view, Filter f) {
    return !of(view, f).equals(ANY);
  }

  /** The constraint of one filter; {@link #ANY} for one it does not understand. */
  public static KeyConstraint of(View view, Filter f) {
    String time = view.timeColumn();
    if (f instanceof And a) {
      return of(view, a.left()).and(of(view, a.right()));
    }
    if (f instanceof Or o) {
      return of(view, o.left()).or(of(view, o.right()));
    }
    if (f instanceof EqualTo e) {
      return equal(view, e.attribute(), e.value());
    }
    if (f instanceof EqualNullSafe e) {
      return equal(view, e.attribute(), e.value());
    }
    if (f instanceof In in) {
      KeyConstraint c = null;
      for (Object v : in.values()) {
        KeyConstraint one = equal(view, in.attribute(), v);
        if (one.equals(ANY)) {
          return ANY;
        }
        c = c == null ? one : c.or(one);
      }
      return c == null ? ANY : c;
    }
    if (f instanceof GreaterThan g && g.attribute().equals(time)) {
      Long us = micros(g.value());
      return us == null ? ANY : range(Math.floorDiv(us, MICROS) + 1, END);
    }
    if (f instanceof GreaterThanOrEqual g && g.attribute().equals(time)) {
      Long us = micros(g.value());
      return us == null ? ANY : range(ceilDiv(us, MICROS), END);
    }
    if (f instanceof LessThan l && l.attribute().equals(time)) {
      Long us = micros(l.value());
      return us == null ? ANY : range(0, ceilDiv(us, MICROS));
    }
    if (f instanceof LessThanOrEqual l && l.attribute().equals(time)) {
      Long us = micros(l.value());
      return us == null ? ANY : range(0, Math.floorDiv(us, MICROS) + 1);
    }
    return ANY;
  }

  private static KeyConstraint equal(View view, String attribute, Object value) {
    if (attribute.equals(View.TOPIC)) {
      if (!(value instanceof String s)) {
        return ANY;
      }
      TreeSet<String> t = new TreeSet<>();
      if (validTopic(s)) {
        t.add(s); // a topic no row key can hold matches nothing
      }
      return new KeyConstraint(t, 0, END, null);
    }
    if (attribute.equals(view.timeColumn())) {
      Long us = micros(value);
      if (us == null) {
        return ANY;
      }
      return us % MICROS == 0 ? range(us / MICROS, us / MICROS + 1) : range(0, 0);
    }
    if (view.isExtremes() && attribute.equals(View.POLARITY) && value instanceof String s) {
      return new KeyConstraint(
          null, 0, END, s.equals("positive") || s.equals("negative") ? Set.of(s) : Set.of());
    }
    return ANY;
  }

  private static KeyConstraint range(long from, long to) {
    return new KeyConstraint(null, from, to, null);
  }

  /** Rows matching both. */
  public KeyConstraint and(KeyConstraint o) {
    SortedSet<String> t;
    if (topics == null || o.topics == null) {
      t = topics == null ? o.topics : topics;
    } else {
      t = new TreeSet<>(topics);
      t.retainAll(o.topics);
    }
    Set<String> p;
    if (polarities == null || o.polarities == null) {
      p = polarities == null ? o.polarities : polarities;
    } else {
      p = new TreeSet<>(polarities);
      p.retainAll(o.polarities);
    }
    return new KeyConstraint(t, Math.max(from, o.from), Math.min(to, o.to), p);
  }

  /** A superset of the rows matching either: union of topics and polarities, hull of ranges. */
  public KeyConstraint or(KeyConstraint o) {
    if (isEmpty()) {
      return o;
    }
    if (o.isEmpty()) {
      return this;
    }
    SortedSet<String> t = null;
    if (topics != null && o.topics != null) {
      t = new TreeSet<>(topics);
      t.addAll(o.topics);
    }
    Set<String> p = null;
    if (polarities != null && o.polarities != null) {
      p = new TreeSet<>(polarities);
      p.addAll(o.polarities);
    }
    return new KeyConstraint(t, Math.min(from, o.from), Math.max(to, o.to), p);
  }

  /** For EXPLAIN: {@code topics=[a, b] time=[2026-11-24T14:00:00Z, 2026-11-24T16:00:00Z)}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    parts.add("topics=" + (topics == null ? "any" : topics.toString()));
    parts.add("time=" + (timeBounded() ? span(from, to) : "any"));
    if (polarities != null) {
      parts.add("polarity=" + new TreeSet<>(polarities));
    }
    return String.join(" ", parts);
  }

  /** {@code [from, to)} as instants, {@link #END} as {@code end}: for EXPLAIN and scan labels. */
  static String span(long from, long to) {
    return "["
        + Instant.ofEpochSecond(from)
        + ", "
        + (to >= END ? "end" : Instant.ofEpochSecond(to).toString())
        + ")";
  }

  static boolean validTopic(String s) {
    if (s.isEmpty() || s.indexOf('\0') >= 0) {
      return false;
    }
    try {
      RowKey.topicPrefix(s);
      return s.getBytes(StandardCharsets.UTF_8).length <= KeyLimits.MAX_TOPIC_BYTES;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Microseconds since the epoch of a timestamp filter value, or null for other values. */
  static Long micros(Object v) {
    Instant i;
    if (v instanceof Timestamp ts) {
      i = ts.toInstant();
    } else if (v instanceof Instant in) {
      i = in;
    } else {
      return null;
    }
    try {
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), MICROS), i.getNano() / 1_000);
    } catch (ArithmeticException e) {
      return null; // beyond any row key: leave the range to Spark
    }
  }

  /** x / y rounded up, as Java 18's Math.ceilDiv (ScanPlanner uses it too). */
  static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }
}
