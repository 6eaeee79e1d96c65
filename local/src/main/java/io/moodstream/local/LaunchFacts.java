package io.moodstream.local;

import io.moodstream.schema.cli.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What Maven wrote from the poms into a module's classes ({@code conf/launch/build.properties}, the
 * root pom's "launch-facts" execution): the project version, the artifact, the JVM flags every JVM
 * of ours runs with (Spark's and HBase's module openings) and the commands the module's jar runs.
 * The stack reads them instead of repeating them.
 *
 * @param commands command name → main class followed by its leading arguments, if any
 */
record LaunchFacts(
    String version, String artifact, List<String> jvmFlags, Map<String, String> commands) {
  /** Where the facts are, in every module's classes and jar. */
  static final String RESOURCE = Cli.BUILD_PROPERTIES.substring(1); // a class loader's name

  private static final LaunchFacts OWN = own();

  LaunchFacts {
    jvmFlags = List.copyOf(jvmFlags);
    commands = Map.copyOf(commands);
  }

  /** The facts of this JVM's own module: version and JVM flags are the same in every module. */
  static LaunchFacts current() {
    return OWN;
  }

  /** The facts of a built module under {@code root}; empty when it has not been built. */
  static Optional<LaunchFacts> of(Path root, String module) {
    Path file = root.resolve(module).resolve("target").resolve("classes").resolve(RESOURCE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.of(parse(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The main class of {@code module}'s {@code command}, from its build; for a module not built, a
   * name that says so (a plan may hold parts {@code --only} leaves out; the stack's preflight
   * refuses to start a part whose module is not built).
   */
  static String main(Path root, String module, String command) {
    return of(root, module)
        .map(f -> f.commands().get(command))
        .map(spec -> spec.split(" ", 2)[0])
        .orElse(NOT_BUILT + module);
  }

  /** What {@link #main} names instead of a main class when the module is not built. */
  static final String NOT_BUILT = "not-built:";

  static LaunchFacts parse(InputStream in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    Map<String, String> commands = new LinkedHashMap<>();
    for (String c : p.getProperty("commands", "").split(",")) {
      int colon = c.indexOf(':');
      if (colon > 0) {
        commands.put(c.substring(0, colon).strip(), c.substring(colon + 1).strip());
      }
    }
    String flags = p.getProperty("jvm.flags", "").strip();
    return new LaunchFacts(
        require(p, "version"),
        require(p, "artifact"),
        flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+")),
        commands);
  }

  private static String require(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank() || v.startsWith("${")) {
      throw new IllegalStateException(RESOURCE + " has no " + key + ": built without Maven?");
    }
    return v.strip();
  }

  private static LaunchFacts own() {
    try (InputStream in = LaunchFacts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing: build moodstream-local with Maven");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
