package io.moodstream.ingest.source.replay;

import java.util.Locale;

/**
 * A compressed file (or tar entry) that could not be read to its end: where the decompressor
 * failed, how many records came out before, and an estimate of what was lost.
 *
 * @param name the file, or {@code file!entry}
 * @param compressedAt compressed bytes consumed when the decompressor failed
 * @param compressedSize the file's (entry's) size
 * @param delivered complete records read from it before the damage
 * @param cutRecord whether a record was cut short by the damage (it went to the dead-letter topic)
 * @param cause the decompressor's error
 */
record Damage(
    String name,
    long compressedAt,
    long compressedSize,
    long delivered,
    boolean cutRecord,
    String cause) {

  /**
   * Records lost after the damage, estimated from the records per compressed byte before it; -1
   * when the file just ends early (truncated): then what is lost is the rest of the last compressed
   * block, whose size the file no longer tells.
   */
  long estimatedLost() {
    long unread = compressedSize - compressedAt;
    if (unread <= Math.max(1024, compressedSize / 100) || compressedAt <= 0) {
      return -1;
    }
    return Math.round((double) delivered * unread / compressedAt);
  }

  String describe() {
    long lost = estimatedLost();
    return String.format(
        Locale.ROOT,
        "%s: damaged at compressed byte %,d of %,d (%s); %,d record(s) delivered before the"
            + " damage%s; %s",
        name,
        compressedAt,
        compressedSize,
        cause,
        delivered,
        cutRecord ? ", 1 record cut short (sent to the dead-letter topic)" : "",
        lost < 0
            ? "the file ends early (truncated): the records of its last compressed block are lost"
            : String.format(
                Locale.ROOT,
                "the remaining %,d compressed bytes are unreadable: about %,d record(s) lost",
                compressedSize - compressedAt,
                lost));
  }
}
