package io.moodstream.schema.key;

/**
 * What our HBase row keys can hold: the limits a post must respect to be storable. Both the row key
 * ({@code schema.hbase.RowKey}, which enforces them) and the post rules ({@code
 * schema.event.PostRules}, which reject at ingest what the job could not write) read them here.
 */
public final class KeyLimits {
  /** The longest topic in a row key, in UTF-8 bytes. */
  public static final int MAX_TOPIC_BYTES = 255;

  /** The latest bucket start a row key holds: unsigned 32-bit seconds, 2106-02-07T06:28:15Z. */
  public static final long MAX_EPOCH_SECOND = 0xFFFF_FFFFL;

  /**
   * The longest row key HBase accepts ({@code HConstants.MAX_ROW_LENGTH}, a signed 16-bit length):
   * a post id longer than this in UTF-8 cannot be a {@code post_refs} row.
   */
  public static final int MAX_ROW_BYTES = Short.MAX_VALUE;

  private KeyLimits() {}

  /**
   * Why {@code topic} cannot be the topic of a row key, or {@code null} when it can: empty, a
   * U+0000, an unpaired surrogate, or more than {@link #MAX_TOPIC_BYTES} UTF-8 bytes. Allocates
   * nothing when the topic is fine ({@code PostRules} asks it of every post at ingest).
   */
  public static String topicProblem(String topic) {
    if (topic.isEmpty()) {
      return "topic must not be empty";
    }
    if (topic.indexOf('\0') >= 0) {
      return "topic must not contain U+0000";
    }
    int bytes = 0;
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (!Character.isSurrogate(c)) {
        bytes += 3;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < topic.length()
          && Character.isLowSurrogate(topic.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        return "topic is not valid Unicode (unpaired surrogate)";
      }
    }
    if (bytes > MAX_TOPIC_BYTES) {
      return "topic is " + bytes + " UTF-8 bytes, more than " + MAX_TOPIC_BYTES;
    }
    return null;
  }
}
