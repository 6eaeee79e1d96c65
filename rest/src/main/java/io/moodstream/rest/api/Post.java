package io.moodstream.rest.api;

import io.moodstream.schema.hbase.ExtremePost;
import java.time.Instant;

/**
 * One extreme post on the wire.
 *
 * @param id post id
 * @param text post text
 * @param author who posted it
 * @param createdAt when (ISO-8601 instant)
 * @param compound VADER compound
 * @param url link to the original, or {@code null}
 * @param minute start of the minute bucket it was counted in
 */
public record Post(
    String id,
    String text,
    Author author,
    String createdAt,
    double compound,
    String url,
    String minute) {

  public record Author(String id, String handle) {}

  public static Post of(ExtremePost p, long minute) {
    return new Post(
        p.id(),
        p.text(),
        new Author(p.author().id(), p.author().handle()),
        p.createdAt().toString(),
        p.compound(),
        p.url(),
        Instant.ofEpochSecond(minute).toString());
  }
}
