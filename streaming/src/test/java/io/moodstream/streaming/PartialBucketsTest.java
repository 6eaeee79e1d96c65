package io.moodstream.streaming;

import static io.moodstream.streaming.MoodTransformTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.Tuple5;

/** One input partition folded into partials and side rows, without Spark. */
class PartialBucketsTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final Timestamp APPENDED = Timestamp.from(T0.plusSeconds(3600));

  private static List<Tuple5<Integer, String, Long, Timestamp, byte[]>> fold(List<String> records) {
    List<Tuple2<byte[], Timestamp>> in = new ArrayList<>();
    records.forEach(r -> in.add(new Tuple2<>(r.getBytes(StandardCharsets.UTF_8), APPENDED)));
    List<Tuple5<Integer, String, Long, Timestamp, byte[]>> out = new ArrayList<>();
    new PartialBuckets(
            new StreamingConfig.Transform(Duration.ofMinutes(2), 5, Duration.ofMinutes(5)))
        .call(in.iterator())
        .forEachRemaining(out::add);
    return out;
  }

  @Test
  void onePartialPerTopicAndMinuteWithItsLatestPostTimeAndSideRowsWithoutEventTime() {
    List<String> posts =
        List.of(
            post("1", T0.plusSeconds(5), "I love it", "en", "apple"),
            post("2", T0.plusSeconds(59), "awful", "en", "apple", "pear"),
            post("3", T0.plusSeconds(12), "fine", "en"),
            post("4", T0.plusSeconds(60), "great!", "en", "pear"),
            post("5", T0.plusSeconds(61), "hola", "es", "pear"),
            post("1", T0.plusSeconds(5), "I love it", "en", "apple")); // the same post again
    List<String> in = new ArrayList<>(posts);
    in.add("{\"broken");
    in.add(post("6", Instant.parse("2100-01-01T00:00:00Z"), "from the future", "en"));

    Map<String, Partial> partials = new HashMap<>();
    Map<String, Timestamp> eventTimes = new HashMap<>();
    List<Tuple5<Integer, String, Long, Timestamp, byte[]>> side = new ArrayList<>();
    for (Tuple5<Integer, String, Long, Timestamp, byte[]> r : fold(in)) {
      if (r._1() == MoodTransform.PARTIAL) {
        String k = r._2() + "@" + (r._3() - T0.getEpochSecond());
        partials.put(k, Partial.decode(r._5()));
        eventTimes.put(k, r._4());
      } else {
        side.add(r);
      }
    }
    assertThat(partials.keySet())
        .containsExactlyInAnyOrder("all@0", "apple@0", "pear@0", "all@60", "pear@60");
    assertThat(eventTimes.get("all@0").toInstant()).isEqualTo(T0.plusSeconds(59));
    assertThat(eventTimes.get("pear@60").toInstant()).isEqualTo(T0.plusSeconds(61));
    Partial all = partials.get("all@0");
    assertThat(all.keys).containsExactly(1L, 2L, 3L); // sorted, the repeat once
    assertThat(all.repeats).isEqualTo(1);
    assertThat(partials.get("apple@0").size()).isEqualTo(2);
    Partial pearNext = partials.get("pear@60");
    assertThat(pearNext.units[1]).isEqualTo(BucketState.UNSCORED); // Spanish: volume only
    assertThat(pearNext.mostPositive()).extracting(BucketState.Candidate::id).containsExactly("4");

    // side rows: no event time (they never move the watermark), the side key
    assertThat(side).allSatisfy(r -> assertThat(r._4()).isNull());
    assertThat(side).allSatisfy(r -> assertThat(r._2()).isEmpty());
    assertThat(side)
        .extracting(Tuple5::_1)
        .containsExactly(
            MoodTransform.DEAD_LETTER, MoodTransform.FUTURE, MoodTransform.MINUTE_COUNTS);
    DeadLetter broken =
        EventJson.parseDeadLetter(new String(side.get(0)._5(), StandardCharsets.UTF_8)).orThrow();
    assertThat(broken.raw()).isEqualTo("{\"broken");
    assertThat(broken.source()).isEqualTo(PostParsing.STAGE);
    DeadLetter future =
        EventJson.parseDeadLetter(new String(side.get(1)._5(), StandardCharsets.UTF_8)).orThrow();
    assertThat(future.reason()).startsWith("future-created-at: ");
    // post records per minute, the repeat included
    assertThat(PartialBuckets.minuteCounts(side.get(2)._5()))
        .containsExactly(Map.entry(T0.getEpochSecond(), 4), Map.entry(T0.getEpochSecond() + 60, 2));
  }

  @Test
  void aPartialAddedToAnEmptyMinuteGivesTheStateOfAddingItsPostsOneByOne() {
    List<String> posts =
        List.of(
            post("a", T0.plusSeconds(5), "I love it", "en", "apple"),
            post("b", T0.plusSeconds(7), "awful", "en", "apple"),
            post("c", T0.plusSeconds(9), "hola", "es", "apple"));
    Partial apple = null;
    for (Tuple5<Integer, String, Long, Timestamp, byte[]> r : fold(posts)) {
      if (r._1() == MoodTransform.PARTIAL && r._2().equals("apple")) {
        apple = Partial.decode(r._5());
      }
    }
    MinuteState m = new MinuteState();
    m.add(List.of(apple), 5);
    BucketState oneByOne = new BucketState();
    for (String p : posts) {
      oneByOne.add(PostParsing.score(EventJson.parsePost(p).orThrow()), 5);
    }
    assertThat(m.bucket.toBytes()).isEqualTo(oneByOne.toBytes());
    assertThat(m.bucket.mostPositive(5, Set.of())).extracting(p -> p.id()).containsExactly("a");
  }

  @Test
  void anEmptyPartitionEmitsNothingAndAPartitionOfDeadLettersStillReportsItsCounts() {
    assertThat(fold(List.of())).isEmpty();
    List<Tuple5<Integer, String, Long, Timestamp, byte[]>> out = fold(List.of("nope"));
    assertThat(out)
        .extracting(Tuple5::_1)
        .containsExactly(MoodTransform.DEAD_LETTER, MoodTransform.MINUTE_COUNTS);
    assertThat(PartialBuckets.minuteCounts(out.get(1)._5())).isEmpty();
  }
}
