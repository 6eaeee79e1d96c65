package io.moodstream.sql.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringStartsWith;
import org.junit.jupiter.api.Test;

class KeyConstraintTest {
  static final Instant T = Instant.parse("2026-11-24T14:00:00Z");
  static final long S = T.getEpochSecond();

  static KeyConstraint of(Filter... f) {
    return KeyConstraint.of(View.AGG_1M, f);
  }

  @Test
  void topicEqualityAndInListNameTheTopics() {
    assertThat(of(new EqualTo("topic", "apple")).topics()).containsExactly("apple");
    assertThat(of(new EqualNullSafe("topic", "apple")).topics()).containsExactly("apple");
    assertThat(of(new In("topic", new Object[] {"b", "a", "b"})).topics())
        .containsExactly("a", "b");
    assertThat(of(new IsNotNull("topic"))).isEqualTo(KeyConstraint.ANY);
  }

  @Test
  void timeComparisonsBecomeAHalfOpenRangeOfWholeSeconds() {
    Timestamp t = Timestamp.from(T);
    assertThat(range(new GreaterThanOrEqual("bucket_start", t)))
        .containsExactly(S, KeyConstraint.END);
    assertThat(range(new GreaterThan("bucket_start", t))).containsExactly(S + 1, KeyConstraint.END);
    assertThat(range(new LessThan("bucket_start", t))).containsExactly(0L, S);
    assertThat(range(new LessThanOrEqual("bucket_start", t))).containsExactly(0L, S + 1);
    assertThat(range(new EqualTo("bucket_start", t))).containsExactly(S, S + 1);
  }

  @Test
  void subSecondBoundsRoundTowardsTheMatchingSeconds() {
    Instant half = T.plusMillis(500);
    assertThat(range(new GreaterThanOrEqual("bucket_start", half)))
        .containsExactly(S + 1, KeyConstraint.END);
    assertThat(range(new GreaterThan("bucket_start", half)))
        .containsExactly(S + 1, KeyConstraint.END);
    assertThat(range(new LessThan("bucket_start", half))).containsExactly(0L, S + 1);
    assertThat(range(new LessThanOrEqual("bucket_start", half))).containsExactly(0L, S + 1);
    assertThat(of(new EqualTo("bucket_start", half)).isEmpty()).isTrue();
  }

  @Test
  void betweenIsTwoComparisonsAndTheyIntersect() {
    KeyConstraint c =
        of(
            new EqualTo("topic", "apple"),
            new GreaterThanOrEqual("bucket_start", T),
            new LessThanOrEqual("bucket_start", T.plusSeconds(3600)));
    assertThat(c.topics()).containsExactly("apple");
    assertThat(List.of(c.from(), c.to())).containsExactly(S, S + 3601);
    assertThat(c.describe())
        .isEqualTo("topics=[apple] time=[2026-11-24T14:00:00Z, 2026-11-24T15:00:01Z)");
  }

  @Test
  void describeSaysAnyForWhatIsNotNarrowedAndEndForAnOpenRange() {
    assertThat(KeyConstraint.ANY.describe()).isEqualTo("topics=any time=any");
    assertThat(of(new GreaterThan("bucket_start", T)).describe())
        .isEqualTo("topics=any time=[2026-11-24T14:00:01Z, end)");
    assertThat(of(new LessThan("bucket_start", T)).describe())
        .isEqualTo("topics=any time=[1970-01-01T00:00:00Z, 2026-11-24T14:00:00Z)");
    assertThat(
            new KeyConstraint(null, S, KeyConstraint.END, Set.of("negative", "positive"))
                .describe())
        .isEqualTo("topics=any time=[2026-11-24T14:00:00Z, end) polarity=[negative, positive]");
  }

  @Test
  void orKeepsTheUnionOfTopicsAndTheHullOfRanges() {
    KeyConstraint c =
        of(
            new Or(
                new And(new EqualTo("topic", "a"), new LessThan("bucket_start", T)),
                new And(
                    new EqualTo("topic", "b"),
                    new GreaterThanOrEqual("bucket_start", T.plusSeconds(60)))));
    assertThat(c.topics()).containsExactly("a", "b");
    assertThat(List.of(c.from(), c.to())).containsExactly(0L, KeyConstraint.END);
    // an OR with an unconstrained side constrains nothing
    assertThat(of(new Or(new EqualTo("topic", "a"), new EqualTo("count", 3L))).topics()).isNull();
  }

  @Test
  void contradictionsAndImpossibleTopicsMatchNothing() {
    assertThat(of(new EqualTo("topic", "a"), new EqualTo("topic", "b")).isEmpty()).isTrue();
    assertThat(of(new EqualTo("topic", "")).isEmpty()).isTrue();
    assertThat(of(new EqualTo("topic", "x".repeat(256))).isEmpty()).isTrue();
    assertThat(of(new EqualTo("topic", "a\0b")).isEmpty()).isTrue();
    assertThat(of(new GreaterThan("bucket_start", T), new LessThan("bucket_start", T)).isEmpty())
        .isTrue();
    assertThat(of(new LessThan("bucket_start", Instant.parse("1969-12-31T00:00:00Z"))).isEmpty())
        .isTrue();
  }

  @Test
  void filtersItCannotUseLeaveItUnconstrained() {
    assertThat(of(new Not(new EqualTo("topic", "a")))).isEqualTo(KeyConstraint.ANY);
    assertThat(of(new StringStartsWith("topic", "a"))).isEqualTo(KeyConstraint.ANY);
    assertThat(of(new GreaterThan("count", 10L))).isEqualTo(KeyConstraint.ANY);
    assertThat(of(new EqualTo("topic", 3))).isEqualTo(KeyConstraint.ANY);
    assertThat(of(new GreaterThan("bucket_start", "2026-11-24"))).isEqualTo(KeyConstraint.ANY);
    assertThat(KeyConstraint.narrows(View.AGG_1M, new GreaterThan("count", 10L))).isFalse();
    assertThat(KeyConstraint.narrows(View.AGG_1M, new EqualTo("topic", "a"))).isTrue();
  }

  @Test
  void extremesUseTheMinuteColumnAndPolarity() {
    KeyConstraint c =
        KeyConstraint.of(
            View.EXTREMES_1M,
            new Filter[] {
              new EqualTo("polarity", "negative"), new GreaterThanOrEqual("minute", T)
            });
    assertThat(c.polarities()).isEqualTo(Set.of("negative"));
    assertThat(c.from()).isEqualTo(S);
    assertThat(
            KeyConstraint.of(View.EXTREMES_1M, new Filter[] {new EqualTo("polarity", "meh")})
                .isEmpty())
        .isTrue();
    // bucket_start is not a column of extremes_1m, polarity not one of the aggregates
    assertThat(
            KeyConstraint.of(View.EXTREMES_1M, new Filter[] {new GreaterThan("bucket_start", T)}))
        .isEqualTo(KeyConstraint.ANY);
    assertThat(of(new EqualTo("polarity", "negative"))).isEqualTo(KeyConstraint.ANY);
  }

  static List<Long> range(Filter f) {
    KeyConstraint c = of(f);
    return List.of(c.from(), c.to());
  }
}
