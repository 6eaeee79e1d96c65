package io.moodstream.ingest.bench;

import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.ingest.kafka.KafkaEventSink;
import io.moodstream.ingest.source.replay.ReplaySource;
import io.moodstream.schema.event.PostEvent;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Where replay time goes without Kafka: parse + match, plus writing each post's record when args[1]
 * is {@code json} or {@code binary} (the two values of {@code ingest.kafka.post.format}).
 */
public final class StageTiming {
  public static void main(String[] args) throws Exception {
    Function<PostEvent, byte[]> format =
        args.length > 1 ? KafkaEventSink.postFormat(args[1]) : post -> new byte[0];
    long[] bytes = {0};
    for (int rep = 0; rep < 3; rep++) {
      Metrics m = new Metrics();
      Ingestor in = BenchIngestor.replay(post -> bytes[0] += format.apply(post).length, m);
      long t0 = System.nanoTime();
      new ReplaySource(
              List.of(Path.of(args[0])),
              0,
              0,
              "fast",
              false,
              new PrintStream(OutputStream.nullOutputStream()),
              0,
              false)
          .run(in, new Lifecycle());
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%,d posts in %.2f s = %,.0f/s (record bytes %,d)%n",
          m.get("replay", "posts"), s, m.get("replay", "posts") / s, bytes[0]);
    }
  }
}
