package io.moodstream.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moodstream.storage.StatusFiles;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
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
 */
public final class ProgressReporter extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String statusFile;
  private final Configuration hadoopConf;
  private final Clock clock;
  private final Map<String, ObjectNode> queries = new TreeMap<>();
  private final AtomicLong latePosts = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final Map<String, Map<Long, Long>> pendingMinutes = new ConcurrentHashMap<>();
  private volatile String state = "starting";

  /** The watermark (ms) a query's batch ran with, for batches this listener has not seen. */
  @FunctionalInterface
  public interface LoggedWatermark {
    long of(String query, long batchId);
  }

  private final LoggedWatermark loggedWatermark;

  /** Last batch id and watermark (ms) reported per query; guarded by this. */
  private final Map<String, long[]> lastReported = new TreeMap<>();

  /**
   * @param statusFile a local path or a Hadoop FileSystem URI ({@link StatusFiles})
   * @param hadoopConf the configuration of that file system (the session's)
   */
  public ProgressReporter(
      String statusFile, Configuration hadoopConf, Clock clock, LoggedWatermark loggedWatermark) {
    this.statusFile = statusFile;
    this.hadoopConf = hadoopConf;
    this.clock = clock;
    this.loggedWatermark = loggedWatermark;
  }

  /**
   * The posts per event-time minute of batch {@code batchId} of {@code query}, sent before the
   * batch ends: with the watermark its progress reports, they give the batch's exact late posts.
   */
  public void postsPerMinute(String query, long batchId, Map<Long, Long> postsPerMinute) {
    pendingMinutes.put(query + '#' + batchId, postsPerMinute);
  }

  public void deadLetters(long n) {
    deadLetters.addAndGet(n);
  }

  public void deletes(long n) {
    deletes.addAndGet(n);
  }

  public long latePosts() {
    return latePosts.get();
  }

  public long deadLetters() {
    return deadLetters.get();
  }

  /**
   * Waits until the progress of batch {@code batchId} of {@code query} (or a later one) has been
   * handled, or {@link System#nanoTime} reaches {@code deadlineNanos}; true if it has.
   */
  public synchronized boolean awaitBatch(String query, long batchId, long deadlineNanos)
      throws InterruptedException {
    while (!lastReported.containsKey(query) || lastReported.get(query)[0] < batchId) {
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

  /**
   * The watermark Spark judges batch {@code batchId}'s late rows by: the previous batch's (Spark
   * 3.5 with several stateful operators allowed, its default), from this listener's memory or, for
   * the first batch after a restart, from the checkpoint; 0 before the first batch.
   */
  private long watermarkForLateEvents(String query, long batchId) {
    if (batchId == 0) {
      return 0;
    }
    synchronized (this) {
      long[] last = lastReported.get(query);
      if (last != null && last[0] == batchId - 1) {
        return last[1];
      }
    }
    return loggedWatermark.of(query, batchId - 1);
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    LOG.info("[{}] query started (id {}, run {})", event.name(), event.id(), event.runId());
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress p = event.progress();
    long lateRows = 0;
    for (StateOperatorProgress s : p.stateOperators()) {
      lateRows += s.numRowsDroppedByWatermark();
    }
    String watermark = p.eventTime().get("watermark");
    Map<Long, Long> perMinute = pendingMinutes.remove(p.name() + '#' + p.batchId());
    long late =
        perMinute == null
            ? 0
            : SideOutputs.latePosts(perMinute, watermarkForLateEvents(p.name(), p.batchId()));
    latePosts.addAndGet(late);
    Long duration = p.durationMs().get("triggerExecution");
    ObjectNode q = JSON.createObjectNode();
    q.put("batchId", p.batchId());
    q.put("timestamp", p.timestamp());
    q.put("numInputRows", p.numInputRows());
    q.put("inputRowsPerSecond", finite(p.inputRowsPerSecond()));
    q.put("processedRowsPerSecond", finite(p.processedRowsPerSecond()));
    q.put("batchDurationMs", duration == null ? 0 : duration);
    q.put("watermark", watermark);
    q.put("latePosts", late);
    q.put("lateRows", lateRows);
    synchronized (this) {
      queries.put(p.name(), q);
      state = "running";
      write();
      long ms = watermark == null ? 0 : Instant.parse(watermark).toEpochMilli();
      lastReported.put(p.name(), new long[] {p.batchId(), ms});
      notifyAll();
    }
    if (p.numInputRows() > 0 || late > 0) {
      LOG.info(
          "[{}] batch {}: {} rows, input {}/s, processed {}/s, {} ms, watermark {}, late posts {}",
          p.name(),
          p.batchId(),
          p.numInputRows(),
          Math.round(finite(p.inputRowsPerSecond())),
          Math.round(finite(p.processedRowsPerSecond())),
          duration,
          watermark,
          late);
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
    ObjectNode root = JSON.createObjectNode();
    root.put("state", state);
    root.put("updatedAt", clock.instant().toString());
    root.put("latePostsTotal", latePosts.get());
    root.put("deadLettersTotal", deadLetters.get());
    root.put("deletesTotal", deletes.get());
    ObjectNode qs = root.putObject("queries");
    queries.forEach(qs::set);
    try {
      StatusFiles.write(
          statusFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), hadoopConf);
    } catch (IOException e) {
      LOG.warn("cannot write status file {}: {}", statusFile, e.toString());
    }
  }
}
