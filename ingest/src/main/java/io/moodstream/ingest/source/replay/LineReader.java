package io.moodstream.ingest.source.replay;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding them: each line is handed over as a slice of an
 * internal buffer (valid only during the call), {@code \r\n} and {@code \n} alike. Lines longer
 * than {@code maxLine} are handed over cut to {@code maxLine} bytes with {@code truncated} set.
 */
final class LineReader {
  interface Sink {
    /**
     * @return false to stop reading
     */
    boolean line(byte[] buf, int off, int len, boolean truncated) throws IOException;
  }

  /**
   * The input failed (a damaged compressed file) with part of a line read: that line is cut short,
   * and {@link #fragment} holds what was read of it (at most 64 KiB), so the caller can keep it as
   * a dead letter instead of dropping it.
   */
  static final class CutShort extends IOException {
    private static final long serialVersionUID = 1L;
    final transient byte[] fragment;

    CutShort(IOException cause, byte[] fragment) {
      super(cause.toString(), cause);
      this.fragment = fragment;
    }
  }

  private final int maxLine;
  private byte[] buf = new byte[1 << 20];

  LineReader(int maxLine) {
    this.maxLine = maxLine;
  }

  /**
   * @return false if the sink asked to stop
   */
  boolean read(InputStream in, Sink sink) throws IOException {
    int start = 0;
    int end = 0;
    int scan = 0;
    boolean skipping = false; // inside the rest of an over-long line
    while (true) {
      // find a newline in [scan, end)
      int nl = -1;
      for (int i = scan; i < end; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      if (nl >= 0) {
        if (!skipping) {
          boolean cut = nl - start > maxLine;
          if (!emit(sink, start, cut ? start + maxLine : nl, cut)) {
            return false;
          }
        }
        skipping = false;
        start = nl + 1;
        scan = start;
        continue;
      }
      scan = end;
      if (end - start >= maxLine && !skipping) {
        if (!emit(sink, start, start + maxLine, true)) {
          return false;
        }
        skipping = true;
      }
      if (skipping) {
        start = end; // drop what was read of the over-long line
        scan = end;
      }
      // make room: compact, or grow up to maxLine
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        scan -= start;
        start = 0;
      }
      if (end == buf.length) { // a line longer than the buffer but below maxLine
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      int n;
      try {
        n = in.read(buf, end, buf.length - end);
      } catch (IOException e) {
        if (end > start && !skipping) {
          throw new CutShort(
              e, java.util.Arrays.copyOfRange(buf, start, Math.min(end, start + 65_536)));
        }
        throw e;
      }
      if (n < 0) {
        if (end > start && !skipping) {
          boolean cut = end - start > maxLine;
          return emit(sink, start, cut ? start + maxLine : end, cut);
        }
        return true;
      }
      end += n;
    }
  }

  private boolean emit(Sink sink, int from, int to, boolean truncated) throws IOException {
    int e = to;
    if (e > from && buf[e - 1] == '\r') {
      e--;
    }
    return sink.line(buf, from, e - from, truncated);
  }
}
