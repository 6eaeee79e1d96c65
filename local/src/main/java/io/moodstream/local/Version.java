package io.moodstream.local;

/** The project version, for the module jar names the stack runs. */
final class Version {
  static final String VERSION = "0.1.0-SNAPSHOT";

  private Version() {}
}
