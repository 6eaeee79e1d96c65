package io.moodstream.rest.api;

/** The data of an SSE {@code event: bucket}: the topic and the fields of a {@link Point}. */
public record LiveBucket(
    String topic,
    String start,
    long count,
    long scored,
    long positive,
    long neutral,
    long negative,
    Double meanCompound,
    Double stddev,
    long[] histogram) {

  public static LiveBucket of(String topic, Point p) {
    return new LiveBucket(
        topic,
        p.start(),
        p.count(),
        p.scored(),
        p.positive(),
        p.neutral(),
        p.negative(),
        p.meanCompound(),
        p.stddev(),
        p.histogram());
  }
}
