package io.moodstream.rest.query;

import io.moodstream.schema.hbase.Step;
import java.util.Arrays;
import java.util.Optional;

/**
 * The steps a series can be asked in, and the stored table each is read from: 1m, 1h and 1d read
 * their own rollup table; 5m and 15m are merged exactly from minutes.
 */
public enum Resolution {
  M1("1m", 60, Step.MINUTE),
  M5("5m", 300, Step.MINUTE),
  M15("15m", 900, Step.MINUTE),
  H1("1h", 3_600, Step.HOUR),
  D1("1d", 86_400, Step.DAY);

  /** Most points one series may have. */
  public static final int MAX_POINTS = 5_000;

  /** {@code step=auto} picks the smallest step giving at most this many points. */
  public static final int AUTO_POINTS = 1_500;

  private final String label;
  private final long seconds;
  private final Step source;

  Resolution(String label, long seconds, Step source) {
    this.label = label;
    this.seconds = seconds;
    this.source = source;
  }

  public String label() {
    return label;
  }

  public long seconds() {
    return seconds;
  }

  /** The table the buckets are read from. */
  public Step source() {
    return source;
  }

  public long alignDown(long t) {
    return Math.floorDiv(t, seconds) * seconds;
  }

  public long alignUp(long t) {
    return -Math.floorDiv(-t, seconds) * seconds;
  }

  /** Buckets (possible points) between the aligned ends of [from, to). */
  public long points(long from, long to) {
    return (alignUp(to) - alignDown(from)) / seconds;
  }

  public static Optional<Resolution> fromLabel(String label) {
    return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst();
  }

  /**
   * The resolution for a {@code step} parameter over [from, to): a fixed step, or for {@code auto}
   * the smallest giving at most {@link #AUTO_POINTS} points (1d beyond that). Fails when the range
   * has more than {@link #MAX_POINTS} buckets of the step.
   */
  public static Resolution choose(String step, long from, long to) {
    String s = step == null || step.isBlank() ? "auto" : step.trim();
    Resolution r;
    if (s.equals("auto")) {
      r =
          Arrays.stream(values())
              .filter(x -> x.points(from, to) <= AUTO_POINTS)
              .findFirst()
              .orElse(D1);
    } else {
      r =
          fromLabel(s)
              .orElseThrow(
                  () ->
                      new BadParameterException(
                          "step", "unknown step '" + s + "': use 1m, 5m, 15m, 1h, 1d or auto"));
    }
    long n = r.points(from, to);
    if (n > MAX_POINTS) {
      throw new BadParameterException(
          "step",
          "the range holds "
              + n
              + " buckets of "
              + r.label
              + ", more than "
              + MAX_POINTS
              + ": use a coarser step or a shorter range");
    }
    return r;
  }
}
