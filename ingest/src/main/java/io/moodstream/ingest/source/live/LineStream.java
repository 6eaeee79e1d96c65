package io.moodstream.ingest.source.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads {@code \n}-terminated lines as bytes from a stream (strips {@code \r}). */
public final class LineStream {
  private final InputStream in;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int end;

  public LineStream(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at the end of the stream. */
  public byte[] next() throws IOException {
    ByteArrayOutputStream line = null;
    while (true) {
      if (pos == end) {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
          return line == null ? null : strip(line.toByteArray());
        }
        pos = 0;
        end = n;
      }
      for (int i = pos; i < end; i++) {
        if (buf[i] == '\n') {
          byte[] out;
          if (line == null) {
            out = java.util.Arrays.copyOfRange(buf, pos, i);
          } else {
            line.write(buf, pos, i - pos);
            out = line.toByteArray();
          }
          pos = i + 1;
          return strip(out);
        }
      }
      if (line == null) {
        line = new ByteArrayOutputStream();
      }
      line.write(buf, pos, end - pos);
      pos = end;
    }
  }

  /**
   * Whether a line is a keep-alive: empty or only spaces, tabs and CRs (the heartbeat of a live
   * stream, also kept in recordings of one).
   */
  public static boolean isKeepAlive(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private static byte[] strip(byte[] b) {
    return b.length > 0 && b[b.length - 1] == '\r' ? java.util.Arrays.copyOf(b, b.length - 1) : b;
  }
}
