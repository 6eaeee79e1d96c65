package io.moodstream.ingest.core;

import io.moodstream.schema.event.PostEvent;
import java.util.Objects;

/**
 * Why a record became a dead letter.
 *
 * @param code a short counter name: {@code malformed-json}, {@code missing-field}, {@code
 *     invalid-utf8}, {@code text-too-long}, {@code invalid-field}, {@code cut-short} (a record cut
 *     by damage in a compressed file), {@code future-created-at}
 * @param reason the sentence written to the DLQ, naming the field where there is one
 */
public record Reject(String code, String reason) {
  public static final String MALFORMED_JSON = "malformed-json";
  public static final String MISSING_FIELD = "missing-field";
  public static final String INVALID_UTF8 = "invalid-utf8";
  public static final String TEXT_TOO_LONG = "text-too-long";
  public static final String INVALID_FIELD = "invalid-field";
  public static final String CUT_SHORT = "cut-short";

  /** createdAt more than {@code posts.max.clock.skew} ahead of ingest's clock. */
  public static final String FUTURE_CREATED_AT = PostEvent.FUTURE_CREATED_AT;

  public Reject {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }

  public static Reject missing(String field) {
    return new Reject(MISSING_FIELD, "required field '" + field + "' is missing");
  }

  public static Reject malformed(String detail) {
    return new Reject(MALFORMED_JSON, "record is not valid JSON: " + detail);
  }

  public static Reject invalidUtf8() {
    return new Reject(INVALID_UTF8, "record is not valid UTF-8");
  }
}
