package io.moodstream.ingest.core;

import java.time.Instant;
import java.util.List;

/**
 * A post as a source read it, before validation and topic matching. Fields may be missing (null):
 * {@link Ingestor} rejects such a post to the DLQ with a reason naming the field.
 *
 * @param tags topics the platform itself assigned (X v2 {@code matching_rules} tags), or empty
 */
public record SourcePost(
    String id,
    Instant createdAt,
    String text,
    String lang,
    String authorId,
    String handle,
    String url,
    List<String> tags) {}
