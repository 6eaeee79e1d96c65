package io.moodstream.rest.bench;

import io.moodstream.rest.RestServer;
import io.moodstream.rest.RestServices;
import io.moodstream.rest.TestSettings;
import io.moodstream.rest.store.HBaseBucketStore;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.testing.BucketWriter;
import io.moodstream.storage.testing.MiniHBase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;

/**
 * The benchmark's server (test scope, run by rest/bench/run.sh): an HBase mini cluster seeded
 * through BucketWriter with {@code days} of minute buckets (plus hour and day rollups) for 5 topics
 * up to the current minute, then the REST service on {@code port} over it, until killed. Prints
 * {@code READY <port>} when it can be measured.
 */
public final class BenchServer {
  public static final List<String> TOPICS =
      List.of("topic1", "topic2", "topic3", "topic4", "topic5");

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18080;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Connection connection = MiniHBase.connection();
    HBaseLayout layout = MiniHBase.layout();
    long t0 = System.nanoTime();
    long rows = seed(connection, layout, days, Instant.now());
    // as in production, where all but the latest minutes live in flushed, compacted HFiles
    try (Admin admin = connection.getAdmin()) {
      for (HBaseLayout.TableSpec t : layout.tables()) {
        TableName name = TableName.valueOf(layout.qualified(t.name()));
        admin.flush(name);
        admin.majorCompact(name);
      }
    }
    System.out.printf(
        "seeded %d rows (%d days x %d topics) in %.1f s%n",
        rows, days, TOPICS.size(), (System.nanoTime() - t0) / 1e9);
    RestServer server =
        RestServer.start(
            RestServices.create(
                new HBaseBucketStore(connection, layout),
                TestSettings.of(
                        "rest.live.poll.interval", "1s",
                        "rest.ratelimit.score", "0",
                        "rest.ratelimit.expensive", "0")
                    .withPort(port),
                Clock.systemUTC()));
    System.out.println("READY " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }

  /** Minutes of the last {@code days} up to now, with their hour and day rollups. */
  static long seed(Connection c, HBaseLayout layout, int days, Instant now) throws Exception {
    long end = Step.MINUTE.alignDown(now.getEpochSecond());
    long start = Step.DAY.alignDown(end - days * 86_400L);
    long rows = 0;
    SplittableRandom random = new SplittableRandom(42);
    try (BucketWriter w = new BucketWriter(c, layout)) {
      for (String topic : TOPICS) {
        Aggregate hour = Aggregate.EMPTY;
        Aggregate day = Aggregate.EMPTY;
        for (long m = start; m <= end; m += 60) {
          Aggregate a = Aggregate.ofUnscored();
          int n = 5 + random.nextInt(40);
          for (int i = 0; i < n; i++) {
            a = a.merge(Aggregate.ofScored(Math.round((random.nextDouble() * 2 - 1) * 1e4) / 1e4));
          }
          w.aggregate(Step.MINUTE, topic, m, a);
          rows++;
          hour = hour.merge(a);
          day = day.merge(a);
          if ((m + 60) % 3_600 == 0 || m == end) {
            w.aggregate(Step.HOUR, topic, Step.HOUR.alignDown(m), hour);
            hour = Aggregate.EMPTY;
            rows++;
          }
          if ((m + 60) % 86_400 == 0 || m == end) {
            w.aggregate(Step.DAY, topic, Step.DAY.alignDown(m), day);
            day = Aggregate.EMPTY;
            rows++;
          }
        }
      }
      w.flush();
    }
    return rows;
  }
}
