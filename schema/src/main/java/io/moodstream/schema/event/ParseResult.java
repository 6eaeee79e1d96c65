package io.moodstream.schema.event;

import java.util.Objects;

/** The outcome of parsing one record: the value, or why it was rejected. */
public sealed interface ParseResult<T> {

  record Accepted<T>(T value) implements ParseResult<T> {
    public Accepted {
      Objects.requireNonNull(value, "value");
    }
  }

  record Rejected<T>(Reject reject) implements ParseResult<T> {
    public Rejected {
      Objects.requireNonNull(reject, "reject");
    }

    public Reject.Code code() {
      return reject.code();
    }

    /** The JSON path of the offending field ({@code author.id}), or {@code $}. */
    public String field() {
      return reject.field();
    }

    /** A sentence naming the field and what is wrong with it. */
    public String reason() {
      return reject.reason();
    }
  }

  static <T> ParseResult<T> accepted(T value) {
    return new Accepted<>(value);
  }

  static <T> ParseResult<T> rejected(Reject reject) {
    return new Rejected<>(reject);
  }

  /** The value, or an {@link InvalidEventException} carrying the reason. */
  default T orThrow() {
    if (this instanceof Accepted<T> p) {
      return p.value();
    }
    throw new InvalidEventException(((Rejected<T>) this).reject());
  }
}
