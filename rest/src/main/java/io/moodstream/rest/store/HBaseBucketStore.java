package io.moodstream.rest.store;

import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.RowKey;
import io.moodstream.schema.hbase.Step;
import io.moodstream.schema.key.KeyLimits;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.BucketReader;
import io.moodstream.storage.Extremes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.FilterList;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;

/**
 * {@link BucketStore} over HBase: range reads through {@code storage}'s {@link BucketReader} (one
 * scan each); topics are found in the day table (one row per topic-day, the smallest table), and
 * their first and last minute with one one-row scan each way in the minute table.
 */
public final class HBaseBucketStore implements BucketStore {
  private final Connection connection;
  private final HBaseLayout layout;
  private final BucketReader reader;

  public HBaseBucketStore(Connection connection, HBaseLayout layout) {
    this.connection = connection;
    this.layout = layout;
    this.reader = new BucketReader(connection, layout);
  }

  @Override
  public List<TopicSpan> topics() {
    return read(this::readTopics);
  }

  private List<TopicSpan> readTopics() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (Table t = table(HBaseLayout.aggregatesTable(Step.DAY));
        ResultScanner s = t.getScanner(firstKeys().setCaching(1000))) {
      for (Result r : s) {
        names.add(RowKey.fromBytes(r.getRow()).topic());
      }
    }
    List<TopicSpan> out = new ArrayList<>();
    try (Table minutes = table(HBaseLayout.aggregatesTable(Step.MINUTE))) {
      for (String topic : names) {
        Optional<Long> first = edge(minutes, topic, false);
        Optional<Long> last = edge(minutes, topic, true);
        if (first.isPresent() && last.isPresent()) {
          out.add(new TopicSpan(topic, first.get(), last.get()));
        }
      }
    }
    return out;
  }

  private static Optional<Long> edge(Table minutes, String topic, boolean last) throws IOException {
    byte[] start = RowKey.startRow(topic, 0);
    byte[] stop = RowKey.stopRow(topic, KeyLimits.MAX_EPOCH_SECOND + 1);
    Scan scan =
        last
            ? firstKeys().withStartRow(stop, false).withStopRow(start, true).setReversed(true)
            : firstKeys().withStartRow(start).withStopRow(stop);
    try (ResultScanner s = minutes.getScanner(scan.setLimit(1).setCaching(1))) {
      Result r = s.next();
      return r == null ? Optional.empty() : Optional.of(RowKey.fromBytes(r.getRow()).epochSecond());
    }
  }

  @Override
  public List<Bucket> aggregates(Step step, String topic, long from, long to) {
    return read(() -> reader.aggregates(step, topic, from, to));
  }

  @Override
  public List<Extremes> extremes(String topic, long from, long to) {
    return read(() -> reader.extremes(topic, from, to));
  }

  @Override
  public void ping() {
    read(this::scanOneRow);
  }

  private Void scanOneRow() throws IOException {
    try (Table t = table(HBaseLayout.aggregatesTable(Step.DAY));
        ResultScanner s = t.getScanner(firstKeys().setLimit(1).setCaching(1))) {
      s.next();
    }
    return null;
  }

  /** A scan that returns only the first cell of each row, without its value. */
  private static Scan firstKeys() {
    return new Scan().setFilter(new FilterList(new FirstKeyOnlyFilter(), new KeyOnlyFilter()));
  }

  private interface Read<T> {
    T get() throws IOException;
  }

  /**
   * Runs a read, turning HBase failures into {@link StoreUnavailableException}: IOExceptions, and
   * the RuntimeExceptions wrapping them that a ResultScanner's iterator throws.
   */
  private static <T> T read(Read<T> r) {
    try {
      return r.get();
    } catch (IOException e) {
      throw unavailable(e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException io) {
        throw unavailable(io);
      }
      throw e;
    }
  }

  private Table table(String name) throws IOException {
    return connection.getTable(TableName.valueOf(layout.qualified(name)));
  }

  private static StoreUnavailableException unavailable(IOException e) {
    return new StoreUnavailableException(
        "HBase is unreachable: " + e.getClass().getSimpleName(), e);
  }
}
