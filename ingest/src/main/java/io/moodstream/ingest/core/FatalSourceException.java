package io.moodstream.ingest.core;

/** An error a retry cannot fix (bad credentials, a missing file): stop with this message. */
public final class FatalSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FatalSourceException(String message) {
    super(message);
  }
}
