package io.moodstream.sql.cli;

import io.moodstream.sql.source.SourceMetrics;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.Option;
import scala.Tuple4;
import scala.collection.JavaConverters;

/**
 * Feeds {@link Progress} with the rows read from HBase so far: running tasks report the source's
 * metric with every executor heartbeat (once a second in the commands' session), finished tasks
 * with their end.
 */
final class ReadProgress extends SparkListener {
  private final String metric = new SourceMetrics.RowsRead().description();
  private final Progress progress;
  private final Map<Long, Long> running = new HashMap<>();
  private long finished;

  ReadProgress(Progress progress) {
    this.progress = progress;
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    synchronized (this) {
      for (Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> t :
          JavaConverters.seqAsJavaList(update.accumUpdates())) {
        long v = rows(t._4());
        if (v >= 0) {
          running.put((Long) t._1(), v);
        }
      }
    }
    report();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    synchronized (this) {
      running.remove(end.taskInfo().taskId());
      long v = rows(end.taskInfo().accumulables());
      if (v > 0) {
        finished += v;
      }
    }
    report();
  }

  private void report() {
    long done;
    synchronized (this) {
      done = finished + running.values().stream().mapToLong(Long::longValue).sum();
    }
    progress.update(done);
  }

  private long rows(scala.collection.Seq<AccumulableInfo> infos) {
    for (AccumulableInfo i : JavaConverters.seqAsJavaList(infos)) {
      if (i.name().isDefined() && i.name().get().equals(metric)) {
        Option<Object> v = i.update().isDefined() ? i.update() : i.value();
        if (v.isDefined() && v.get() instanceof Number n) {
          return n.longValue();
        }
      }
    }
    return -1;
  }
}
