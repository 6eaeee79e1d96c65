package io.moodstream.sql.source;

import static io.moodstream.sql.source.KeyConstraint.ceilDiv;

import io.moodstream.schema.hbase.RowKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns a {@link KeyConstraint} into HBase range scans, one Spark partition each, in (topic, time)
 * order:
 *
 * <ul>
 *   <li><b>Topics given</b> ({@code topic = 'x'}, {@code IN}): one range per topic, [key(topic,
 *       from), key(topic, to)): only the matching rows are read.
 *   <li><b>No topic given</b>: the topics are found in the table itself with one one-row seek each
 *       (skip scan: after a topic's first row, seek to the end of its prefix), then as above. A
 *       time filter without a topic therefore reads only that time range of every topic. With more
 *       than {@link #MAX_DISCOVERED_TOPICS} topics it falls back to a full scan split by salt byte.
 *   <li><b>Long ranges</b> are cut into slices of {@link #sliceRows} rows, so a month of one
 *       topic's minutes is read by several tasks; the slice edges come from the topic's first and
 *       last row in the range (two one-row seeks), at most {@link #MAX_SLICES_PER_TOPIC} per topic.
 * </ul>
 */
public final class ScanPlanner {
  public static final int MAX_DISCOVERED_TOPICS = 1_000;
  public static final int MAX_SLICES_PER_TOPIC = 64;

  /** Partitions of a full scan without discovery: ranges of the salt byte. */
  static final int SALT_SLICES = 8;

  /** The partitions and how many one-row seeks planning them took. */
  public record Plan(List<RangePartition> partitions, long seeks) {
    public Plan {
      partitions = List.copyOf(partitions);
    }
  }

  private final View view;
  private final KeySpace keys;
  private long seeks;

  public ScanPlanner(View view, KeySpace keys) {
    this.view = view;
    this.keys = keys;
  }

  /** Rows per slice: a week of minutes; a day of extremes (each row holds post texts). */
  public static long sliceRows(View view) {
    return view.isExtremes() ? 1_440 : 10_080;
  }

  public Plan plan(KeyConstraint c) throws IOException {
    seeks = 0;
    List<RangePartition> out = new ArrayList<>();
    if (c.isEmpty()) {
      return new Plan(out, 0);
    }
    SortedSet<String> topics = c.topics() != null ? c.topics() : discoverTopics();
    if (topics == null) {
      for (int i = 0; i < SALT_SLICES; i++) {
        int lo = i * 256 / SALT_SLICES;
        int hi = (i + 1) * 256 / SALT_SLICES;
        out.add(
            new RangePartition(
                i == 0 ? new byte[0] : new byte[] {(byte) lo},
                hi == 256 ? new byte[0] : new byte[] {(byte) hi},
                String.format("salt %02x..%02x", lo, hi - 1)));
      }
      return new Plan(out, seeks);
    }
    for (String topic : topics) {
      slices(topic, c.from(), c.to(), out);
    }
    return new Plan(out, seeks);
  }

  /** Every topic of the table in key order, or null when there are more than the cap. */
  private SortedSet<String> discoverTopics() throws IOException {
    // key order (salt first), kept as a list, then sorted by name for the plan
    List<String> found = new ArrayList<>();
    byte[] cursor = new byte[0];
    while (true) {
      seeks++;
      byte[] key = keys.firstKey(cursor, new byte[0]);
      if (key == null) {
        break;
      }
      String topic = RowKey.fromBytes(key).topic();
      found.add(topic);
      if (found.size() > MAX_DISCOVERED_TOPICS) {
        return null;
      }
      cursor = RowKey.stopRow(topic, KeyConstraint.END);
    }
    return new TreeSet<>(found);
  }

  private void slices(String topic, long from, long to, List<RangePartition> out)
      throws IOException {
    long step = view.stepSeconds();
    long slice = sliceRows(view) * step;
    if (to - from > slice) {
      byte[] start = RowKey.startRow(topic, from);
      byte[] stop = RowKey.stopRow(topic, to);
      seeks++;
      byte[] first = keys.firstKey(start, stop);
      if (first == null) {
        return; // nothing of this topic in the range
      }
      seeks++;
      byte[] last = keys.lastKey(start, stop);
      from = RowKey.fromBytes(first).epochSecond();
      to = RowKey.fromBytes(last).epochSecond() + 1;
      long n = ceilDiv(to - from, slice);
      if (n > MAX_SLICES_PER_TOPIC) {
        slice = ceilDiv(ceilDiv(to - from, MAX_SLICES_PER_TOPIC), step) * step;
      }
    }
    for (long s = from; s < to; ) {
      long e = to - s > slice ? Math.floorDiv(s + slice, step) * step : to;
      if (e <= s) {
        e = Math.min(to, s + slice);
      }
      out.add(
          new RangePartition(
              RowKey.startRow(topic, s),
              RowKey.stopRow(topic, e),
              topic + " " + KeyConstraint.span(s, e)));
      s = e;
    }
  }
}
