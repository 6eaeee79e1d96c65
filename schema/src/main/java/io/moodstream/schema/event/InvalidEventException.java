package io.moodstream.schema.event;

/** A record that does not satisfy its contract; {@link #reject()} says why and names the field. */
public final class InvalidEventException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient Reject reject;

  public InvalidEventException(Reject reject) {
    super(reject.reason());
    this.reject = reject;
  }

  public Reject reject() {
    return reject;
  }
}
