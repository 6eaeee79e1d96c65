package io.moodstream.ingest.source.replay;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Hands over every byte a decompressor produced before it failed. commons-compress' bzip2 stream
 * fills the caller's whole buffer in one {@code read(byte[])} call, so a damaged block loses
 * everything decoded in that call (up to the reader's 1 MB buffer) along with the exception. This
 * stream asks for one byte at a time (the bzip2 decoder works byte by byte anyway), returns what it
 * has when the decoder throws, and throws that exception on the next call.
 */
final class Salvaging extends FilterInputStream {
  private IOException pending;

  Salvaging(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    rethrowPending();
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    rethrowPending();
    int n = 0;
    try {
      while (n < len) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        b[off + n++] = (byte) c;
      }
    } catch (IOException e) {
      if (n == 0) {
        throw e;
      }
      pending = e;
    }
    return n == 0 && len > 0 ? -1 : n;
  }

  private void rethrowPending() throws IOException {
    if (pending != null) {
      IOException e = pending;
      pending = null;
      throw e;
    }
  }
}
