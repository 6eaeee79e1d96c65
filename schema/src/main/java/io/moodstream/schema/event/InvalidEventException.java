package io.moodstream.schema.event;

/** A record that does not satisfy its contract; {@link #field()} names the offending field. */
public final class InvalidEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidEventException(String field, String reason) {
    super(reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
