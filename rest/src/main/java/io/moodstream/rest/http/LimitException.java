package io.moodstream.rest.http;

/**
 * A request refused to protect the service (rate limit, oversized answer): answered with its
 * status, an {@code ApiError} body and, when it is worth retrying, Retry-After; counted in {@code
 * moodstream_http_rejected_total} under its error code.
 */
public final class LimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String error;
  private final long retryAfterSeconds;

  /**
   * @param status HTTP status (429, 400)
   * @param error the body's error code, also the metrics label
   * @param detail the sentence for people
   * @param retryAfterSeconds Retry-After, or 0 for none
   */
  private LimitException(int status, String error, String detail, long retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.error = error;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 429 with Retry-After. */
  public static LimitException rateLimited(String what, long retryAfterSeconds) {
    return new LimitException(
        429,
        "rate_limited",
        "too many " + what + " from your address; retry in " + retryAfterSeconds + " s",
        retryAfterSeconds);
  }

  /** 400: the answer would be larger than {@code rest.response.max.bytes}. */
  public static LimitException tooLarge(long maxBytes) {
    return new LimitException(
        400,
        "too_large",
        "the answer would be larger than "
            + maxBytes
            + " bytes: ask fewer topics, a coarser step or a shorter range",
        0);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
