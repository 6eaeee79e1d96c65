package io.moodstream.schema.event;

import java.util.Arrays;
import java.util.Optional;

/** Where a post came from. The wire name is what appears in the {@code source} field on Kafka. */
public enum Source {
  TWITTER_V1("twitter-v1"),
  X_V2("x-v2"),
  BLUESKY("bluesky"),
  SYNTHETIC("synthetic"),
  REPLAY("replay");

  private final String wireName;

  Source(String wireName) {
    this.wireName = wireName;
  }

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
