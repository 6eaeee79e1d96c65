package io.moodstream.schema.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Resolved configuration, the same way for every module. Sources, later ones winning:
 *
 * <ol>
 *   <li>defaults in code;
 *   <li>an optional {@code moodstream.properties} (or the file named by {@code MOODSTREAM_CONFIG});
 *   <li>{@code MOODSTREAM_*} environment variables;
 *   <li>overrides handed in by the caller: the Spark job passes SparkConf's {@code
 *       spark.moodstream.<key>} entries here ({@link #withPrefix}).
 * </ol>
 *
 * Every value is validated when loaded, so a bad value stops a command at start with a message
 * naming the key and where it came from. Secrets come only from the environment (or a file named by
 * {@code MOODSTREAM_..._FILE}): the properties file and the overrides (SparkConf, visible in the
 * Spark UI and event logs) may not carry them, and {@link #describe()} masks them. {@link
 * #isExplicit} and {@link #origin} tell whether and where a key was set, for settings that others
 * own unless Moodstream's key is set explicitly (hbase-site.xml, SparkConf).
 */
public final class MoodstreamConfig {
  /** Names the properties file; when unset, {@code ./moodstream.properties} is read if present. */
  public static final String CONFIG_FILE_ENV = "MOODSTREAM_CONFIG";

  /** The prefix under which SparkConf carries Moodstream keys: {@code spark.moodstream.<key>}. */
  public static final String SPARK_PREFIX = "spark.moodstream.";

  /**
   * Variables of the launcher, and of the Ansible tooling an operator exports beside them ({@code
   * MOODSTREAM_AWS_PYTHON}, ansible/README.md), that are not configuration keys.
   */
  private static final Set<String> LAUNCHER_ENV =
      Set.of(
          CONFIG_FILE_ENV,
          "MOODSTREAM_HOME",
          "MOODSTREAM_VAR",
          "MOODSTREAM_JAVA_OPTS",
          "MOODSTREAM_HEAP",
          "MOODSTREAM_LOG_LEVEL",
          "MOODSTREAM_AWS_PYTHON");

  /**
   * The first word of every key of every Moodstream command. A file, the environment and SparkConf
   * are shared by all commands, so a key in another command's namespace is not this command's typo:
   * it is left to that command, which warns about its own (local's ConfigDocsTest checks that every
   * declared key's namespace is here).
   */
  public static final Set<String> NAMESPACES =
      Set.of("kafka", "hbase", "posts", "ingest", "streaming", "rest", "sql", "local");

  private static final String MASK = "******";

  /** Where a value came from. */
  private record Origin(boolean explicit, String text) {
    static final Origin DEFAULT = new Origin(false, "default");
  }

  private final Map<ConfigKey<?>, Object> values;
  private final Map<ConfigKey<?>, Origin> origins;
  private final Map<String, Origin> entryOrigins;
  private final List<String> warnings;
  private final Set<String> fileNames;

  private MoodstreamConfig(
      Map<ConfigKey<?>, Object> values,
      Map<ConfigKey<?>, Origin> origins,
      Map<String, Origin> entryOrigins,
      List<String> warnings,
      Set<String> fileNames) {
    this.values = values;
    this.origins = origins;
    this.entryOrigins = entryOrigins;
    this.warnings = List.copyOf(warnings);
    this.fileNames = Set.copyOf(fileNames);
  }

  /**
   * Key values handed in by the caller on top of every other source.
   *
   * @param values key name → value
   * @param origin how they are named in messages, e.g. {@code SparkConf}
   * @param prefix the prefix the caller removed from the names, shown in messages ({@code
   *     spark.moodstream.}), or empty
   */
  public record Overrides(Map<String, String> values, String origin, String prefix) {
    public static final Overrides NONE = new Overrides(Map.of(), "overrides", "");

    public Overrides {
      values = Map.copyOf(values);
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * The {@code spark.moodstream.<key>} entries of a SparkConf (as a map of all its entries), e.g.
     * {@code spark.moodstream.streaming.watermark} → key {@code streaming.watermark}.
     */
    public static Overrides sparkConf(Map<String, String> sparkConf) {
      return new Overrides(withPrefix(sparkConf, SPARK_PREFIX), "SparkConf", SPARK_PREFIX);
    }
  }

  /** Loads from the process environment and the properties file it names (or the default one). */
  public static MoodstreamConfig load(List<ConfigKey<?>> keys) {
    return load(keys, Overrides.NONE);
  }

  /**
   * Loads from the process environment, the properties file it names (or the default one), and
   * {@code overrides} on top (the Spark job: {@link Overrides#sparkConf}).
   */
  public static MoodstreamConfig load(List<ConfigKey<?>> keys, Overrides overrides) {
    Map<String, String> env = System.getenv();
    return load(keys, env, propertiesFile(env), overrides);
  }

  /**
   * The properties file every command reads: the one {@value #CONFIG_FILE_ENV} names, which must
   * exist (a {@link ConfigException} naming it otherwise), else {@code moodstream.properties} in
   * the working directory if there is one, else null.
   */
  public static Path propertiesFile(Map<String, String> env) {
    String named = env.get(CONFIG_FILE_ENV);
    Path file = named != null ? Path.of(named) : Path.of("moodstream.properties");
    if (named != null && !Files.isRegularFile(file)) {
      throw new ConfigException(
          CONFIG_FILE_ENV + " names " + file.toAbsolutePath() + ", which is not a readable file");
    }
    return Files.isRegularFile(file) ? file : null;
  }

  /** Loads from the given environment and optional properties file; for tests and embedding. */
  public static MoodstreamConfig load(
      List<ConfigKey<?>> keys, Map<String, String> env, Path propertiesFile) {
    return load(keys, env, propertiesFile, Overrides.NONE);
  }

  /**
   * Loads from the given environment, optional properties file and overrides; for tests and
   * embedding.
   */
  public static MoodstreamConfig load(
      List<ConfigKey<?>> keys, Map<String, String> env, Path propertiesFile, Overrides overrides) {
    return new Loader(keys, env, propertiesFile, overrides).load();
  }

  /**
   * The entries of {@code all} whose name starts with {@code prefix}, with the prefix removed:
   * {@code withPrefix(sparkConf, SPARK_PREFIX)} turns {@code spark.moodstream.streaming.watermark}
   * into {@code streaming.watermark}.
   */
  public static Map<String, String> withPrefix(Map<String, String> all, String prefix) {
    Map<String, String> out = new TreeMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && k.length() > prefix.length()) {
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }

  /**
   * The properties file or the caller's overrides: both name keys as written and are read the same
   * way; they differ in how messages name them, per key name: {@code origin} where a value came
   * from, {@code in} where an unknown key was found, {@code refusal} why a secret may not be there.
   */
  private record Layer(
      Map<String, String> values,
      Function<String, String> origin,
      Function<String, String> in,
      Function<String, String> refusal) {}

  /** Resolves keys from the four sources; collects every problem before failing. */
  private static final class Loader {
    private final List<ConfigKey<?>> keys;

    /** The environment, sorted: variables are checked and read in name order. */
    private final Map<String, String> env;

    private final Layer file;
    private final Layer overrides;
    private final Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();

    /** The environment variable of every declared key. */
    private final Set<String> envNames = new TreeSet<>();

    /** The first words of the declared keys: an unknown key there is this command's typo. */
    private final Set<String> ownNamespaces = new TreeSet<>();

    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
    private final Map<ConfigKey<?>, Origin> origins = new LinkedHashMap<>();
    private final Map<String, Origin> entryOrigins = new TreeMap<>();

    Loader(List<ConfigKey<?>> keys, Map<String, String> env, Path file, Overrides overrides) {
      this.keys = keys;
      this.env = new TreeMap<>(env);
      String path = String.valueOf(file);
      this.file = new Layer(read(file), n -> path, n -> path, n -> "may not be written in " + path);
      String from = overrides.origin();
      String prefix = overrides.prefix();
      this.overrides =
          new Layer(
              new TreeMap<>(overrides.values()),
              n -> from + " " + prefix + n,
              n -> from + " (" + prefix + n + ")",
              n ->
                  "may not come through "
                      + from
                      + " ("
                      + prefix
                      + n
                      + ": visible in the Spark UI and event logs)");
    }

    /** The entries of the properties file, by name; none without a file. */
    private static Map<String, String> read(Path file) {
      Properties props = new Properties();
      if (file != null) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          props.load(r);
        } catch (IOException e) {
          throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
      }
      Map<String, String> values = new TreeMap<>();
      props.stringPropertyNames().forEach(n -> values.put(n, props.getProperty(n)));
      return values;
    }

    MoodstreamConfig load() {
      for (ConfigKey<?> k : keys) {
        if (byName.put(k.name(), k) != null) {
          throw new IllegalArgumentException("config key declared twice: " + k.name());
        }
        envNames.add(k.envName());
        ownNamespaces.add(namespace(k.name(), '.'));
      }
      checkNames(file);
      checkNames(overrides);
      checkEnvNames();
      for (ConfigKey<?> k : keys) {
        if (k.isPrefix()) {
          loadPrefix(k);
        } else {
          loadKey(k);
        }
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(
            "configuration is invalid:\n  - " + String.join("\n  - ", problems));
      }
      return new MoodstreamConfig(values, origins, entryOrigins, warnings, file.values().keySet());
    }

    /** The prefix key an entry name belongs to, or null. */
    private ConfigKey<?> prefixOf(String name) {
      for (ConfigKey<?> k : keys) {
        if (k.isPrefix()
            && name.startsWith(k.name() + ".")
            && name.length() > k.name().length() + 1) {
          return k;
        }
      }
      return null;
    }

    /** The first word of a key name ({@code .}) or of an environment name less MOODSTREAM_. */
    private static String namespace(String name, char separator) {
      int end = name.indexOf(separator);
      return (end < 0 ? name : name.substring(0, end)).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether an unknown name in {@code namespace} is worth a warning: it is in this command's own
     * namespaces, or in none of Moodstream's (a misspelt first word).
     */
    private boolean mine(String namespace) {
      return ownNamespaces.contains(namespace) || !NAMESPACES.contains(namespace);
    }

    private void checkNames(Layer layer) {
      for (String name : layer.values().keySet()) {
        ConfigKey<?> k = byName.get(name);
        if (k == null && prefixOf(name) == null) {
          if (mine(namespace(name, '.'))) {
            warnings.add(
                "unknown key '"
                    + name
                    + "' in "
                    + layer.in().apply(name)
                    + " is ignored by this command");
          }
        } else if (k != null && k.isSecret()) {
          problems.add(secretRefused(name, layer.refusal().apply(name)));
        }
      }
    }

    /** The problem of secret {@code name} found where {@code why} says it may not be. */
    private static String secretRefused(String name, String why) {
      return name + " is a secret and " + why + ": " + set(name);
    }

    private void checkEnvNames() {
      List<String> prefixEnv = new ArrayList<>();
      for (ConfigKey<?> k : keys) {
        if (k.isPrefix()) {
          prefixEnv.add(k.envName() + "_");
        }
      }
      for (String name : env.keySet()) {
        if (!name.startsWith("MOODSTREAM_") || LAUNCHER_ENV.contains(name)) {
          continue;
        }
        String base = name.endsWith("_FILE") ? name.substring(0, name.length() - 5) : name;
        boolean known =
            envNames.contains(name)
                || envNames.contains(base)
                || prefixEnv.stream()
                    .anyMatch(p -> name.startsWith(p) && name.length() > p.length());
        if (!known && mine(namespace(name.substring("MOODSTREAM_".length()), '_'))) {
          warnings.add("environment variable " + name + " is not a key this command uses");
        }
      }
    }

    private void loadKey(ConfigKey<?> k) {
      String raw = null;
      Origin origin = Origin.DEFAULT;
      if (file.values().containsKey(k.name()) && !k.isSecret()) {
        raw = file.values().get(k.name());
        origin = new Origin(true, file.origin().apply(k.name()));
      }
      if (env.containsKey(k.envName())) {
        raw = env.get(k.envName());
        origin = new Origin(true, "env " + k.envName());
      } else if (k.isSecret() && env.containsKey(k.envName() + "_FILE")) {
        Path p = Path.of(env.get(k.envName() + "_FILE"));
        try {
          raw = Files.readString(p, StandardCharsets.UTF_8).strip();
          origin = new Origin(true, "file " + p + " (env " + k.envName() + "_FILE)");
        } catch (IOException e) {
          problems.add(
              k.envName() + "_FILE names " + p + ", which cannot be read: " + e.getMessage());
          return;
        }
      }
      if (overrides.values().containsKey(k.name()) && !k.isSecret()) {
        raw = overrides.values().get(k.name());
        origin = new Origin(true, overrides.origin().apply(k.name()));
      }
      if (raw == null) {
        values.put(k, k.defaultValue());
        origins.put(k, Origin.DEFAULT);
        return;
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
                + origin.text()
                + "): "
                + e.getMessage());
      }
    }

    /**
     * Collects the entries of a prefix key. The environment variable {@code
     * MOODSTREAM_KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION} is entry {@code ssl.truststore.location}
     * (lower case, {@code _} → {@code .}); {@code ..._FILE} reads the value from that file.
     */
    private void loadPrefix(ConfigKey<?> k) {
      String dot = k.name() + ".";
      Map<String, String> entries = new TreeMap<>();
      Map<String, Origin> from = new TreeMap<>();
      collectEntries(k, file, entries, from);
      String envPrefix = k.envName() + "_";
      for (String name : env.keySet()) {
        if (!name.startsWith(envPrefix) || name.length() == envPrefix.length()) {
          continue;
        }
        boolean fromFile = name.endsWith("_FILE");
        String base = fromFile ? name.substring(0, name.length() - 5) : name;
        if (envNames.contains(base) || base.length() <= envPrefix.length()) {
          continue; // a declared key such as MOODSTREAM_KAFKA_CLIENT_CONFIG
        }
        String property =
            base.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        if (fromFile) {
          if (env.containsKey(base)) {
            continue; // the variable itself wins over its _FILE
          }
          Path p = Path.of(env.get(name));
          try {
            entries.put(property, Files.readString(p, StandardCharsets.UTF_8).strip());
            from.put(property, new Origin(true, "file " + p + " (env " + name + ")"));
          } catch (IOException e) {
            problems.add(name + " names " + p + ", which cannot be read: " + e.getMessage());
          }
        } else {
          entries.put(property, env.get(name));
          from.put(property, new Origin(true, "env " + name));
        }
      }
      collectEntries(k, overrides, entries, from);
      for (String property : entries.keySet()) {
        if (!property.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
          problems.add(
              "invalid pass-through key '"
                  + dot
                  + property
                  + "' (from "
                  + from.get(property).text()
                  + ")");
        }
      }
      values.put(k, Collections.unmodifiableMap(entries));
      origins.put(k, entries.isEmpty() ? Origin.DEFAULT : new Origin(true, "pass-through"));
      from.forEach((property, o) -> entryOrigins.put(dot + property, o));
    }

    /** The entries of prefix key {@code k} in {@code layer}, refusing secrets. */
    private void collectEntries(
        ConfigKey<?> k, Layer layer, Map<String, String> entries, Map<String, Origin> from) {
      String dot = k.name() + ".";
      for (Map.Entry<String, String> e : layer.values().entrySet()) {
        String name = e.getKey();
        if (name.startsWith(dot) && !byName.containsKey(name) && name.length() > dot.length()) {
          String property = name.substring(dot.length());
          if (k.sensitivity(property, e.getValue()) == ConfigKey.Sensitivity.SECRET) {
            problems.add(secretRefused(name, layer.refusal().apply(name)));
          } else {
            entries.put(property, e.getValue());
            from.put(property, new Origin(true, layer.origin().apply(name)));
          }
        }
      }
    }
  }

  /** The value of a key this configuration was loaded with; {@code null} for an unset secret. */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    requireDeclared(key);
    return (T) values.get(key);
  }

  /**
   * True when {@code key} was set in the properties file, the environment or the overrides, false
   * when it has its default. A prefix key is explicit when any of its entries is set.
   */
  public boolean isExplicit(ConfigKey<?> key) {
    requireDeclared(key);
    return origins.get(key).explicit();
  }

  /**
   * True when the properties file sets {@code property}, whether or not this command declares it: a
   * launcher that passes a child a key by environment (which wins over the file) asks first.
   */
  public boolean fileSets(String property) {
    return fileNames.contains(property);
  }

  /** Where the value of {@code key} came from: {@code default}, the file, {@code env …}, … */
  public String origin(ConfigKey<?> key) {
    requireDeclared(key);
    return origins.get(key).text();
  }

  private void requireDeclared(ConfigKey<?> key) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException(
          "key " + key.name() + " was not declared for this command");
    }
  }

  /** A secret's value, or a clear error naming the variables to set. */
  public String require(ConfigKey<String> secret) {
    String v = get(secret);
    if (v == null || v.isEmpty()) {
      throw new ConfigException(
          secret.name() + " is required: " + set(secret.name()) + " (" + secret.doc() + ")");
    }
    return v;
  }

  /** Where secret {@code name} may be given: "set" its variable or the file variable beside it. */
  private static String set(String name) {
    String envName = ConfigKey.envName(name);
    return "set " + envName + " or " + envName + "_FILE";
  }

  /** Keys that looked like configuration but are not used by this command (likely typos). */
  public List<String> warnings() {
    return warnings;
  }

  /** The value as it may be shown in logs: secrets and masked pass-through entries hidden. */
  public static String shown(ConfigKey<?> key, String property, String value) {
    return key.sensitivity(property, value) == ConfigKey.Sensitivity.PLAIN ? value : MASK;
  }

  /** One line per key: name = value (origin), secrets masked. Safe to log. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    values.forEach(
        (k, v) -> {
          if (k.isPrefix()) {
            Map<?, ?> entries = (Map<?, ?>) v;
            if (entries.isEmpty()) {
              b.append(k.name()).append(".* = (none)  (default)\n");
            }
            entries.forEach(
                (property, value) -> {
                  String name = k.name() + "." + property;
                  b.append(name)
                      .append(" = ")
                      .append(shown(k, (String) property, (String) value))
                      .append("  (")
                      .append(Objects.requireNonNull(entryOrigins.get(name)).text())
                      .append(")\n");
                });
            return;
          }
          String shown;
          if (k.isSecret()) {
            shown = v == null ? "(unset)" : MASK;
          } else if (v instanceof java.time.Duration d) {
            shown = ConfigKey.formatDuration(d);
          } else {
            shown = String.valueOf(v);
          }
          b.append(k.name()).append(" = ").append(shown);
          b.append("  (").append(Objects.requireNonNull(origins.get(k)).text()).append(")\n");
        });
    return b.toString();
  }
}
