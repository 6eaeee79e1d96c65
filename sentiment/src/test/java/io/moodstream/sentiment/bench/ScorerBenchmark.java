package io.moodstream.sentiment.bench;

import io.moodstream.sentiment.Scores;
import io.moodstream.sentiment.SentimentScorer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-post throughput of {@link SentimentScorer#score} over {@link TweetMix}: one operation is
 * one post, so ops/s is posts/s and gc.alloc.rate.norm (with -prof gc) is bytes per post. Run with
 * the command in sentiment/README.md ("Benchmark"); never part of the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScorerBenchmark {

  private static final int POSTS = 16_384; // power of two for the index mask

  private SentimentScorer scorer;
  private String[] posts;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    scorer = SentimentScorer.standard();
    posts = TweetMix.posts(POSTS, 20240601L);
  }

  @Benchmark
  public Scores scoreOnePost() {
    String post = posts[next];
    next = (next + 1) & (POSTS - 1);
    return scorer.score(post);
  }
}
