package io.moodstream.schema.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Resolved configuration, the same way for every module: defaults in code, then an optional {@code
 * moodstream.properties}, then {@code MOODSTREAM_*} environment variables on top. Every value is
 * validated when loaded, so a bad value stops a command at start with a message naming the key and
 * where it came from. Secrets come only from the environment (or a file named by {@code
 * MOODSTREAM_..._FILE}) and {@link #describe()} masks them.
 */
public final class MoodstreamConfig {
  /** Names the properties file; when unset, {@code ./moodstream.properties} is read if present. */
  public static final String CONFIG_FILE_ENV = "MOODSTREAM_CONFIG";

  /** Launcher variables that are not configuration keys. */
  private static final Set<String> LAUNCHER_ENV =
      Set.of(
          CONFIG_FILE_ENV,
          "MOODSTREAM_HOME",
          "MOODSTREAM_VAR",
          "MOODSTREAM_JAVA_OPTS",
          "MOODSTREAM_HEAP",
          "MOODSTREAM_LOG_LEVEL");

  private final Map<ConfigKey<?>, Object> values;
  private final Map<ConfigKey<?>, String> origins;
  private final List<String> warnings;

  private MoodstreamConfig(
      Map<ConfigKey<?>, Object> values, Map<ConfigKey<?>, String> origins, List<String> warnings) {
    this.values = values;
    this.origins = origins;
    this.warnings = List.copyOf(warnings);
  }

  /** Loads from the process environment and the properties file it names (or the default one). */
  public static MoodstreamConfig load(List<ConfigKey<?>> keys) {
    Map<String, String> env = System.getenv();
    String named = env.get(CONFIG_FILE_ENV);
    Path file = named != null ? Path.of(named) : Path.of("moodstream.properties");
    if (named != null && !Files.isRegularFile(file)) {
      throw new ConfigException(
          CONFIG_FILE_ENV + " names " + file.toAbsolutePath() + ", which is not a readable file");
    }
    return load(keys, env, Files.isRegularFile(file) ? file : null);
  }

  /** Loads from the given environment and optional properties file; for tests and embedding. */
  public static MoodstreamConfig load(
      List<ConfigKey<?>> keys, Map<String, String> env, Path propertiesFile) {
    Properties props = new Properties();
    if (propertiesFile != null) {
      try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
        props.load(r);
      } catch (IOException e) {
        throw new ConfigException("cannot read " + propertiesFile + ": " + e.getMessage());
      }
    }
    Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
    for (ConfigKey<?> k : keys) {
      if (byName.put(k.name(), k) != null) {
        throw new IllegalArgumentException("config key declared twice: " + k.name());
      }
    }
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
    Map<ConfigKey<?>, String> origins = new LinkedHashMap<>();

    for (String name : new TreeSet<>(props.stringPropertyNames())) {
      ConfigKey<?> k = byName.get(name);
      if (k == null) {
        warnings.add(
            "unknown key '" + name + "' in " + propertiesFile + " is ignored by this command");
      } else if (k.isSecret()) {
        problems.add(
            name
                + " is a secret and may not be written in "
                + propertiesFile
                + ": set "
                + k.envName()
                + " or "
                + k.envName()
                + "_FILE instead");
      }
    }
    Set<String> envNames = keys.stream().map(ConfigKey::envName).collect(Collectors.toSet());
    for (String name : new TreeSet<>(env.keySet())) {
      String base = name.endsWith("_FILE") ? name.substring(0, name.length() - 5) : name;
      if (name.startsWith("MOODSTREAM_")
          && !LAUNCHER_ENV.contains(name)
          && !envNames.contains(name)
          && !envNames.contains(base)) {
        warnings.add("environment variable " + name + " is not a key this command uses");
      }
    }

    for (ConfigKey<?> k : keys) {
      String raw = null;
      String origin = "default";
      if (props.containsKey(k.name()) && !k.isSecret()) {
        raw = props.getProperty(k.name());
        origin = String.valueOf(propertiesFile);
      }
      if (env.containsKey(k.envName())) {
        raw = env.get(k.envName());
        origin = "env " + k.envName();
      } else if (k.isSecret() && env.containsKey(k.envName() + "_FILE")) {
        Path p = Path.of(env.get(k.envName() + "_FILE"));
        try {
          raw = Files.readString(p, StandardCharsets.UTF_8).strip();
          origin = "file " + p + " (env " + k.envName() + "_FILE)";
        } catch (IOException e) {
          problems.add(
              k.envName() + "_FILE names " + p + ", which cannot be read: " + e.getMessage());
          continue;
        }
      }
      if (raw == null) {
        values.put(k, k.defaultValue());
        origins.put(k, "default");
        continue;
      }
      try {
        values.put(k, k.parse(raw));
        origins.put(k, origin);
      } catch (IllegalArgumentException e) {
        String shown = k.isSecret() ? "<secret>" : "'" + raw + "'";
        problems.add(
            "invalid value "
                + shown
                + " for "
                + k.name()
                + " (from "
                + origin
                + "): "
                + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(
          "configuration is invalid:\n  - " + String.join("\n  - ", problems));
    }
    return new MoodstreamConfig(values, origins, warnings);
  }

  /** The value of a key this configuration was loaded with; {@code null} for an unset secret. */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException(
          "key " + key.name() + " was not declared for this command");
    }
    return (T) values.get(key);
  }

  /** A secret's value, or a clear error naming the variables to set. */
  public String require(ConfigKey<String> secret) {
    String v = get(secret);
    if (v == null || v.isEmpty()) {
      throw new ConfigException(
          secret.name()
              + " is required: set "
              + secret.envName()
              + " or "
              + secret.envName()
              + "_FILE ("
              + secret.doc()
              + ")");
    }
    return v;
  }

  /** Keys that looked like configuration but are not used by this command (likely typos). */
  public List<String> warnings() {
    return warnings;
  }

  /** One line per key: name = value (origin), secrets masked. Safe to log. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    values.forEach(
        (k, v) -> {
          String shown;
          if (k.isSecret()) {
            shown = v == null ? "(unset)" : "******";
          } else if (v instanceof java.time.Duration d) {
            shown = ConfigKey.formatDuration(d);
          } else {
            shown = String.valueOf(v);
          }
          b.append(k.name()).append(" = ").append(shown);
          b.append("  (").append(Objects.requireNonNull(origins.get(k))).append(")\n");
        });
    return b.toString();
  }
}
