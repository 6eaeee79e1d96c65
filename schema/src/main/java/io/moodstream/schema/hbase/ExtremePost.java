package io.moodstream.schema.hbase;

import io.moodstream.schema.event.Author;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One of the most positive or most negative posts of a topic-minute, as stored in {@code e:p} /
 * {@code e:n} of {@code extremes_1m} (JSON, see {@link ExtremesCodec}).
 *
 * @param id the post id
 * @param text the post text
 * @param author its author
 * @param createdAt when it was posted
 * @param compound its VADER compound score
 * @param url the original post's URL, or {@code null}
 */
public record ExtremePost(
    String id, String text, Author author, Instant createdAt, double compound, String url) {

  /**
   * Most positive first; ties broken by earlier {@code createdAt}, then by id, so the top-k of a
   * bucket is the same whatever order its posts arrive in.
   */
  public static final Comparator<ExtremePost> MOST_POSITIVE_FIRST =
      Comparator.comparingDouble(ExtremePost::compound)
          .reversed()
          .thenComparing(ExtremePost::createdAt)
          .thenComparing(ExtremePost::id);

  /** Most negative first, with the same tie-breaks. */
  public static final Comparator<ExtremePost> MOST_NEGATIVE_FIRST =
      Comparator.comparingDouble(ExtremePost::compound)
          .thenComparing(ExtremePost::createdAt)
          .thenComparing(ExtremePost::id);

  public ExtremePost {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
