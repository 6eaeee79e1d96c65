package io.moodstream.rest.api;

import java.util.List;

/** {@code GET /api/v1/topics}. */
public record TopicsResponse(List<Topic> topics) {
  public TopicsResponse {
    topics = List.copyOf(topics);
  }

  /**
   * A topic with data.
   *
   * @param topic its name
   * @param first start of its first minute bucket (ISO-8601 instant)
   * @param last start of its last minute bucket
   */
  public record Topic(String topic, String first, String last) {}
}
