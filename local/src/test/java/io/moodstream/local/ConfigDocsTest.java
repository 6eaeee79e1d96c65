package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.ingest.IngestConfig;
import io.moodstream.rest.RestConfig;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.sql.SqlConfig;
import io.moodstream.streaming.StreamingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration documentation cannot drift from the declared keys: every key and {@code
 * MOODSTREAM_*} variable that docs/CONFIGURATION.md and the READMEs name exists, and every declared
 * key is documented in a key table. This module sees every command's keys (its test scope holds
 * every module), so the check lives here.
 */
class ConfigDocsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Every command's keys: the common ones plus each module's own. */
  static final Map<String, ConfigKey<?>> DECLARED = declared();

  /**
   * Variables that are neither keys nor launcher variables (which the loader itself knows): each
   * with the files that read it.
   */
  static final Map<String, List<String>> TOOLING_ENV =
      Map.of(
          "MOODSTREAM_AWS_PYTHON",
          List.of(".ci/run", "ansible/inventory/example/group_vars/all/main.yml"));

  /**
   * Names in the prose that look like keys but are counters: each with the source that counts it.
   */
  static final Map<String, String> COUNTERS =
      Map.of(
          "kafka.delivered", "ingest/src/main/java/io/moodstream/ingest/MetricsEndpoint.java",
          "kafka.spooled", "ingest/src/main/java/io/moodstream/ingest/MetricsEndpoint.java",
          "kafka.resent", "ingest/src/main/java/io/moodstream/ingest/MetricsEndpoint.java");

  private static final Pattern KEY_TABLE_ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");
  private static final Pattern KEY_TABLE_ROW_WITH_DEFAULT =
      Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*`([^`]*)`\\s*\\|");
  private static final Pattern KEY_TABLE_HEADER = Pattern.compile("^\\|\\s*key\\s*\\|.*");
  private static final Pattern BACKTICKED = Pattern.compile("`([^`\\s]+)`");
  private static final Pattern KEY_NAME = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)+");
  private static final Pattern ENV_NAME = Pattern.compile("MOODSTREAM_[A-Z0-9_]+");

  private static Map<String, ConfigKey<?>> declared() {
    Map<String, ConfigKey<?>> all = new TreeMap<>();
    for (List<ConfigKey<?>> keys :
        List.of(
            IngestConfig.KEYS,
            RestConfig.KEYS,
            StreamingConfig.KEYS,
            SqlConfig.KEYS,
            LocalConfig.KEYS)) {
      keys.forEach(k -> all.put(k.name(), k));
    }
    return all;
  }

  /** docs/CONFIGURATION.md, the root README and every module's README. */
  static List<Path> docs() {
    List<Path> out = new ArrayList<>();
    out.add(ROOT.resolve("docs/CONFIGURATION.md"));
    out.add(ROOT.resolve("README.md"));
    try (Stream<Path> modules = Files.list(ROOT)) {
      modules
          .map(m -> m.resolve("README.md"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String where(Path doc, int line) {
    return ROOT.relativize(doc) + ":" + (line + 1);
  }

  /** The first column of every table whose header's first column is "key", with its place. */
  static Map<String, String> keyTableEntries() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Path doc : docs()) {
      List<String> lines = lines(doc);
      boolean inTable = false;
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (KEY_TABLE_HEADER.matcher(l).matches()) {
          inTable = true;
          continue;
        }
        if (!l.startsWith("|")) {
          inTable = false;
          continue;
        }
        Matcher m = KEY_TABLE_ROW.matcher(l);
        if (inTable && m.find()) {
          out.putIfAbsent(m.group(1), where(doc, i));
        }
      }
    }
    return out;
  }

  /** Rows of the key tables whose default column is one code span: key → [default, place]. */
  static Map<String, String[]> documentedDefaults() {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (Path doc : docs()) {
      List<String> lines = lines(doc);
      boolean inTable = false;
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (KEY_TABLE_HEADER.matcher(l).matches()) {
          inTable = l.split("\\|")[2].strip().equals("default");
          continue;
        }
        if (!l.startsWith("|")) {
          inTable = false;
          continue;
        }
        Matcher m = KEY_TABLE_ROW_WITH_DEFAULT.matcher(l);
        if (inTable && m.find()) {
          out.putIfAbsent(m.group(1), new String[] {m.group(2), where(doc, i)});
        }
      }
    }
    return out;
  }

  /** Whether {@code name} is a declared key or an entry {@code <prefix key>.<property>}. */
  static boolean isDeclared(String name) {
    if (DECLARED.containsKey(name)) {
      return true;
    }
    return DECLARED.values().stream()
        .anyMatch(k -> k.isPrefix() && name.startsWith(k.name() + "."));
  }

  @Test
  void everyKeyInAKeyTableIsDeclared() {
    Map<String, String> unknown = new TreeMap<>();
    keyTableEntries()
        .forEach(
            (entry, where) -> {
              String name = entry.replace(".<property>", "");
              if (!DECLARED.containsKey(name)) {
                unknown.put(entry, where);
              }
            });
    assertThat(unknown).as("documented keys that no command declares").isEmpty();
  }

  @Test
  void everyDeclaredKeyIsInAKeyTable() {
    Set<String> documented = new TreeSet<>();
    keyTableEntries().keySet().forEach(e -> documented.add(e.replace(".<property>", "")));
    Set<String> missing = new TreeSet<>(DECLARED.keySet());
    missing.removeAll(documented);
    assertThat(missing)
        .as("declared keys missing from the key tables of docs/CONFIGURATION.md and the READMEs")
        .isEmpty();
  }

  @Test
  void everyDefaultInAKeyTableIsTheDeclaredOne() {
    Map<String, String> wrong = new TreeMap<>();
    documentedDefaults()
        .forEach(
            (name, d) -> {
              ConfigKey<?> k = DECLARED.get(name);
              if (k != null && !k.defaultText().equals(d[0])) {
                wrong.put(name, d[1] + " says `" + d[0] + "`, declared `" + k.defaultText() + "`");
              }
            });
    assertThat(wrong).as("documented defaults that differ from the declared ones").isEmpty();
  }

  @Test
  void everyKeyNamedInTheProseIsDeclared() {
    Set<String> families = new TreeSet<>();
    DECLARED.keySet().forEach(k -> families.add(k.substring(0, k.indexOf('.')) + "."));
    Map<String, String> unknown = new TreeMap<>();
    for (Path doc : docs()) {
      List<String> lines = lines(doc);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = BACKTICKED.matcher(lines.get(i));
        while (m.find()) {
          String token = m.group(1);
          token = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
          token =
              token.startsWith(MoodstreamConfig.SPARK_PREFIX)
                  ? token.substring(MoodstreamConfig.SPARK_PREFIX.length())
                  : token;
          String name = token;
          if (KEY_NAME.matcher(name).matches()
              && families.stream().anyMatch(name::startsWith)
              && !isDeclared(name)
              && !isHBaseProperty(name)
              && !isCounter(name)) {
            unknown.putIfAbsent(name, where(doc, i));
          }
        }
      }
    }
    assertThat(unknown).as("keys named in the docs that no command declares").isEmpty();
  }

  @Test
  void everyMoodstreamVariableNamedInTheDocsIsOneTheCommandsOrToolsRead() {
    Set<String> envNames = new TreeSet<>();
    Set<String> secretEnvNames = new TreeSet<>();
    List<String> prefixEnv = new ArrayList<>();
    for (ConfigKey<?> k : DECLARED.values()) {
      envNames.add(k.envName());
      if (k.isSecret()) {
        secretEnvNames.add(k.envName());
      }
      if (k.isPrefix()) {
        prefixEnv.add(k.envName() + "_");
      }
    }
    Map<String, String> unknown = new TreeMap<>();
    for (Path doc : docs()) {
      List<String> lines = lines(doc);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = ENV_NAME.matcher(lines.get(i));
        while (m.find()) {
          String name = m.group();
          String base = name.endsWith("_FILE") ? name.substring(0, name.length() - 5) : name;
          boolean known =
              envNames.contains(name)
                  || secretEnvNames.contains(base)
                  || prefixEnv.stream().anyMatch(name::startsWith)
                  || isLauncherVariable(name)
                  || isReadByItsTools(name);
          if (!known) {
            unknown.putIfAbsent(name, where(doc, i));
          }
        }
      }
    }
    assertThat(unknown).as("MOODSTREAM_* variables in the docs that nothing reads").isEmpty();
  }

  /** A property of HBase itself (hbase-default.xml), such as {@code hbase.rootdir}. */
  static boolean isHBaseProperty(String name) {
    return HBASE_DEFAULTS.contains("<name>" + name + "</name>");
  }

  static final String HBASE_DEFAULTS = hbaseDefaults();

  private static String hbaseDefaults() {
    try (var in = ConfigDocsTest.class.getClassLoader().getResourceAsStream("hbase-default.xml")) {
      assertThat(in).as("hbase-default.xml on the test classpath").isNotNull();
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isCounter(String name) {
    String source = COUNTERS.get(name);
    if (source == null) {
      return false;
    }
    assertThat(String.join("\n", lines(ROOT.resolve(source))))
        .as("%s counts %s", source, name)
        .contains("\"" + name + "\"");
    return true;
  }

  /** The loader's own list: a launcher variable draws no "not a key" warning. */
  static boolean isLauncherVariable(String name) {
    MoodstreamConfig c = MoodstreamConfig.load(List.of(), Map.of(name, "x"), null);
    return c.warnings().stream().noneMatch(w -> w.contains(name));
  }

  static boolean isReadByItsTools(String name) {
    List<String> files = TOOLING_ENV.get(name);
    if (files == null) {
      return false;
    }
    for (String f : files) {
      assertThat(String.join("\n", lines(ROOT.resolve(f))))
          .as("%s reads %s", f, name)
          .contains(name);
    }
    return true;
  }

  @Test
  void theCheckItselfTellsKeysAndVariablesApart() {
    assertThat(isLauncherVariable("MOODSTREAM_NO_SUCH_THING")).isFalse();
    assertThat(isDeclared("kafka.no.such.key")).isFalse();
    assertThat(isDeclared("kafka.client.security.protocol")).isTrue();
    assertThat(documentedDefaults())
        .as("rows with a default")
        .hasSizeGreaterThan(DECLARED.size() / 2);
    assertThat(isHBaseProperty("hbase.rootdir")).isTrue();
    assertThat(isHBaseProperty("hbase.no.such.property")).isFalse();
    assertThat(DECLARED.keySet())
        .as("the keys of every command")
        .contains("kafka.bootstrap.servers", "ingest.source", "rest.port")
        .contains("streaming.watermark", "sql.spark.master", "local.rest.port");
  }
}
