package io.moodstream.rest.api;

import java.util.List;

/** The data of an SSE {@code event: extremes}: the extremes of one minute as they stand. */
public record LiveExtremes(String topic, String minute, List<Post> positive, List<Post> negative) {
  public LiveExtremes {
    positive = List.copyOf(positive);
    negative = List.copyOf(negative);
  }
}
