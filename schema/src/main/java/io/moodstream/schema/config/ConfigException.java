package io.moodstream.schema.config;

/** A configuration value is missing or invalid; the message says which key, where from, and why. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
