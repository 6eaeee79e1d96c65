package io.moodstream.ingest.bench;

import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.ingest.source.replay.FastLineParser;
import io.moodstream.ingest.source.replay.LineOutcome;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.ParseResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of one thread per post on the two paths every post takes: ingest's replay path (the fast
 * v1.1 parser, then {@link Ingestor#post}, which applies the post rules and matches topics) and the
 * streaming job's parse of the event it produced ({@link EventJson#parsePost}). Thread CPU time,
 * not wall time, so a loaded machine blurs it less than the replay benchmark (bench helper, not a
 * test). Run on the benchmark's file after {@code replay-benchmark.sh} built it:
 *
 * <pre>
 * cd ingest && java -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
 *   io.moodstream.ingest.bench.PostPathCpu target/bench/v1-statuses-300000.json
 * </pre>
 */
public final class PostPathCpu {
  private static final int EVENTS = 200_000;

  private PostPathCpu() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<byte[]> lines = new ArrayList<>();
    for (String l : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      lines.add(l.getBytes(StandardCharsets.UTF_8));
    }
    List<byte[]> events = new ArrayList<>();
    Ingestor in =
        BenchIngestor.replay(
            p -> {
              if (events.size() < EVENTS) {
                events.add(EventJson.toJson(p));
              }
            },
            new Metrics());
    FastLineParser parser = new FastLineParser();
    for (int rep = 0; rep < 5; rep++) { // the first reps warm the JIT up
      long posts = 0;
      long c0 = mx.getCurrentThreadCpuTime();
      for (byte[] b : lines) {
        if (parser.parse(b, 0, b.length) instanceof LineOutcome.AsPost p
            && in.post(p.post(), () -> "") != null) {
          posts++;
        }
      }
      long c1 = mx.getCurrentThreadCpuTime();
      long accepted = 0;
      for (byte[] e : events) {
        accepted += EventJson.parsePost(e) instanceof ParseResult.Accepted<?> ? 1 : 0;
      }
      long c2 = mx.getCurrentThreadCpuTime();
      System.out.printf(
          "rep %d: ingest %.2f us/post (%,d posts), job parse %.2f us/record (%,d accepted)%n",
          rep, (c1 - c0) / 1e3 / posts, posts, (c2 - c1) / 1e3 / events.size(), accepted);
    }
  }
}
