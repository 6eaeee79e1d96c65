package io.moodstream.rest.api;

import java.util.List;

/**
 * {@code GET /api/v1/extremes}: the most positive and most negative posts of a range, most extreme
 * first; the list of a polarity not asked for is empty.
 */
public record ExtremesResponse(
    String topic, String from, String to, List<Post> positive, List<Post> negative) {
  public ExtremesResponse {
    positive = List.copyOf(positive);
    negative = List.copyOf(negative);
  }
}
