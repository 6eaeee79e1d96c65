package io.moodstream.streaming;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;

/**
 * What the last posts batches changed in HBase, for readers that cache buckets (REST's settled
 * cache): per batch id, the range of minute buckets written ({@code fromEpochSecond} inclusive,
 * {@code untilEpochSecond} exclusive: the last minute's end) and the topics, written to the status
 * file as {@code bucketChanges}, oldest first. Rollups (hours, days) change only where their
 * minutes did, so a reader aligns the range to its step.
 *
 * <p>Every posts batch has an entry (one that changed nothing has no range), so a reader that sees
 * the batch after its last one missing knows it fell behind and drops everything it cached. A batch
 * that changed more than {@link #TOPICS_LISTED} topics lists none: all topics.
 */
final class BucketChanges {
  /** Entries kept: a reader polling less often than this many batches drops everything. */
  static final int KEPT = 64;

  static final int TOPICS_LISTED = 16;

  /** One batch's changed range; {@code topics} empty = all topics; no range when nothing. */
  record Change(long batchId, long from, long until, List<String> topics) {
    boolean changed() {
      return from < until;
    }
  }

  private final Deque<Change> kept = new ArrayDeque<>();

  /** The change of one batch from the buckets it wrote (minute starts, epoch seconds). */
  static Change of(long batchId, Collection<MoodTransform.BucketRow> buckets) {
    if (buckets.isEmpty()) {
      return new Change(batchId, 0, 0, List.of());
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    TreeSet<String> topics = new TreeSet<>();
    for (MoodTransform.BucketRow r : buckets) {
      min = Math.min(min, r.minute());
      max = Math.max(max, r.minute());
      topics.add(r.topic());
    }
    return new Change(
        batchId, min, max + 60, topics.size() > TOPICS_LISTED ? List.of() : List.copyOf(topics));
  }

  /** Records a batch's change, forgetting the oldest beyond {@link #KEPT}. */
  synchronized void add(Change c) {
    if (!kept.isEmpty() && kept.peekLast().batchId() >= c.batchId()) {
      kept.clear(); // a new checkpoint counts from 0 again: what came before is not comparable
    }
    kept.addLast(c);
    while (kept.size() > KEPT) {
      kept.removeFirst();
    }
  }

  /** The kept changes as a JSON array, oldest first. */
  synchronized void writeTo(ArrayNode out) {
    for (Change c : kept) {
      ObjectNode n = out.addObject();
      n.put("batchId", c.batchId());
      if (c.changed()) {
        n.put("fromEpochSecond", c.from());
        n.put("untilEpochSecond", c.until());
        if (!c.topics().isEmpty()) {
          ArrayNode t = n.putArray("topics");
          c.topics().forEach(t::add);
        }
      }
    }
  }
}
