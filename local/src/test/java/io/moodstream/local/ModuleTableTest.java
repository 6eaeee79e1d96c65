package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The root README's module table says what each module depends on among ours; the poms are where
 * that is decided, so the table must say what they say (test-scope dependencies aside).
 */
class ModuleTableTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern ROW =
      Pattern.compile("^\\| \\[`([a-z0-9-]+)/`]\\([^)]*\\) \\|.*\\| ([^|]+) \\|$");
  static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
  static final Pattern OURS = Pattern.compile("<artifactId>moodstream-([a-z0-9-]+)</artifactId>");

  @Test
  void theReadmesModuleTableSaysWhatThePomsSay() throws Exception {
    Map<String, Set<String>> readme = new TreeMap<>();
    for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        String deps = m.group(2).strip();
        readme.put(
            m.group(1),
            deps.equals("—") ? Set.of() : new TreeSet<>(Arrays.asList(deps.split("\\s*,\\s*"))));
      }
    }
    Map<String, Set<String>> poms = new TreeMap<>();
    for (String module : readme.keySet()) {
      poms.put(module, mainDependencies(Files.readString(ROOT.resolve(module).resolve("pom.xml"))));
    }
    assertThat(readme).hasSizeGreaterThanOrEqualTo(10).isEqualTo(poms);
  }

  /** Our modules a pom depends on outside the test scope. */
  static Set<String> mainDependencies(String pom) {
    Set<String> ours = new TreeSet<>();
    Matcher d =
        DEPENDENCY.matcher(
            pom.replaceAll("(?s)<dependencyManagement>.*?</dependencyManagement>", ""));
    while (d.find()) {
      Matcher a = OURS.matcher(d.group(1));
      if (a.find() && !d.group(1).contains("<scope>test</scope>")) {
        ours.add(a.group(1));
      }
    }
    return ours;
  }
}
