package io.moodstream.streaming;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The job's binary encodings (partials, minute states, totals), big-endian: a growable writer and a
 * reader. Strings are an int byte length (−1 for null) and UTF-8; long arrays an int length and the
 * longs, copied in bulk. Each encoded value starts with a format byte, so a checkpoint written by
 * another layout fails loudly instead of decoding garbage.
 */
final class Bytes {
  private Bytes() {}

  /** One long, big-endian. */
  static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static long longOf(byte[] b) {
    return ByteBuffer.wrap(b).getLong();
  }

  /** A growable big-endian buffer. */
  static final class Writer {
    private ByteBuffer b;

    Writer(int capacity) {
      b = ByteBuffer.allocate(Math.max(16, capacity));
    }

    private void room(int n) {
      if (b.remaining() < n) {
        int size = Math.max(b.capacity() * 2, b.position() + n);
        b = ByteBuffer.wrap(Arrays.copyOf(b.array(), size)).position(b.position());
      }
    }

    Writer putByte(int v) {
      room(1);
      b.put((byte) v);
      return this;
    }

    Writer putInt(int v) {
      room(4);
      b.putInt(v);
      return this;
    }

    Writer putLong(long v) {
      room(8);
      b.putLong(v);
      return this;
    }

    Writer putDouble(double v) {
      room(8);
      b.putDouble(v);
      return this;
    }

    Writer putString(String s) {
      if (s == null) {
        return putInt(-1);
      }
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      putInt(u.length);
      room(u.length);
      b.put(u);
      return this;
    }

    /** {@code n} then the first {@code n} longs of {@code v}. */
    Writer putLongs(long[] v, int n) {
      putInt(n);
      room(8 * n);
      b.asLongBuffer().put(v, 0, n);
      b.position(b.position() + 8 * n);
      return this;
    }

    /** {@code n} then the first {@code n} shorts of {@code v}. */
    Writer putShorts(short[] v, int n) {
      putInt(n);
      room(2 * n);
      b.asShortBuffer().put(v, 0, n);
      b.position(b.position() + 2 * n);
      return this;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(b.array(), b.position());
    }
  }

  /** Reads what a {@link Writer} wrote. */
  static final class Reader {
    private final ByteBuffer b;

    Reader(byte[] bytes) {
      b = ByteBuffer.wrap(bytes);
    }

    /** Checks the format byte. */
    Reader expect(int format, String what) {
      int f = b.get();
      if (f != format) {
        throw new IllegalStateException(
            what
                + " has format "
                + f
                + ", expected "
                + format
                + ": a checkpoint written by another version of the job (start it with a new"
                + " streaming.checkpoint.location)");
      }
      return this;
    }

    int getInt() {
      return b.getInt();
    }

    long getLong() {
      return b.getLong();
    }

    double getDouble() {
      return b.getDouble();
    }

    String getString() {
      int n = b.getInt();
      if (n < 0) {
        return null;
      }
      String s = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
      b.position(b.position() + n);
      return s;
    }

    long[] getLongs() {
      long[] v = new long[b.getInt()];
      b.asLongBuffer().get(v);
      b.position(b.position() + 8 * v.length);
      return v;
    }

    short[] getShorts() {
      short[] v = new short[b.getInt()];
      b.asShortBuffer().get(v);
      b.position(b.position() + 2 * v.length);
      return v;
    }
  }
}
