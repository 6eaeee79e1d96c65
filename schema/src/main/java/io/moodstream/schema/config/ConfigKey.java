package io.moodstream.schema.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One configuration key: its name, type, default, validation and a one-line doc. Keys are declared
 * as constants in one config class per module (see {@link CommonConfig}).
 *
 * <p>The environment variable of key {@code kafka.bootstrap.servers} is {@code
 * MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS}: upper case, dots and dashes become underscores.
 *
 * <p>A {@linkplain #prefix prefix key} stands for a family of pass-through entries {@code
 * <name>.<property>} (e.g. {@code kafka.client.security.protocol}); its value is the map property →
 * value of every entry set in any source.
 *
 * @param <T> the parsed value type
 */
public final class ConfigKey<T> {
  private final String name;
  private final String type;
  private final T defaultValue;
  private final Function<String, T> parser;
  private final String doc;
  private final boolean secret;
  private final BiFunction<String, String, Sensitivity> entrySensitivity;

  /** How an entry of a prefix key is treated: shown, masked in logs, or a secret. */
  public enum Sensitivity {
    /** Shown in logs and {@code describe()}. */
    PLAIN,
    /** Masked in logs and {@code describe()}, accepted from every source. */
    MASKED,
    /**
     * Masked, and accepted only from the environment or a file named by {@code <ENV>_FILE}: never
     * from the properties file or SparkConf (visible in the Spark UI and event logs).
     */
    SECRET
  }

  /** A key that is neither a secret nor a prefix key. */
  private ConfigKey(
      String name, String type, T defaultValue, Function<String, T> parser, String doc) {
    this(name, type, defaultValue, parser, doc, false, null);
  }

  private ConfigKey(
      String name,
      String type,
      T defaultValue,
      Function<String, T> parser,
      String doc,
      boolean secret,
      BiFunction<String, String, Sensitivity> entrySensitivity) {
    if (!name.matches("[a-z][a-z0-9]*([.-][a-z0-9]+)*")) {
      throw new IllegalArgumentException("bad config key name: " + name);
    }
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.parser = Objects.requireNonNull(parser);
    this.doc = Objects.requireNonNull(doc);
    this.secret = secret;
    this.entrySensitivity = entrySensitivity;
  }

  public static ConfigKey<String> string(String name, String defaultValue, String doc) {
    return new ConfigKey<>(name, "string", defaultValue, s -> s, doc);
  }

  /**
   * A secret: read only from the environment or a file named by {@code <ENV>_FILE}; never logged.
   */
  public static ConfigKey<String> secret(String name, String doc) {
    return new ConfigKey<>(name, "secret", null, s -> s, doc, true, null);
  }

  public static ConfigKey<Integer> integer(
      String name, int defaultValue, int min, int max, String doc) {
    return new ConfigKey<>(
        name,
        "int [" + min + ".." + max + "]",
        defaultValue,
        s -> {
          int v;
          try {
            v = Integer.parseInt(s.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be an integer between " + min + " and " + max);
          }
          if (v < min || v > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
          }
          return v;
        },
        doc);
  }

  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
    return new ConfigKey<>(
        name,
        "boolean",
        defaultValue,
        s -> {
          String v = s.trim().toLowerCase(Locale.ROOT);
          if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
          }
          throw new IllegalArgumentException("must be true or false");
        },
        doc);
  }

  /** A duration written as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 90d}. */
  public static ConfigKey<Duration> duration(
      String name, Duration defaultValue, Duration min, String doc) {
    return new ConfigKey<>(
        name,
        "duration",
        defaultValue,
        s -> {
          Duration d = parseDuration(s);
          if (d.compareTo(min) < 0) {
            throw new IllegalArgumentException("must be at least " + formatDuration(min));
          }
          return d;
        },
        doc);
  }

  /** One of a fixed set of words, compared case-sensitively. */
  public static ConfigKey<String> choice(
      String name, String defaultValue, List<String> choices, String doc) {
    return new ConfigKey<>(
        name,
        "one of " + String.join("|", choices),
        defaultValue,
        s -> {
          if (!choices.contains(s.trim())) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", choices));
          }
          return s.trim();
        },
        doc);
  }

  /**
   * A family of pass-through entries {@code <name>.<property>=value}, collected from every source
   * into one map property → value (later sources win per property). {@code sensitivity} says, per
   * property and value, whether an entry is shown, masked or a secret.
   */
  public static ConfigKey<Map<String, String>> prefix(
      String name, String doc, BiFunction<String, String, Sensitivity> sensitivity) {
    return new ConfigKey<>(
        name,
        "pass-through " + name + ".*",
        Map.of(),
        s -> {
          throw new IllegalArgumentException("a prefix key has no single value");
        },
        doc,
        false,
        Objects.requireNonNull(sensitivity));
  }

  /** A comma-separated list; blanks around items are trimmed, empty items dropped. */
  public static ConfigKey<List<String>> list(String name, List<String> defaultValue, String doc) {
    return new ConfigKey<>(
        name,
        "list",
        List.copyOf(defaultValue),
        s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList(),
        doc);
  }

  static Duration parseDuration(String s) {
    String v = s.trim();
    int i = 0;
    while (i < v.length() && Character.isDigit(v.charAt(i))) {
      i++;
    }
    if (i == 0 || i == v.length()) {
      throw new IllegalArgumentException("must be a duration such as 500ms, 30s, 5m, 2h or 90d");
    }
    long n = Long.parseLong(v.substring(0, i));
    return switch (v.substring(i)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default ->
          throw new IllegalArgumentException(
              "must be a duration such as 500ms, 30s, 5m, 2h or 90d");
    };
  }

  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms > 0) {
      return ms / 86_400_000 + "d";
    } else if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    } else if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    } else if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  T parse(String raw) {
    return parser.apply(raw);
  }

  public String name() {
    return name;
  }

  public String type() {
    return type;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  public boolean isSecret() {
    return secret;
  }

  /** True for a {@linkplain #prefix prefix key}. */
  public boolean isPrefix() {
    return entrySensitivity != null;
  }

  /** How the entry {@code property} = {@code value} of a prefix key is treated. */
  public Sensitivity sensitivity(String property, String value) {
    if (entrySensitivity == null) {
      return secret ? Sensitivity.SECRET : Sensitivity.PLAIN;
    }
    return entrySensitivity.apply(property, value);
  }

  /** {@code kafka.bootstrap.servers} → {@code MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS}. */
  public String envName() {
    return envName(name);
  }

  /**
   * The environment variable of a key name (a key declared by another module) or of a prefix key's
   * entry ({@code kafka.client.ssl.key.password}).
   */
  public static String envName(String name) {
    return "MOODSTREAM_" + name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** The default as it would be written in moodstream.properties. */
  public String defaultText() {
    if (defaultValue == null) {
      return "";
    }
    if (defaultValue instanceof Duration d) {
      return formatDuration(d);
    }
    if (defaultValue instanceof List<?> l) {
      return String.join(",", l.stream().map(String::valueOf).toList());
    }
    if (defaultValue instanceof Map<?, ?>) {
      return "";
    }
    return String.valueOf(defaultValue);
  }

  @Override
  public String toString() {
    return name;
  }
}
