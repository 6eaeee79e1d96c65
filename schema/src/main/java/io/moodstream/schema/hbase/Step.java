package io.moodstream.schema.hbase;

import java.util.Arrays;
import java.util.Optional;

/** The bucket sizes stored in HBase, each in its own table. */
public enum Step {
  MINUTE("1m", 60),
  HOUR("1h", 3_600),
  DAY("1d", 86_400);

  private final String label;
  private final long seconds;

  Step(String label, long seconds) {
    this.label = label;
    this.seconds = seconds;
  }

  public String label() {
    return label;
  }

  public long seconds() {
    return seconds;
  }

  /** The start of the bucket holding {@code epochSecond} (UTC; days start at 00:00Z). */
  public long alignDown(long epochSecond) {
    return Math.floorDiv(epochSecond, seconds) * seconds;
  }

  public static Optional<Step> fromLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
  }
}
