package io.moodstream.streaming;

import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.RowKey;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.BucketPuts;
import io.moodstream.storage.BucketReader;
import io.moodstream.storage.Extremes;
import io.moodstream.storage.PostRefs;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the job's output to HBase in {@code foreachBatch}: only idempotent full-value Puts, so a
 * replayed micro-batch rewrites the same values.
 *
 * <ul>
 *   <li>minutes: the current state of every changed (topic, minute) to {@code agg_1m} and {@code
 *       extremes_1m} (deleted posts left out), and {@code post_refs r:} for each listed post;
 *   <li>rollups: each affected hour recomputed from its stored minutes, merged in time order, then
 *       each affected day from its stored hours, so rollups equal the merge of their parts;
 *   <li>deletes: {@code post_refs d:t} marked, then every extremes row listing the post rewritten
 *       without it.
 * </ul>
 *
 * Runs on the driver (foreachBatch functions do), through the driver's HBase connection. One lock
 * serializes the extremes writes of the posts query with the delete query, so a post deleted while
 * its minute is being written can never slip back into a row.
 */
public final class HBaseSink {
  private static final Logger LOG = LoggerFactory.getLogger(HBaseSink.class);
  private static final Object EXTREMES_LOCK = new Object();

  private final Connection connection;
  private final HBaseLayout layout;
  private final BucketReader reader;
  private final PostRefs refs;
  private final int k;

  public HBaseSink(Connection connection, HBaseLayout layout, int k) {
    this.connection = connection;
    this.layout = layout;
    this.reader = new BucketReader(connection, layout);
    this.refs = new PostRefs(connection, layout);
    this.k = k;
  }

  /** What one batch wrote: for logs and the status file. */
  public record Written(int minutes, int hours, int days, int extremes) {}

  /** Writes one micro-batch's changed buckets ({@link MoodTransform.Batch#buckets}). */
  public Written writeBuckets(List<MoodTransform.BucketRow> rows) throws IOException {
    if (rows.isEmpty()) {
      return new Written(0, 0, 0, 0);
    }
    List<Put> minutes = new ArrayList<>(rows.size());
    Map<String, TreeSet<Long>> minutesByTopic = new TreeMap<>();
    Set<String> candidates = new HashSet<>();
    for (MoodTransform.BucketRow r : rows) {
      candidates.addAll(r.state().candidateIds());
      minutes.add(BucketPuts.aggregate(r.topic(), r.minute(), r.state().aggregate()));
      minutesByTopic.computeIfAbsent(r.topic(), t -> new TreeSet<>()).add(r.minute());
    }
    put(HBaseLayout.aggregatesTable(Step.MINUTE), minutes);

    int extremes;
    synchronized (EXTREMES_LOCK) {
      Set<String> deleted = refs.deletedAmong(candidates);
      List<Put> rowsToWrite = new ArrayList<>();
      List<Put> references = new ArrayList<>();
      for (MoodTransform.BucketRow r : rows) { // one row per (topic, minute) and batch
        List<ExtremePost> pos = r.state().mostPositive(k, deleted);
        List<ExtremePost> neg = r.state().mostNegative(k, deleted);
        if (pos.isEmpty() && neg.isEmpty()) {
          continue;
        }
        byte[] rowKey = new RowKey(r.topic(), r.minute()).toBytes();
        Stream.concat(pos.stream(), neg.stream())
            .forEach(p -> references.add(PostRefs.reference(p.id(), rowKey)));
        rowsToWrite.add(BucketPuts.extremes(r.topic(), r.minute(), pos, neg));
      }
      put(HBaseLayout.POST_REFS_TABLE, references);
      put(HBaseLayout.EXTREMES_TABLE, rowsToWrite);
      extremes = rowsToWrite.size();
    }

    Map<String, TreeSet<Long>> hoursByTopic = alignedDown(minutesByTopic, Step.HOUR);
    int hours = rollUp(Step.MINUTE, Step.HOUR, hoursByTopic);
    int days = rollUp(Step.HOUR, Step.DAY, alignedDown(hoursByTopic, Step.DAY));
    return new Written(minutes.size(), hours, days, extremes);
  }

  /**
   * Recomputes the buckets of {@code step} starting at {@code affected} (per topic) from their
   * stored {@code parts}, one step finer, and writes them: hours from minutes, days from hours.
   *
   * @return how many buckets were written
   */
  private int rollUp(Step parts, Step step, Map<String, TreeSet<Long>> affected)
      throws IOException {
    List<Put> writes = new ArrayList<>();
    for (Map.Entry<String, TreeSet<Long>> e : affected.entrySet()) {
      String topic = e.getKey();
      TreeSet<Long> starts = e.getValue();
      rollUp(
              reader.aggregates(parts, topic, starts.first(), starts.last() + step.seconds()),
              step,
              starts)
          .forEach((start, a) -> writes.add(BucketPuts.aggregate(topic, start, a)));
    }
    put(HBaseLayout.aggregatesTable(step), writes);
    return writes.size();
  }

  /** The starts of the {@code step} buckets holding the given starts, per topic. */
  private static Map<String, TreeSet<Long>> alignedDown(
      Map<String, TreeSet<Long>> startsByTopic, Step step) {
    Map<String, TreeSet<Long>> out = new TreeMap<>();
    startsByTopic.forEach(
        (topic, starts) -> {
          TreeSet<Long> aligned = new TreeSet<>();
          starts.forEach(s -> aligned.add(step.alignDown(s)));
          out.put(topic, aligned);
        });
    return out;
  }

  /**
   * The merge, in time order, of the stored {@code parts} of each bucket of {@code step} whose
   * start is in {@code affected}.
   */
  static Map<Long, Aggregate> rollUp(List<Bucket> parts, Step step, Set<Long> affected) {
    Map<Long, Aggregate> out = new TreeMap<>();
    for (Bucket b : parts) { // BucketReader returns them in time order
      long start = step.alignDown(b.start());
      if (affected.contains(start)) {
        out.merge(start, b.aggregate(), Aggregate::merge);
      }
    }
    return out;
  }

  /**
   * Applies delete events: marks each post deleted ({@code d:t} = when the delete was appended to
   * Kafka, so a replay writes the same value) and rewrites every extremes row listing it.
   *
   * @return how many extremes rows were rewritten
   */
  public int applyDeletes(Map<String, Instant> deletions) throws IOException {
    if (deletions.isEmpty()) {
      return 0;
    }
    synchronized (EXTREMES_LOCK) {
      List<Put> markers = new ArrayList<>();
      deletions.forEach((id, at) -> markers.add(PostRefs.deletion(id, at)));
      put(HBaseLayout.POST_REFS_TABLE, markers);

      List<byte[]> rows = refs.extremesRowsListing(deletions.keySet());
      List<Put> rewrites = new ArrayList<>();
      try (Table ext = table(HBaseLayout.EXTREMES_TABLE)) {
        for (byte[] row : rows) {
          Result r = ext.get(new Get(row).addFamily(HBaseLayout.EXTREMES_FAMILY));
          if (r.isEmpty()) {
            continue; // expired
          }
          Extremes e = BucketReader.extremes(r);
          List<ExtremePost> keptPos =
              e.positive().stream().filter(p -> !deletions.containsKey(p.id())).toList();
          List<ExtremePost> keptNeg =
              e.negative().stream().filter(p -> !deletions.containsKey(p.id())).toList();
          if (keptPos.size() != e.positive().size() || keptNeg.size() != e.negative().size()) {
            rewrites.add(BucketPuts.extremes(e.topic(), e.minute(), keptPos, keptNeg));
          }
        }
      }
      put(HBaseLayout.EXTREMES_TABLE, rewrites);
      LOG.info(
          "[deletes] {} post(s) marked deleted, {} extremes row(s) rewritten without them",
          deletions.size(),
          rewrites.size());
      return rewrites.size();
    }
  }

  private Table table(String name) throws IOException {
    return connection.getTable(TableName.valueOf(layout.qualified(name)));
  }

  /**
   * Writes {@code puts} to {@code table} from the driver in one batched call (the HBase client
   * groups them by region server). A batch's rows are few — one per changed (topic, minute) — so a
   * Spark job per table, as the connector's bulk put ran, cost more in scheduling than it saved.
   */
  private void put(String table, List<Put> puts) throws IOException {
    if (puts.isEmpty()) {
      return;
    }
    try (Table t = table(table)) {
      t.put(puts);
    }
  }
}
