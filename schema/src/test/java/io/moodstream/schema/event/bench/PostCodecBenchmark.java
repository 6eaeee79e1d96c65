package io.moodstream.schema.event.bench;

import io.moodstream.schema.event.Author;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.ParseResult;
import io.moodstream.schema.event.PostCodec;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost per post of each form of the record on {@code moodstream.posts}: what the job pays to
 * read it ({@code parse*}: {@link PostCodec#parse}, which dispatches on the first byte) and what
 * ingest pays to write it ({@code write*}). One operation = one post of 4,096 generated tweet-like
 * posts (fixed seed): 3–40 words with emoji, 1–3 topics, a language, half with a URL. Not a {@code
 * *Test}: never part of the suite (schema/README.md, "Benchmark").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PostCodecBenchmark {
  private static final int POSTS = 4096;
  private static final String[] WORDS = {
    "I",
    "love",
    "the",
    "new",
    "apple",
    "keyboard",
    "😍",
    "climate",
    "news",
    "is",
    "terrible",
    "meh",
    "game",
    "tonight",
    "#worldcup",
    "so",
    "happy",
    "not",
    "bad",
    "café",
    "😂",
    "@someone",
    "really",
    "AMAZING",
    "!!!",
    "but",
    "awful",
    "weather",
    "coffee",
    "☕",
    "election",
    "day",
    "vote"
  };

  private PostEvent[] posts;
  private byte[][] json;
  private byte[][] binary;
  private int i;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(16);
    posts = new PostEvent[POSTS];
    json = new byte[POSTS][];
    binary = new byte[POSTS][];
    Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
    for (int n = 0; n < POSTS; n++) {
      StringBuilder text = new StringBuilder();
      for (int w = 3 + r.nextInt(38); w > 0; w--) {
        text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
      }
      List<String> topics = new ArrayList<>(List.of("all"));
      for (int t = r.nextInt(3); t > 0; t--) {
        topics.add(WORDS[r.nextInt(WORDS.length)].toLowerCase(java.util.Locale.ROOT));
      }
      String id = Long.toString(1_700_000_000_000_000_000L + n);
      String user = Integer.toString(1000 + r.nextInt(5000));
      posts[n] =
          new PostEvent(
              id,
              Source.REPLAY,
              t0.plusMillis(r.nextInt(1_800_000)),
              text.toString().trim(),
              "en",
              new Author(user, "u" + user),
              topics,
              n % 2 == 0 ? "https://twitter.com/u" + user + "/status/" + id : null);
      json[n] = EventJson.toJson(posts[n]);
      binary[n] = PostCodec.encode(posts[n]);
    }
  }

  private int next() {
    i = (i + 1) & (POSTS - 1);
    return i;
  }

  @Benchmark
  public ParseResult<PostEvent> parseJson() {
    return PostCodec.parse(json[next()]);
  }

  @Benchmark
  public ParseResult<PostEvent> parseBinary() {
    return PostCodec.parse(binary[next()]);
  }

  @Benchmark
  public byte[] writeJson() {
    return EventJson.toJson(posts[next()]);
  }

  @Benchmark
  public byte[] writeBinary() {
    return PostCodec.encode(posts[next()]);
  }
}
