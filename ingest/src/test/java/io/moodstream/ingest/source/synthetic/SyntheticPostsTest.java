package io.moodstream.ingest.source.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.Metrics;
import io.moodstream.ingest.core.RecordingSink;
import io.moodstream.ingest.core.TopicMatcher;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticPostsTest {
  static final List<String> TOPICS = List.of("coffee", "climate change", "#worldcup");
  static final Instant FROM = Instant.parse("2026-11-24T00:00:00Z");
  static final Instant TO = Instant.parse("2026-11-24T06:00:00Z");

  private RecordingSink backfill(long seed, double rate) throws Exception {
    return backfill(seed, rate, false, FROM, TO);
  }

  private RecordingSink backfill(long seed, double rate, boolean steady, Instant from, Instant to)
      throws Exception {
    RecordingSink sink = new RecordingSink();
    TopicMatcher m = TopicMatcher.of(TOPICS);
    new SyntheticSource(
            new SyntheticPosts(seed, m.topics()), rate, steady, from, to, 0, Clock.systemUTC())
        .run(
            new Ingestor(Source.SYNTHETIC, m, sink, new Metrics(), Clock.systemUTC()),
            new Lifecycle());
    return sink;
  }

  @Test
  void theSameSeedGivesTheSamePosts() throws Exception {
    RecordingSink a = backfill(7, 2);
    RecordingSink b = backfill(7, 2);
    RecordingSink c = backfill(8, 2);
    assertThat(a.posts).isNotEmpty().isEqualTo(b.posts);
    assertThat(a.posts).isNotEqualTo(c.posts);
  }

  @Test
  void aSteadySourceRunsAtItsRateWhereTheDayWouldRaiseIt() throws Exception {
    Instant from = Instant.parse("2026-11-24T14:00:00Z");
    Instant to = Instant.parse("2026-11-24T15:00:00Z");
    int steady = events(backfill(3, 5, true, from, to));
    int shaped = events(backfill(3, 5, false, from, to));
    // 5/s for an hour is 18,000 events (Poisson: sd ~134); the afternoon's factor is ~1.6
    assertThat(steady).isBetween(17_500, 18_500);
    assertThat(shaped).isGreaterThan(steady * 13 / 10);
  }

  private static int events(RecordingSink s) {
    return s.posts.size() + s.deletes.size();
  }

  @Test
  void aBackfillStaysInsideItsWindowWithUniqueIds() throws Exception {
    RecordingSink s = backfill(1, 5);
    // ~5/s over 6 h, times the diurnal factor at night (0.4–1.0)
    assertThat(s.posts.size()).isBetween(20_000, 120_000);
    assertThat(s.posts).allMatch(p -> !p.createdAt().isBefore(FROM) && p.createdAt().isBefore(TO));
    assertThat(s.posts.stream().map(PostEvent::id).distinct().count()).isEqualTo(s.posts.size());
    assertThat(s.deletes).isNotEmpty();
  }

  @Test
  void postsLookLikeSocialMedia() throws Exception {
    List<PostEvent> posts = backfill(3, 2).posts;
    double n = posts.size();
    long topical = posts.stream().filter(p -> p.topics().size() > 1).count();
    long foreign = posts.stream().filter(p -> !"en".equals(p.lang())).count();
    long rts = posts.stream().filter(p -> p.text().startsWith("RT @")).count();
    long urls = posts.stream().filter(p -> p.text().contains("https://t.co/")).count();
    long mentions = posts.stream().filter(p -> p.text().contains("@")).count();
    long negations = posts.stream().filter(p -> p.text().matches(".*\\b(not|don't)\\b.*")).count();
    long emoji =
        posts.stream().filter(p -> p.text().codePoints().anyMatch(cp -> cp > 0x2000)).count();
    assertThat(topical / n).isBetween(0.6, 0.95);
    assertThat(foreign / n).isBetween(0.05, 0.2);
    assertThat(rts / n).isBetween(0.04, 0.12);
    assertThat(urls / n).isBetween(0.1, 0.2);
    assertThat(mentions / n).isGreaterThan(0.2);
    assertThat(negations / n).isGreaterThan(0.05);
    assertThat(emoji / n).isGreaterThan(0.3);
    Map<String, Long> byTopic =
        posts.stream()
            .flatMap(p -> p.topics().stream())
            .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
    assertThat(byTopic.keySet()).contains("all", "coffee", "climate change", "#worldcup");
  }

  @Test
  void liveModeStampsPostsWithNowAndStopsAtTheCount() throws Exception {
    RecordingSink sink = new RecordingSink();
    TopicMatcher m = TopicMatcher.of(TOPICS);
    Instant before = Instant.now();
    // the rate of this hour: 2000/s times the diurnal factor and any burst of seed 9 (up to ~16x)
    SyntheticPosts posts = new SyntheticPosts(9, m.topics());
    double expected = 500 / (2000 * posts.volume(before));
    long t0 = System.nanoTime();
    new SyntheticSource(posts, 2000, false, null, null, 500, Clock.systemUTC())
        .run(
            new Ingestor(Source.SYNTHETIC, m, sink, new Metrics(), Clock.systemUTC()),
            new Lifecycle());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(sink.posts.size() + sink.deletes.size()).isEqualTo(500);
    assertThat(sink.posts)
        .allMatch(
            p ->
                !p.createdAt().isBefore(before.minusSeconds(1))
                    && !p.createdAt().isAfter(Instant.now()));
    // paced (not as fast as the sink takes them), and well under 5 s
    assertThat(seconds).isBetween(expected / 4, 5.0);
  }

  @Test
  void theLogNamesEachTopicWithItsBaseMood() {
    assertThat(new SyntheticPosts(42, List.of("coffee", "ai")).describe())
        .isEqualTo("coffee (base mood +0.22), ai (base mood -0.27)");
  }

  @Test
  void volumeFollowsTheDayAndMoodStaysInRange() {
    SyntheticPosts p = new SyntheticPosts(42, TOPICS);
    double night = p.volume(Instant.parse("2026-11-24T03:00:00Z"));
    double afternoon = p.volume(Instant.parse("2026-11-24T15:00:00Z"));
    assertThat(afternoon).isGreaterThan(night * 2);
    for (int h = 0; h < 24 * 7; h++) {
      double mood = p.mood(0, FROM.plusSeconds(h * 3600L));
      assertThat(mood).isBetween(-1.0, 1.0);
    }
  }

  @Test
  void burstsSpikeVolumeAndShiftMood() {
    SyntheticPosts p = new SyntheticPosts(42, TOPICS);
    // find a burst in the first week and compare inside with just before it
    for (long w = FROM.getEpochSecond(); w < FROM.getEpochSecond() + 7 * 86400; w += 6 * 3600) {
      SyntheticPosts.Burst b = p.burst(0, w);
      if (b != null) {
        Instant in = Instant.ofEpochSecond(b.startS() + 60);
        Instant before = Instant.ofEpochSecond(b.startS() - 1);
        assertThat(p.volume(in)).isGreaterThan(p.volume(before) * 1.1);
        assertThat(Math.abs(p.mood(0, in) - p.mood(0, before))).isGreaterThan(0.2);
        return;
      }
    }
    throw new AssertionError("no burst of topic 0 in a week");
  }
}
