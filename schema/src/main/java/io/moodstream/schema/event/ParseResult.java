package io.moodstream.schema.event;

import java.util.Objects;

/** The outcome of parsing one record: the value, or the reason it was rejected. */
public sealed interface ParseResult<T> {

  record Accepted<T>(T value) implements ParseResult<T> {
    public Accepted {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * @param field the JSON path of the offending field ({@code author.id}), or {@code $} when the
   *     record as a whole is unreadable
   * @param reason a sentence naming the field and what is wrong with it
   */
  record Rejected<T>(String field, String reason) implements ParseResult<T> {
    public Rejected {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(reason, "reason");
    }
  }

  static <T> ParseResult<T> accepted(T value) {
    return new Accepted<>(value);
  }

  static <T> ParseResult<T> rejected(String field, String reason) {
    return new Rejected<>(field, reason);
  }

  /** The value, or an {@link InvalidEventException} carrying the reason. */
  default T orThrow() {
    if (this instanceof Accepted<T> p) {
      return p.value();
    }
    Rejected<T> r = (Rejected<T>) this;
    throw new InvalidEventException(r.field(), r.reason());
  }
}
