package io.moodstream.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moodstream.storage.StatusFiles;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each batch's progress (input rate, processed rate, batch duration, watermark, late posts)
 * and rewrites a small JSON status file after every batch, for {@code ./moodstream status} and the
 * REST metrics. The file (a local path or a Hadoop FileSystem URI) is replaced whole, so readers
 * never see half of it ({@link StatusFiles}).
 *
 * <p>The posts totals ({@code postsTotal}, {@code latePostsTotal}, {@code deadLettersTotal}, {@code
 * futureCreatedAtTotal}) are the job's own state ({@link Totals}), handed over by each posts batch:
 * exact under retries and carried across restarts by the checkpoint. {@code duplicatePostsThisRun},
 * {@code deletesTotal} and {@code deleteDeadLetters} count since this run started. {@code
 * bucketChanges} lists the minute range and topics each of the last posts batches wrote ({@link
 * BucketChanges}), so REST can refresh exactly those cached buckets.
 */
public final class ProgressReporter extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String statusFile;
  private final Configuration hadoopConf;
  private final Clock clock;
  private final Map<String, ObjectNode> queries = new TreeMap<>();
  private final Map<String, MoodTransform.Batch> pendingBatches = new ConcurrentHashMap<>();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicLong deleteDeadLetters = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final BucketChanges changes = new BucketChanges();

  /** Queries that hand over posts batches: each of their batches gets a bucketChanges entry. */
  private final Set<String> postsQueries = ConcurrentHashMap.newKeySet();

  private volatile Totals totals;
  private volatile String state = "starting";

  /** Last batch id reported per query; guarded by this. */
  private final Map<String, Long> lastReported = new TreeMap<>();

  /**
   * @param statusFile a local path or a Hadoop FileSystem URI ({@link StatusFiles})
   * @param hadoopConf the configuration of that file system (the session's)
   */
  public ProgressReporter(String statusFile, Configuration hadoopConf, Clock clock) {
    this.statusFile = statusFile;
    this.hadoopConf = hadoopConf;
    this.clock = clock;
    this.totals = previousTotals();
  }

  /**
   * The totals of the status file an earlier run left, shown until this run's first posts batch
   * brings the state's own (the same, unless the checkpoint was replaced).
   */
  private Totals previousTotals() {
    try {
      var previous = StatusFiles.read(statusFile, hadoopConf);
      if (previous.isEmpty()) {
        return Totals.ZERO;
      }
      var root = JSON.readTree(previous.get().bytes());
      return new Totals(
          root.path("postsTotal").asLong(),
          root.path("latePostsTotal").asLong(),
          root.path("deadLettersTotal").asLong(),
          root.path("futureCreatedAtTotal").asLong());
    } catch (IOException | RuntimeException e) {
      LOG.debug("no totals from an earlier status file {}: {}", statusFile, e.toString());
      return Totals.ZERO;
    }
  }

  /**
   * What batch {@code batchId} of {@code query} emitted, handed over before the batch commits; its
   * progress event (which comes after) reports it.
   */
  public void postsBatch(String query, long batchId, MoodTransform.Batch batch) {
    if (batch.totals() != null) {
      totals = batch.totals();
    }
    duplicates.addAndGet(batch.duplicatePosts());
    postsQueries.add(query);
    pendingBatches.put(query + '#' + batchId, batch);
  }

  public void deletes(long n) {
    deletes.addAndGet(n);
  }

  public void deleteDeadLetters(long n) {
    deleteDeadLetters.addAndGet(n);
  }

  /** The job's totals after the last posts batch (from its state). */
  public Totals totals() {
    return totals;
  }

  /** Posts left out as already counted since this run started (driver memory, not state). */
  public long duplicatePostsThisRun() {
    return duplicates.get();
  }

  /**
   * Waits until the progress of batch {@code batchId} of {@code query} (or a later one) has been
   * handled, or {@link System#nanoTime} reaches {@code deadlineNanos}; true if it has.
   */
  public synchronized boolean awaitBatch(String query, long batchId, long deadlineNanos)
      throws InterruptedException {
    while (!lastReported.containsKey(query) || lastReported.get(query) < batchId) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  public synchronized void state(String s) {
    state = s;
    write();
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    LOG.info("[{}] query started (id {}, run {})", event.name(), event.id(), event.runId());
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress p = event.progress();
    String watermark = p.eventTime().get("watermark");
    MoodTransform.Batch b = pendingBatches.remove(p.name() + '#' + p.batchId());
    Totals batch = b == null ? Totals.ZERO : b.batch();
    long duplicates = b == null ? 0 : b.duplicatePosts();
    Long duration = p.durationMs().get("triggerExecution");
    ObjectNode q = JSON.createObjectNode();
    q.put("batchId", p.batchId());
    q.put("timestamp", p.timestamp());
    q.put("numInputRows", p.numInputRows());
    q.put("inputRowsPerSecond", finite(p.inputRowsPerSecond()));
    q.put("processedRowsPerSecond", finite(p.processedRowsPerSecond()));
    q.put("batchDurationMs", duration == null ? 0 : duration);
    q.put("watermark", watermark);
    long stateRows = 0;
    long stateBytes = 0;
    for (StateOperatorProgress op : p.stateOperators()) {
      stateRows += op.numRowsTotal();
      stateBytes += op.memoryUsedBytes();
    }
    q.put("stateRows", stateRows);
    q.put("stateMemoryBytes", stateBytes);
    if (b != null) {
      q.put("posts", batch.posts());
      q.put("latePosts", batch.latePosts());
      q.put("duplicatePosts", duplicates);
      q.put("deadLetters", batch.deadLetters());
      q.put("futureCreatedAt", batch.futureCreatedAt());
    }
    if (b != null || postsQueries.contains(p.name())) {
      changes.add(BucketChanges.of(p.batchId(), b == null ? List.of() : b.buckets()));
    }
    synchronized (this) {
      queries.put(p.name(), q);
      state = "running";
      write();
      lastReported.put(p.name(), p.batchId());
      notifyAll();
    }
    if (p.numInputRows() > 0) {
      LOG.info(
          "[{}] batch {}: {} rows, input {}/s, processed {}/s, {} ms, watermark {}, late posts {},"
              + " duplicates {}, dead letters {}, state {} keys / {} MB",
          p.name(),
          p.batchId(),
          p.numInputRows(),
          Math.round(finite(p.inputRowsPerSecond())),
          Math.round(finite(p.processedRowsPerSecond())),
          duration,
          watermark,
          batch.latePosts(),
          duplicates,
          batch.deadLetters(),
          stateRows,
          stateBytes / 1_000_000);
      LOG.debug("[{}] batch {} phases (ms): {}", p.name(), p.batchId(), p.durationMs());
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    if (event.exception().isDefined()) {
      LOG.error("query {} failed: {}", event.id(), event.exception().get());
    } else {
      LOG.info("query {} stopped", event.id());
    }
  }

  private static double finite(double d) {
    return Double.isFinite(d) ? d : 0.0;
  }

  private void write() {
    Totals t = totals;
    ObjectNode root = JSON.createObjectNode();
    root.put("state", state);
    root.put("updatedAt", clock.instant().toString());
    root.put("postsTotal", t.posts());
    root.put("latePostsTotal", t.latePosts());
    root.put("deadLettersTotal", t.deadLetters());
    root.put("futureCreatedAtTotal", t.futureCreatedAt());
    root.put("duplicatePostsThisRun", duplicates.get());
    root.put("deletesTotal", deletes.get());
    root.put("deleteDeadLetters", deleteDeadLetters.get());
    ObjectNode qs = root.putObject("queries");
    queries.forEach(qs::set);
    changes.writeTo(root.putArray("bucketChanges"));
    try {
      StatusFiles.write(
          statusFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), hadoopConf);
    } catch (IOException e) {
      LOG.warn("cannot write status file {}: {}", statusFile, e.toString());
    }
  }
}
