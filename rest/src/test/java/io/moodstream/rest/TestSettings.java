package io.moodstream.rest;

import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Service settings for tests and benchmarks, read through the real configuration path. Where they
 * differ from the defaults: any free port, live polling every 200 ms (default 1 s), 4 HBase threads
 * with a queue of 16 (8 and 32), readiness that ignores the streaming job's status age (default 2
 * min), a 1 s shutdown grace (10 s).
 */
public final class TestSettings {
  private static final Map<String, String> FOR_TESTS =
      Map.of(
          "rest.live.poll.interval", "200ms",
          "rest.hbase.threads", "4",
          "rest.hbase.queue", "16",
          "rest.ready.stream.max.age", "0s",
          "rest.shutdown.grace", "1s");

  private TestSettings() {}

  /**
   * The test settings with {@code key, value, key, value…} on top, set as environment variables.
   */
  public static RestConfig.Settings of(String... keyValues) {
    Map<String, String> values = new HashMap<>(FOR_TESTS);
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    Map<String, String> env = new HashMap<>();
    values.forEach((name, value) -> env.put(key(name).envName(), value));
    return RestConfig.Settings.from(MoodstreamConfig.load(RestConfig.KEYS, env, null)).withPort(0);
  }

  private static ConfigKey<?> key(String name) {
    return RestConfig.KEYS.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
  }
}
