package io.moodstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.util.CollectionAccumulator;
import org.junit.jupiter.api.Test;
import scala.Tuple3;

/** One input partition folded into partial states, without Spark. */
class PartialBucketsTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void oneStatePerTopicAndMinuteWithItsLatestPostTimeAndEveryPostCounted() {
    List<String> posts =
        List.of(
            MoodTransformTest.post("a", T0.plusSeconds(5), "I love it", "en", "apple"),
            MoodTransformTest.post("b", T0.plusSeconds(59), "awful", "en", "apple", "pear"),
            MoodTransformTest.post("c", T0.plusSeconds(12), "fine", "en"),
            MoodTransformTest.post("d", T0.plusSeconds(60), "great!", "en", "pear"),
            MoodTransformTest.post("e", T0.plusSeconds(61), "hola", "es", "pear"));
    SideOutputs side =
        new SideOutputs(new CollectionAccumulator<>(), new CollectionAccumulator<>());
    List<byte[]> in = new ArrayList<>();
    posts.forEach(p -> in.add(bytes(p)));
    in.add(bytes("{\"broken"));

    Map<String, Tuple3<String, Timestamp, BucketState>> out = new HashMap<>();
    new PartialBuckets(5, side)
        .call(in.iterator())
        .forEachRemaining(t -> out.put(t._1() + "@" + t._2().toInstant(), t));

    // keyed by topic and the latest createdAt of the partial, which lies in its minute
    assertThat(out.keySet())
        .containsExactlyInAnyOrder(
            "all@" + T0.plusSeconds(59),
            "apple@" + T0.plusSeconds(59),
            "pear@" + T0.plusSeconds(59),
            "all@" + T0.plusSeconds(61),
            "pear@" + T0.plusSeconds(61));
    assertThat(out.get("all@" + T0.plusSeconds(59))._3().aggregate().count()).isEqualTo(3);
    assertThat(out.get("apple@" + T0.plusSeconds(59))._3().aggregate().count()).isEqualTo(2);
    BucketState pearNext = out.get("pear@" + T0.plusSeconds(61))._3();
    assertThat(pearNext.aggregate().count()).isEqualTo(2);
    assertThat(pearNext.aggregate().scored()).isEqualTo(1); // Spanish counts in volume only
    assertThat(pearNext.mostPositive(5, Set.of())).extracting(p -> p.id()).containsExactly("d");

    // the same state as adding the posts one by one
    BucketState apple = new BucketState();
    for (String p : posts.subList(0, 2)) {
      apple.add(PostParsing.score(EventJson.parsePost(p).orThrow()), 5);
    }
    assertThat(out.get("apple@" + T0.plusSeconds(59))._3().toBytes()).isEqualTo(apple.toBytes());

    SideOutputs.Batch batch = side.drain();
    assertThat(batch.postsPerMinute())
        .containsExactly(
            Map.entry(T0.getEpochSecond(), 3L), Map.entry(T0.getEpochSecond() + 60, 2L));
    assertThat(batch.deadLetters()).hasSize(1);
    DeadLetter d = EventJson.parseDeadLetter(batch.deadLetters().get(0)).orThrow();
    assertThat(d.raw()).isEqualTo("{\"broken");
    assertThat(d.source()).isEqualTo(PostParsing.STAGE);
    assertThat(side.drain().deadLetters()).as("drained").isEmpty();
  }

  @Test
  void lateArePostsOfEveryMinuteThatEndedByTheWatermark() {
    long m = T0.getEpochSecond();
    Map<Long, Long> perMinute = Map.of(m, 3L, m + 60, 5L, m + 120, 7L);
    assertThat(SideOutputs.latePosts(perMinute, 0)).isZero();
    assertThat(SideOutputs.latePosts(perMinute, (m + 60) * 1000 - 1)).isZero();
    assertThat(SideOutputs.latePosts(perMinute, (m + 60) * 1000)).isEqualTo(3); // end ≤ watermark
    assertThat(SideOutputs.latePosts(perMinute, (m + 179) * 1000)).isEqualTo(8);
    assertThat(SideOutputs.latePosts(perMinute, (m + 180) * 1000)).isEqualTo(15);
  }
}
