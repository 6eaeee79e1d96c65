package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.sentiment.bench.TweetMix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ScorerThreadSafetyTest {

  @Test
  void oneScorerSharedByFourThreadsGivesTheSameScoresAsOneThread() throws Exception {
    SentimentScorer scorer = SentimentScorer.standard();
    String[] posts = TweetMix.posts(5_000, 42);
    Scores[] expected = new Scores[posts.length];
    for (int i = 0; i < posts.length; i++) {
      expected[i] = scorer.score(posts[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Scores[]>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  Scores[] got = new Scores[posts.length];
                  for (int i = 0; i < posts.length; i++) {
                    got[i] = scorer.score(posts[i]);
                  }
                  return got;
                }));
      }
      for (Future<Scores[]> result : results) {
        assertThat(result.get()).containsExactly(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
