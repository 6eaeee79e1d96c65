package io.moodstream.rest.store;

/** The storage could not be reached or did not answer in time: retriable, answered with 503. */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
