package io.moodstream.rest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What protects the service from expensive or abusive requests: the rate limits on scoring and on
 * expensive range reads, the size above which a range read is expensive, and the largest answer.
 *
 * @param score token buckets of {@code /api/v1/score}
 * @param expensive token buckets of expensive range reads
 * @param expensiveBuckets stored buckets a read may cover before it is expensive
 * @param responseMaxBytes largest JSON or CSV answer, before compression
 */
public record Guards(
    RateLimiter score, RateLimiter expensive, long expensiveBuckets, long responseMaxBytes) {

  /** Takes an expensive-read token when a read covers more than {@link #expensiveBuckets}. */
  public void range(String client, long buckets) {
    if (buckets > expensiveBuckets) {
      expensive.take(client);
    }
  }

  /**
   * {@code value} as JSON bytes, refused ({@link LimitException#tooLarge}) as soon as it would pass
   * {@link #responseMaxBytes}: the answer is never held in memory beyond the bound.
   */
  public byte[] json(ObjectMapper mapper, Object value) {
    Bounded out = new Bounded(responseMaxBytes);
    try {
      mapper.writeValue(out, value);
    } catch (IOException | RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof TooLarge) {
          throw LimitException.tooLarge(responseMaxBytes);
        }
      }
      throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
    }
    return out.toByteArray();
  }

  /** {@code text} as UTF-8, refused when longer than {@link #responseMaxBytes}. */
  public byte[] text(String text) {
    if ((long) text.length() > responseMaxBytes) { // UTF-8 is never shorter than its chars
      throw LimitException.tooLarge(responseMaxBytes);
    }
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    if (b.length > responseMaxBytes) {
      throw LimitException.tooLarge(responseMaxBytes);
    }
    return b;
  }

  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("answer too large");
    }
  }

  private static final class Bounded extends ByteArrayOutputStream {
    private final long max;

    Bounded(long max) {
      super(8 * 1024);
      this.max = max;
    }

    private void check(int more) {
      if ((long) count + more > max) {
        throw new UncheckedIOException(new TooLarge());
      }
    }

    @Override
    public void write(int b) {
      check(1);
      super.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      check(len);
      super.write(b, off, len);
    }
  }
}
