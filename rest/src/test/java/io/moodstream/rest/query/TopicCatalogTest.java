package io.moodstream.rest.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.rest.InMemoryBucketStore;
import io.moodstream.rest.MutableClock;
import io.moodstream.rest.Seed;
import io.moodstream.schema.hbase.Step;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {
  final InMemoryBucketStore store = new InMemoryBucketStore();
  final MutableClock clock = new MutableClock(Seed.NOW);
  final TopicCatalog catalog = new TopicCatalog(store, clock);

  TopicCatalogTest() {
    Seed.day(store);
  }

  @Test
  void aStaleListIsAnsweredAtOnceAndRefreshedInTheBackground() throws Exception {
    assertThat(catalog.topics()).extracting(t -> t.topic()).containsExactly("all", "apple");
    store.put(Step.MINUTE, "kiwi", Seed.LAST, Seed.minute(Seed.LAST, 1));
    clock.now = clock.now.plus(TopicCatalog.MAX_AGE).plusSeconds(1);
    assertThat(catalog.topics()).hasSize(2); // stale, while the refresh runs
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (catalog.topics().size() != 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(catalog.topics()).extracting(t -> t.topic()).containsExactly("all", "apple", "kiwi");
  }

  @Test
  void anUnknownTopicIsLookedUpAgainAtMostOnceASecond() {
    catalog.topics();
    store.put(Step.MINUTE, "kiwi", Seed.LAST, Seed.minute(Seed.LAST, 1));
    assertThatThrownBy(() -> catalog.validate(List.of("kiwi"), 5))
        .isInstanceOf(BadParameterException.class)
        .hasMessageContaining("unknown topic 'kiwi'");
    clock.now = clock.now.plus(TopicCatalog.MISS_REFRESH).plusMillis(1);
    assertThat(catalog.validate(List.of("kiwi", "kiwi", "apple"), 5))
        .containsExactly("kiwi", "apple");
  }
}
