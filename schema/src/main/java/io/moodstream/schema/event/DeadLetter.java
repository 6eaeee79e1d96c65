package io.moodstream.schema.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A record on {@code moodstream.dlq}: input that could not become an event, kept whole with the
 * reason, so nothing is silently lost. Described by {@code dead-letter.schema.json}.
 *
 * @param raw the record as received (invalid UTF-8 replaced by U+FFFD), possibly truncated
 * @param reason why it was rejected; names the offending field where there is one
 * @param source the source or stage that rejected it (a {@link Source} wire name, or {@code
 *     streaming} for records rejected by the Spark job)
 * @param at when it was rejected
 */
public record DeadLetter(String raw, String reason, String source, Instant at) {
  /** Raw payloads longer than this are truncated on the DLQ (the reason says so). */
  public static final int MAX_RAW_LENGTH = 64 * 1024;

  public DeadLetter {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    if (raw.length() > MAX_RAW_LENGTH) {
      raw = raw.substring(0, MAX_RAW_LENGTH);
      reason = reason + " (raw record truncated to " + MAX_RAW_LENGTH + " characters)";
    }
  }
}
