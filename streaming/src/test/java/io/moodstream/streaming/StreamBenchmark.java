package io.moodstream.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.broker.KafkaBroker;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.Author;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import io.moodstream.schema.kafka.KafkaTopics;
import io.moodstream.storage.HBaseClients;
import io.moodstream.storage.testing.MiniHBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Benchmark (not a test): the job on local[2] with a real broker and HBase mini cluster on this
 * machine. Phase 1: sustained posts/s over a pre-loaded backlog (--until-caught-up). Phase 2: the
 * Kafka-append → HBase-row-updated latency at a paced rate. Run with streaming/bench/run.sh.
 *
 * <p>Arguments: [backlog posts, default 1000000] [rate posts/s, default 10000] [seconds, default
 * 60].
 */
public final class StreamBenchmark {
  private static final String[] PARTS = {
    "I love this",
    "what a great day",
    "this is awful",
    "so disappointed with the update",
    "the match starts at eight",
    "honestly not bad",
    "worst customer service ever",
    "amazing performance by the team",
    "meh, whatever",
    "can't believe how good this is",
    "traffic is terrible again",
    "thanks everyone for the support!",
    "new phone who dis",
    "I hate waiting in line",
    "beautiful sunset tonight :)",
    "the report is due friday",
    "absolutely fantastic news!!!",
    "feeling sad and tired",
    "lol that's hilarious",
    "ok"
  };
  private static final String[] TOPICS = {"apple", "pear", "fig", "kiwi", "plum"};

  private StreamBenchmark() {}

  public static void main(String[] args) throws Exception {
    int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    Path dir = Files.createTempDirectory("stream-bench");
    try (KafkaBroker kafka =
        KafkaBroker.start(KafkaBroker.Options.defaults(dir.resolve("kafka")))) {
      String bootstrap = kafka.bootstrapServers();
      ItSupport.createTopics(bootstrap, 4);
      MiniHBase.truncate(MiniHBase.layout());

      // ---- phase 1: throughput over a backlog
      Random random = new Random(7);
      Instant start = Instant.parse("2026-11-24T10:00:00Z");
      long t = System.nanoTime();
      try (KafkaProducer<String, String> p = producer(bootstrap)) {
        for (int i = 0; i < backlog; i++) {
          Instant at = start.plusMillis(i * 600_000L / backlog); // 10 minutes of event time
          p.send(new ProducerRecord<>(KafkaTopics.POSTS.name(), null, json("b" + i, at, random)));
        }
        p.flush();
      }
      System.out.printf("produced %,d posts in %.1f s%n", backlog, (System.nanoTime() - t) / 1e9);

      Map<String, String> env =
          ItSupport.env(
              bootstrap,
              dir.resolve("throughput"),
              Map.of(
                  StreamingConfig.SPARK_MASTER.envName(), "local[2]",
                  StreamingConfig.MAX_OFFSETS_PER_TRIGGER.envName(), "250000",
                  StreamingConfig.SHUFFLE_PARTITIONS.envName(), "2"));
      MoodstreamConfig c = ItSupport.config(env);
      SparkSession spark = StreamJob.session(c);
      Batches posts = new Batches();
      spark.streams().addListener(posts);
      t = System.nanoTime();
      try (StreamJob job = new StreamJob(spark, c, HBaseClients.connect(c))) {
        job.start(true);
        job.runUntilStopped(dir.resolve("stop").toString(), () -> false);
      }
      double wall = (System.nanoTime() - t) / 1e9;
      long rows = posts.rows.get();
      double busy = posts.busyMs.get() / 1e3;
      double steady = (posts.lastEndMs - posts.firstEndMs) / 1e3;
      System.out.printf(
          "THROUGHPUT: %,d posts caught up in %.1f s wall (incl. start) = %,.0f posts/s;"
              + " posts query busy %.1f s = %,.0f posts/s; batches %d;"
              + " sustained after the first batch: %,d posts in %.1f s = %,.0f posts/s%n",
          rows,
          wall,
          rows / wall,
          busy,
          rows / busy,
          posts.batches.get(),
          rows - posts.firstRows,
          steady,
          (rows - posts.firstRows) / steady);
      spark.streams().removeListener(posts);

      // ---- phase 2: latency at a paced rate, trigger 0s
      Map<String, String> env2 =
          ItSupport.env(
              bootstrap,
              dir.resolve("latency"),
              Map.of(
                  StreamingConfig.SPARK_MASTER.envName(), "local[2]",
                  StreamingConfig.TRIGGER_INTERVAL.envName(), "0s",
                  StreamingConfig.STARTING_OFFSETS.envName(), "latest"));
      MoodstreamConfig c2 = ItSupport.config(env2);
      Batches live = new Batches();
      spark.streams().addListener(live);
      StreamJob job = new StreamJob(spark, c2, HBaseClients.connect(c2));
      job.start(false);
      Thread.sleep(15_000); // queries up and warmed at the latest offsets
      Map<Integer, List<long[]>> sent = new ConcurrentHashMap<>(); // partition -> [offset, ts]
      try (KafkaProducer<String, String> p = producer(bootstrap)) {
        long begin = System.nanoTime();
        long n = 0;
        long total = (long) rate * seconds;
        while (n < total) {
          long due = (long) ((System.nanoTime() - begin) / 1e9 * rate);
          for (; n < Math.min(due, total); n++) {
            p.send(
                new ProducerRecord<>(
                    KafkaTopics.POSTS.name(), null, json("l" + n, Instant.now(), random)),
                (md, e) -> {
                  if (e == null) {
                    sent.computeIfAbsent(md.partition(), k -> new CopyOnWriteArrayList<>())
                        .add(new long[] {md.offset(), md.timestamp()});
                  }
                });
          }
          Thread.sleep(1);
        }
        p.flush();
        System.out.printf("sent %,d posts in %.1f s%n", total, (System.nanoTime() - begin) / 1e9);
      }
      Thread.sleep(10_000);
      job.stopGracefully();
      job.close();

      List<Long> latencies = new ArrayList<>();
      for (Map.Entry<Integer, List<long[]>> e : sent.entrySet()) {
        for (long[] r : e.getValue()) {
          Long done = live.firstCommitCovering(e.getKey(), r[0]);
          if (done != null) {
            latencies.add(done - r[1]);
          }
        }
      }
      long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          "LATENCY at %,d posts/s for %d s (Kafka append -> batch with HBase rows committed),"
              + " %,d posts: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms; mean batch %d ms%n",
          rate,
          seconds,
          l.length,
          pct(l, 50),
          pct(l, 90),
          pct(l, 99),
          l.length == 0 ? -1 : l[l.length - 1],
          live.batches.get() == 0 ? 0 : live.busyMs.get() / live.batches.get());
      spark.stop();
    }
    System.exit(0);
  }

  /**
   * A producer set up as ingest's defaults ({@code ingest.kafka.compression=lz4}, {@code
   * batch.size} 256 KiB, {@code linger} 20 ms): that is how posts reach the job.
   */
  private static KafkaProducer<String, String> producer(String bootstrap) {
    return ItSupport.producer(
        bootstrap,
        Map.of(
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4",
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.LINGER_MS_CONFIG,
            20));
  }

  private static long pct(long[] sorted, int p) {
    return sorted.length == 0
        ? -1
        : sorted[(int) Math.min(sorted.length - 1, (long) sorted.length * p / 100)];
  }

  static String json(String id, Instant at, Random r) {
    StringBuilder text = new StringBuilder();
    int parts = 1 + r.nextInt(4);
    for (int i = 0; i < parts; i++) {
      text.append(i == 0 ? "" : ", ").append(PARTS[r.nextInt(PARTS.length)]);
    }
    List<String> topics = new ArrayList<>(List.of(PostEvent.ALL, TOPICS[r.nextInt(TOPICS.length)]));
    return new String(
        EventJson.toJson(
            new PostEvent(
                id,
                Source.SYNTHETIC,
                at,
                text.toString(),
                "en",
                new Author("a" + r.nextInt(10_000), "user" + r.nextInt(10_000)),
                topics,
                null)),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Progress of the posts query: rows, busy time, and when each end offset was committed. */
  static final class Batches extends StreamingQueryListener {
    final AtomicLong rows = new AtomicLong();
    final AtomicLong busyMs = new AtomicLong();
    final AtomicLong batches = new AtomicLong();

    /** Rows of the first batch (warm-up: JIT, code generation) and when it and the last ended. */
    volatile long firstRows;

    volatile long firstEndMs;
    volatile long lastEndMs;

    /** partition -> list of [endOffset, commit wall time ms], in batch order. */
    final Map<Integer, List<long[]>> commits = new ConcurrentHashMap<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      long now = System.currentTimeMillis();
      StreamingQueryProgress p = event.progress();
      if (!StreamJob.POSTS.equals(p.name()) || p.numInputRows() == 0) {
        return;
      }
      rows.addAndGet(p.numInputRows());
      if (batches.get() == 0) {
        firstRows = p.numInputRows();
        firstEndMs = now;
      }
      lastEndMs = now;
      busyMs.addAndGet(p.durationMs().getOrDefault("triggerExecution", 0L));
      batches.incrementAndGet();
      try {
        JsonNode end = JSON.readTree(p.sources()[0].endOffset()).get(KafkaTopics.POSTS.name());
        end.fields()
            .forEachRemaining(
                f ->
                    commits
                        .computeIfAbsent(
                            Integer.parseInt(f.getKey()), k -> new CopyOnWriteArrayList<>())
                        .add(new long[] {f.getValue().asLong(), now}));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** When the first batch whose end offset passes {@code offset} committed, or null. */
    Long firstCommitCovering(int partition, long offset) {
      for (long[] c : commits.getOrDefault(partition, List.of())) {
        if (c[0] > offset) {
          return c[1];
        }
      }
      return null;
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}
  }
}
