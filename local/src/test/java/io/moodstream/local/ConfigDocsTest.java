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
 * MOODSTREAM_*} variable that the guides in docs/ and the READMEs name exists, and every declared
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

  /** The guides in docs/ (CONFIGURATION.md first), the root README and every module's README. */
  static List<Path> docs() {
    List<Path> out = new ArrayList<>();
    out.add(ROOT.resolve("docs/CONFIGURATION.md"));
    try (Stream<Path> guides = Files.list(ROOT.resolve("docs"))) {
      guides
          .filter(p -> p.toString().endsWith(".md") && !p.endsWith("CONFIGURATION.md"))
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** One line of a doc, with its place for messages. */
  record DocLine(Path doc, int index, String text) {
    String where() {
      return ROOT.relativize(doc) + ":" + (index + 1);
    }
  }

  static final List<DocLine> DOC_LINES = docLines();

  private static List<DocLine> docLines() {
    List<DocLine> out = new ArrayList<>();
    for (Path doc : docs()) {
      List<String> lines = lines(doc);
      for (int i = 0; i < lines.size(); i++) {
        out.add(new DocLine(doc, i, lines.get(i)));
      }
    }
    return out;
  }

  /** A row of a table whose header starts "| key |": the key, its default when one code span. */
  record KeyRow(String key, String defaultText, String where) {}

  static final List<KeyRow> KEY_ROWS = keyRows();

  private static List<KeyRow> keyRows() {
    List<KeyRow> out = new ArrayList<>();
    boolean inTable = false;
    boolean hasDefaults = false;
    Path doc = null;
    for (DocLine l : DOC_LINES) {
      if (!l.doc().equals(doc) || !l.text().startsWith("|")) {
        doc = l.doc();
        inTable = false;
      }
      if (KEY_TABLE_HEADER.matcher(l.text()).matches()) {
        inTable = true;
        hasDefaults = l.text().split("\\|")[2].strip().equals("default");
        continue;
      }
      Matcher row = KEY_TABLE_ROW.matcher(l.text());
      if (inTable && row.find()) {
        Matcher d = KEY_TABLE_ROW_WITH_DEFAULT.matcher(l.text());
        String defaultText = hasDefaults && d.find() ? d.group(2) : null;
        out.add(new KeyRow(row.group(1).replace(".<property>", ""), defaultText, l.where()));
      }
    }
    return out;
  }

  /** Every match of {@code group} 1 (or the whole match) of {@code p} in the docs, first place. */
  static Map<String, String> mentions(Pattern p) {
    Map<String, String> out = new TreeMap<>();
    for (DocLine l : DOC_LINES) {
      Matcher m = p.matcher(l.text());
      while (m.find()) {
        out.putIfAbsent(m.groupCount() > 0 ? m.group(1) : m.group(), l.where());
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
    KEY_ROWS.stream()
        .filter(r -> !DECLARED.containsKey(r.key()))
        .forEach(r -> unknown.put(r.key(), r.where()));
    assertThat(unknown).as("documented keys that no command declares").isEmpty();
  }

  @Test
  void everyDeclaredKeyIsInAKeyTable() {
    Set<String> missing = new TreeSet<>(DECLARED.keySet());
    KEY_ROWS.forEach(r -> missing.remove(r.key()));
    assertThat(missing)
        .as("declared keys missing from the key tables of docs/CONFIGURATION.md and the READMEs")
        .isEmpty();
  }

  @Test
  void everyDefaultInAKeyTableIsTheDeclaredOne() {
    Map<String, String> wrong = new TreeMap<>();
    for (KeyRow r : KEY_ROWS) {
      ConfigKey<?> k = DECLARED.get(r.key());
      if (k != null && r.defaultText() != null && !k.defaultText().equals(r.defaultText())) {
        wrong.put(
            r.key(),
            r.where() + " says `" + r.defaultText() + "`, declared `" + k.defaultText() + "`");
      }
    }
    assertThat(wrong).as("documented defaults that differ from the declared ones").isEmpty();
  }

  @Test
  void everyKeyNamedInTheProseIsDeclared() {
    Set<String> families = new TreeSet<>();
    DECLARED.keySet().forEach(k -> families.add(k.substring(0, k.indexOf('.')) + "."));
    Map<String, String> unknown = new TreeMap<>();
    mentions(BACKTICKED)
        .forEach(
            (token, where) -> {
              String name = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
              if (name.startsWith(MoodstreamConfig.SPARK_PREFIX)) {
                name = name.substring(MoodstreamConfig.SPARK_PREFIX.length());
              }
              if (KEY_NAME.matcher(name).matches()
                  && families.stream().anyMatch(name::startsWith)
                  && !isDeclared(name)
                  && !isHBaseProperty(name)
                  && !isCounter(name)) {
                unknown.putIfAbsent(name, where);
              }
            });
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
    mentions(ENV_NAME)
        .forEach(
            (name, where) -> {
              String base = name.endsWith("_FILE") ? name.substring(0, name.length() - 5) : name;
              boolean known =
                  envNames.contains(name)
                      || secretEnvNames.contains(base)
                      || prefixEnv.stream().anyMatch(name::startsWith)
                      // before isLauncherVariable, so its check that the tools read it still runs
                      || isReadByItsTools(name)
                      || isLauncherVariable(name);
              if (!known) {
                unknown.put(name, where);
              }
            });
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

  /**
   * The loader's own list: a launcher variable draws no "not a key" warning from a command that
   * declares every key (an unknown one in another command's namespace would draw none either).
   */
  static boolean isLauncherVariable(String name) {
    MoodstreamConfig c =
        MoodstreamConfig.load(List.copyOf(DECLARED.values()), Map.of(name, "x"), null);
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
  void everyKeyIsInANamespaceTheLoaderKnows() {
    assertThat(DECLARED.keySet())
        .allSatisfy(
            name ->
                assertThat(MoodstreamConfig.NAMESPACES)
                    .as("the namespace of %s", name)
                    .contains(name.substring(0, name.indexOf('.'))));
  }

  @Test
  void theCheckItselfTellsKeysAndVariablesApart() {
    assertThat(isLauncherVariable("MOODSTREAM_NO_SUCH_THING")).isFalse();
    assertThat(isLauncherVariable("MOODSTREAM_REST_NO_SUCH_KEY")).isFalse();
    assertThat(isDeclared("kafka.no.such.key")).isFalse();
    assertThat(isDeclared("kafka.client.security.protocol")).isTrue();
    assertThat(KEY_ROWS.stream().filter(r -> r.defaultText() != null))
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
