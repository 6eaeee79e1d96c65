package io.moodstream.schema.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a post came from. The wire name is what appears in the {@code source} field on Kafka. */
public enum Source {
  TWITTER_V1,
  X_V2,
  BLUESKY,
  SYNTHETIC,
  REPLAY;

  /** The name in lower case with {@code -} for {@code _} (SourceTest pins every one). */
  private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

  public String wireName() {
    return wireName;
  }

  public static Optional<Source> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
