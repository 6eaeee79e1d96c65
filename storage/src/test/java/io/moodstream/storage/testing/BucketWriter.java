package io.moodstream.storage.testing;

import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.BucketPuts;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;

/**
 * Seeds bucket state for tests and benchmarks through buffered mutators: the job's idempotent
 * full-value Puts ({@link BucketPuts}). Not thread-safe; {@link #flush()} or {@link #close()} to
 * make writes visible.
 */
public final class BucketWriter implements AutoCloseable {
  private final Map<Step, BufferedMutator> aggregates = new EnumMap<>(Step.class);
  private final BufferedMutator extremes;

  public BucketWriter(Connection connection, HBaseLayout layout) throws IOException {
    for (Step s : Step.values()) {
      aggregates.put(
          s,
          connection.getBufferedMutator(
              TableName.valueOf(layout.qualified(HBaseLayout.aggregatesTable(s)))));
    }
    extremes =
        connection.getBufferedMutator(
            TableName.valueOf(layout.qualified(HBaseLayout.EXTREMES_TABLE)));
  }

  public void aggregate(Step step, String topic, long bucketStart, Aggregate a) throws IOException {
    if (step.alignDown(bucketStart) != bucketStart) {
      throw new IllegalArgumentException(
          bucketStart + " is not the start of a " + step.label() + " bucket");
    }
    aggregates.get(step).mutate(BucketPuts.aggregate(topic, bucketStart, a));
  }

  public void extremes(
      String topic, long minute, List<ExtremePost> positive, List<ExtremePost> negative)
      throws IOException {
    if (Step.MINUTE.alignDown(minute) != minute) {
      throw new IllegalArgumentException(minute + " is not the start of a minute");
    }
    extremes.mutate(BucketPuts.extremes(topic, minute, positive, negative));
  }

  public void flush() throws IOException {
    for (BufferedMutator m : aggregates.values()) {
      m.flush();
    }
    extremes.flush();
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (BufferedMutator m :
        List.of(
            aggregates.get(Step.MINUTE),
            aggregates.get(Step.HOUR),
            aggregates.get(Step.DAY),
            extremes)) {
      try {
        m.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
