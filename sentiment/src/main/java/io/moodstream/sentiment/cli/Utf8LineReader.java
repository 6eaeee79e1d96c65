package io.moodstream.sentiment.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines from a byte stream in constant memory (one buffer plus the longest line). Lines
 * end at LF; a CR before the LF is dropped. Each malformed byte sequence becomes U+FFFD and is
 * counted in {@link #replacements()}; it is never an error.
 */
final class Utf8LineReader {

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private boolean eof;

  private byte[] line = new byte[1024];
  private CharBuffer chars = CharBuffer.allocate(1024);
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private long replacements;

  Utf8LineReader(InputStream in) {
    this.in = in;
  }

  /** Malformed UTF-8 sequences replaced so far. */
  long replacements() {
    return replacements;
  }

  /** The next line without its terminator, or null at the end of the stream. */
  String readLine() throws IOException {
    int length = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        if (eof || !fill()) {
          return any ? decode(length) : null;
        }
      }
      any = true;
      int start = position;
      int newline = -1;
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? limit : newline;
      length = append(length, start, end);
      position = newline < 0 ? limit : newline + 1;
      if (newline >= 0) {
        if (length > 0 && line[length - 1] == '\r') {
          length--;
        }
        return decode(length);
      }
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    if (n < 0) {
      eof = true;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  private int append(int length, int from, int to) {
    int n = to - from;
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
    }
    System.arraycopy(buffer, from, line, length, n);
    return length + n;
  }

  private String decode(int length) {
    if (chars.capacity() < length) {
      chars = CharBuffer.allocate(Math.max(chars.capacity() * 2, length));
    }
    chars.clear();
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
    decoder.reset();
    while (true) {
      CoderResult result = decoder.decode(bytes, chars, true);
      if (result.isError()) {
        chars.put('\uFFFD'); // fits: a replacement is never longer than the bytes it replaces
        replacements++;
        bytes.position(bytes.position() + result.length());
      } else if (result.isOverflow()) {
        chars = CharBuffer.allocate(chars.capacity() * 2 + 16).put(chars.flip());
      } else {
        decoder.flush(chars);
        break;
      }
    }
    return new String(chars.array(), 0, chars.position());
  }
}
