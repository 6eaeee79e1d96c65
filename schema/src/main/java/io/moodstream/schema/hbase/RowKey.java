package io.moodstream.schema.hbase;

import io.moodstream.schema.key.KeyLimits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The row key of every Moodstream table: one (topic, bucket start). Layout, 1 + n + 1 + 4 bytes:
 *
 * <pre>
 *   salt   topic (UTF-8, n = 1..255 bytes, no 0x00)   0x00   bucket start
 *   1 B    n B                                         1 B    4 B, epoch seconds, unsigned big-endian
 * </pre>
 *
 * <ul>
 *   <li><b>salt</b> = low byte of CRC-32 of the topic's UTF-8 bytes. It depends on the topic only,
 *       so all rows of a topic stay contiguous (one scan per topic and range), while topics spread
 *       evenly over regions pre-split on the first byte, whatever their names.
 *   <li><b>0x00 terminator</b>: no topic contains 0x00 and every other byte is greater, so the rows
 *       of {@code apple} all sort before those of {@code apple pie} and a scan of one can never
 *       reach the other.
 *   <li><b>bucket start</b>: unsigned 32-bit seconds cover 1970-01-01 to 2106-02-07T06:28:15Z and
 *       sort in time order, so [from, to) is [{@code key(topic, from)}, {@code key(topic, to)}).
 * </ul>
 *
 * Annotated hex examples are in schema/HBASE-SCHEMA.md; RowKeyTest pins the same bytes.
 *
 * @param topic the topic, 1..255 UTF-8 bytes, no U+0000, no unpaired surrogates
 * @param epochSecond the bucket start in seconds since the epoch, 0..{@link
 *     KeyLimits#MAX_EPOCH_SECOND}
 */
public record RowKey(String topic, long epochSecond) {
  private static final int FIXED_BYTES = 1 + 1 + 4;

  public RowKey {
    Objects.requireNonNull(topic, "topic");
    topicBytes(topic); // validates
    if (epochSecond < 0 || epochSecond > KeyLimits.MAX_EPOCH_SECOND) {
      throw new IllegalArgumentException(
          "bucket start "
              + epochSecond
              + " is outside 0.."
              + KeyLimits.MAX_EPOCH_SECOND
              + " (1970..2106)");
    }
  }

  public byte[] toBytes() {
    byte[] t = topicBytes(topic);
    byte[] key = new byte[t.length + FIXED_BYTES];
    key[0] = salt(t);
    System.arraycopy(t, 0, key, 1, t.length);
    key[t.length + 1] = 0;
    putUnsignedInt(key, t.length + 2, epochSecond);
    return key;
  }

  public static RowKey fromBytes(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < FIXED_BYTES + 1 || key[key.length - 5] != 0) {
      throw new IllegalArgumentException(
          "not a Moodstream row key: " + HexFormat.of().formatHex(key));
    }
    byte[] t = Arrays.copyOfRange(key, 1, key.length - 5);
    if (key[0] != salt(t)) {
      throw new IllegalArgumentException(
          "row key salt does not match its topic: " + HexFormat.of().formatHex(key));
    }
    String topic;
    try {
      topic =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(t))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "row key topic is not UTF-8: " + HexFormat.of().formatHex(key));
    }
    long seconds =
        ((long) (key[key.length - 4] & 0xFF) << 24)
            | ((key[key.length - 3] & 0xFF) << 16)
            | ((key[key.length - 2] & 0xFF) << 8)
            | (key[key.length - 1] & 0xFF);
    return new RowKey(topic, seconds);
  }

  /** The first row of a scan over [fromEpochSecond, ...) of one topic. */
  public static byte[] startRow(String topic, long fromEpochSecond) {
    return new RowKey(topic, Math.max(0, fromEpochSecond)).toBytes();
  }

  /**
   * The stop row (exclusive) of a scan over [..., toEpochSecond) of one topic. Beyond the last
   * representable second it is the topic prefix with its terminator raised to 0x01, which still
   * sorts before any other topic sharing the prefix.
   */
  public static byte[] stopRow(String topic, long toEpochSecond) {
    if (toEpochSecond <= KeyLimits.MAX_EPOCH_SECOND) {
      return new RowKey(topic, Math.max(0, toEpochSecond)).toBytes();
    }
    byte[] prefix = topicPrefix(topic);
    prefix[prefix.length - 1] = 1;
    return prefix;
  }

  /** salt + topic + 0x00: every row of the topic, and only those, starts with these bytes. */
  public static byte[] topicPrefix(String topic) {
    byte[] t = topicBytes(topic);
    byte[] p = new byte[t.length + 2];
    p[0] = salt(t);
    System.arraycopy(t, 0, p, 1, t.length);
    return p;
  }

  static byte salt(byte[] topicUtf8) {
    CRC32 crc = new CRC32();
    crc.update(topicUtf8);
    return (byte) crc.getValue();
  }

  private static byte[] topicBytes(String topic) {
    String problem = KeyLimits.topicProblem(topic);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return topic.getBytes(StandardCharsets.UTF_8);
  }

  private static void putUnsignedInt(byte[] a, int at, long v) {
    a[at] = (byte) (v >>> 24);
    a[at + 1] = (byte) (v >>> 16);
    a[at + 2] = (byte) (v >>> 8);
    a[at + 3] = (byte) v;
  }
}
