package io.moodstream.schema.hbase;

import java.nio.ByteBuffer;

/**
 * The bytes of {@code a:v}, 217 bytes, big-endian:
 *
 * <pre>
 *   0      version 0x01
 *   1..40  count, scored, positive, neutral, negative   (5 × int64)
 *   41..56 sumCompound, sumSquares                      (2 × IEEE-754 float64)
 *   57..   histogram                                    (20 × int64)
 * </pre>
 *
 * One cell per bucket instead of a column per field: HBase stores row key, family, qualifier and
 * timestamp with every cell, so one 217-byte cell costs less than eight small ones, and a
 * full-value Put replaces the whole state atomically.
 */
public final class AggregateCodec {
  public static final byte VERSION = 1;
  public static final int LENGTH = 1 + 5 * 8 + 2 * 8 + Aggregate.BINS * 8;

  private AggregateCodec() {}

  public static byte[] encode(Aggregate a) {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(VERSION);
    b.putLong(a.count()).putLong(a.scored()).putLong(a.positive()).putLong(a.neutral());
    b.putLong(a.negative());
    b.putDouble(a.sumCompound()).putDouble(a.sumSquares());
    for (long h : a.histogram()) {
      b.putLong(h);
    }
    return b.array();
  }

  public static Aggregate decode(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH || bytes[0] != VERSION) {
      throw new IllegalArgumentException(
          "not an aggregate cell (version "
              + VERSION
              + ", "
              + LENGTH
              + " bytes): "
              + (bytes == null ? "null" : bytes.length + " bytes"));
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
    long count = b.getLong();
    long scored = b.getLong();
    long positive = b.getLong();
    long neutral = b.getLong();
    long negative = b.getLong();
    double sum = b.getDouble();
    double sumSq = b.getDouble();
    long[] h = new long[Aggregate.BINS];
    for (int i = 0; i < h.length; i++) {
      h[i] = b.getLong();
    }
    return new Aggregate(count, scored, positive, neutral, negative, sum, sumSq, h);
  }
}
