package io.moodstream.schema.event;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a record cannot become an event: a {@link Code} to count it by and the sentence its dead
 * letter carries. Made by the parsers for what their format gets wrong and by {@link PostRules} for
 * what a post gets wrong, whatever its format.
 *
 * @param code what kind of problem it is; {@link Code#counterName()} names the DLQ counter
 * @param field the offending field as the record's own format names it ({@code id_str}, {@code
 *     data.id}, {@code author.id}), or {@code $} when the record as a whole is at fault
 * @param reason the sentence written to the DLQ, naming the field where there is one
 */
public record Reject(Reject.Code code, String field, String reason) {
  /** The kinds of reject; each counter name is what metrics and logs have always shown. */
  public enum Code {
    /** Not JSON, not a JSON object, or an empty value. */
    MALFORMED_JSON,
    INVALID_UTF8,
    /** A required field absent, null or empty. */
    MISSING_FIELD,
    /** A field of the wrong type or an unreadable value (a date, a source name...). */
    INVALID_FIELD,
    TEXT_TOO_LONG,
    /** A record cut by damage in a compressed file. */
    CUT_SHORT,
    /** createdAt more than {@code posts.max.clock.skew} ahead of the clock that received it. */
    FUTURE_CREATED_AT,
    /** A post the HBase tables cannot hold (row-key limits: see {@link PostRules}). */
    UNSTORABLE,
    /**
     * A binary post record ({@link PostCodec}) that is truncated, corrupt or of an unknown version.
     */
    BAD_BINARY;

    /** The name in lower case with {@code -} for {@code _} (PostRulesTest pins every one). */
    private final String counterName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The short name counters and logs use: {@code missing-field}, {@code unstorable}... */
    public String counterName() {
      return counterName;
    }

    @Override
    public String toString() {
      return counterName;
    }
  }

  public Reject {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
  }

  /** A reject of the record as a whole (field {@code $}). */
  public Reject(Code code, String reason) {
    this(code, "$", reason);
  }

  public static Reject missing(String field) {
    return new Reject(Code.MISSING_FIELD, field, "required field '" + field + "' is missing");
  }

  public static Reject invalid(String field, String reason) {
    return new Reject(Code.INVALID_FIELD, field, reason);
  }

  public static Reject malformed(String detail) {
    return new Reject(Code.MALFORMED_JSON, "record is not valid JSON: " + detail);
  }

  public static Reject invalidUtf8() {
    return new Reject(Code.INVALID_UTF8, "record is not valid UTF-8");
  }
}
