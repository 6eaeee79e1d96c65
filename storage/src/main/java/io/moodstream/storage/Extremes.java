package io.moodstream.storage;

import io.moodstream.schema.hbase.ExtremePost;
import java.util.List;

/** The stored extremes of one topic-minute, best first. */
public record Extremes(
    String topic, long minute, List<ExtremePost> positive, List<ExtremePost> negative) {
  public Extremes {
    positive = List.copyOf(positive);
    negative = List.copyOf(negative);
  }
}
