package io.moodstream.rest.http;

/**
 * A request refused to protect the service (rate limit, oversized answer, missing credentials):
 * answered with its status, an {@code ApiError} body and, when it is worth retrying, Retry-After;
 * counted in {@code moodstream_http_rejected_total} by reason.
 */
public final class LimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String error;
  private final String parameter;
  private final long retryAfterSeconds;
  private final String reason;

  /**
   * @param status HTTP status (429, 400, 401, 503)
   * @param error the body's error code
   * @param parameter the parameter at fault, or null
   * @param detail the sentence for people
   * @param retryAfterSeconds Retry-After, or 0 for none
   * @param reason the metrics label
   */
  public LimitException(
      int status,
      String error,
      String parameter,
      String detail,
      long retryAfterSeconds,
      String reason) {
    super(detail);
    this.status = status;
    this.error = error;
    this.parameter = parameter;
    this.retryAfterSeconds = retryAfterSeconds;
    this.reason = reason;
  }

  /** 429 with Retry-After. */
  public static LimitException rateLimited(String what, long retryAfterSeconds) {
    return new LimitException(
        429,
        "rate_limited",
        null,
        "too many " + what + " from your address; retry in " + retryAfterSeconds + " s",
        retryAfterSeconds,
        "rate_limited");
  }

  /** 400: the answer would be larger than {@code rest.response.max.bytes}. */
  public static LimitException tooLarge(long maxBytes) {
    return new LimitException(
        400,
        "too_large",
        null,
        "the answer would be larger than "
            + maxBytes
            + " bytes: ask fewer topics, a coarser step or a shorter range",
        0,
        "too_large");
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String parameter() {
    return parameter;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public String reason() {
    return reason;
  }
}
