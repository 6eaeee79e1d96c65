package io.moodstream.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The systemd units deploy.yml installs on the primary node, verified offline: laid out as
 * install.sh lays them out (units, environment files, scripts, the extracted rest and ingest
 * distributions) in a directory that stands for the node's root, then {@code systemd-analyze verify
 * --root} on each unit, where any line on stderr is a failure (it exits 0 on many errors). The
 * services' ExecStart lines then run for real with --help, with the JVM flags their jars' launch
 * facts name. (DeployedStepsIT starts them against a real Kafka and HBase.)
 */
class SystemdUnitsTest {
  static final List<String> UNITS =
      List.of(
          "moodstream-rest.service",
          "moodstream-ingest.service",
          "moodstream-stream-resubmit.service",
          "moodstream-stream-resubmit.timer");

  // under target/, not a JUnit temp dir: systemd's unit tree holds symlinks to /dev/null
  static Path root;

  static Path bundle() {
    return Rendered.get().dir.resolve("deploy/primary-node");
  }

  /** The node's root after install.sh: /etc/systemd/system, /etc/moodstream, /opt/moodstream. */
  @BeforeAll
  static void installIntoRoot() throws IOException {
    root = Rendered.tempDir("node-root");
    installInto(root, bundle());
    // systemd needs its own units (sysinit.target, ...) and the ExecStart binaries in that root
    copyTree(Path.of("/usr/lib/systemd/system"), root.resolve("usr/lib/systemd/system"));
    Path java = root.resolve("usr/bin/java");
    Files.createDirectories(java.getParent());
    Files.copy(Path.of("/usr/bin/java").toRealPath(), java, StandardCopyOption.REPLACE_EXISTING);
  }

  static void installInto(Path root, Path bundle) throws IOException {
    Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
    Path etc = Files.createDirectories(root.resolve("etc/moodstream"));
    Path bin = Files.createDirectories(root.resolve("opt/moodstream/bin"));
    for (String u : UNITS) {
      Files.copy(bundle.resolve(u), units.resolve(u), StandardCopyOption.REPLACE_EXISTING);
    }
    for (String f : List.of("rest.env", "ingest.env", "stream-submit.args")) {
      Files.copy(bundle.resolve(f), etc.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(etc.resolve("secrets.env"), "");
    for (String f : List.of("moodstream-stream-resubmit", "moodstream-stream-stop")) {
      Files.copy(bundle.resolve(f), bin.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(bin.resolve(f), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Tooling.untar(distribution("rest"), root.resolve("opt/moodstream/rest/current"));
    Tooling.untar(distribution("ingest"), root.resolve("opt/moodstream/ingest/current"));
    Files.createDirectories(root.resolve("var/lib/moodstream/rest"));
    Files.createDirectories(root.resolve("var/lib/moodstream/ingest"));
  }

  @AfterAll
  static void removeRoot() {
    Tooling.deleteTree(root);
  }

  static Path distribution(String module) {
    String prop = System.getProperty("moodstream." + module + ".dist");
    Path p =
        prop != null && !prop.isEmpty() && !prop.startsWith("${")
            ? Path.of(prop)
            : Tooling.ROOT.resolve(
                module + "/target/moodstream-" + module + "-" + Tooling.VERSION + "-dist.tar");
    assertThat(p).as("the %s distribution (mvn package builds it)", module).isRegularFile();
    return p;
  }

  static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    Tooling.run(
            List.of("cp", "-a", from.toString() + "/.", to.toString()),
            Tooling.ANSIBLE,
            Map.of(),
            Duration.ofMinutes(1))
        .requireSuccess("copying " + from);
  }

  static Tooling.Result verify(Path unit) {
    String analyze = Tooling.require("systemd-analyze", "Debian: apt-get install systemd");
    return Tooling.run(
        List.of(analyze, "verify", "--root=" + root, unit.toString()),
        Tooling.ANSIBLE,
        Map.of("SYSTEMD_LOG_COLOR", "0"),
        Duration.ofMinutes(1));
  }

  @Test
  void everyUnitVerifiesWithoutASingleComplaint() {
    for (String u : UNITS) {
      Tooling.Result r = verify(root.resolve("etc/systemd/system").resolve(u));
      assertThat(r.output()).as("systemd-analyze verify %s", u).isEmpty();
      assertThat(r.exit()).as(u).isZero();
    }
  }

  @Test
  void aMistakeInAUnitIsReportedEvenThoughVerifyExitsZero() throws IOException {
    Path units = root.resolve("etc/systemd/system");
    String good = Files.readString(units.resolve("moodstream-rest.service"));
    Path bad = units.resolve("moodstream-planted.service");
    Files.writeString(
        bad,
        good.replace("Restart=on-failure", "Restart=sometimes")
            .replace("TimeoutStopSec", "TimeoutStopSecs"));
    Tooling.Result r = verify(bad);
    assertThat(r.output())
        .contains("Failed to parse service restart specifier, ignoring: sometimes")
        .contains("Unknown key 'TimeoutStopSecs' in section [Service]");
    Files.delete(bad);
  }

  /** ExecStart of a unit, tokenized, with the node's absolute paths mapped into a root. */
  static List<String> execStart(Path unit, Path root) {
    String line =
        Tooling.read(unit)
            .lines()
            .filter(l -> l.startsWith("ExecStart="))
            .findFirst()
            .orElseThrow()
            .substring("ExecStart=".length());
    List<String> cmd = new ArrayList<>();
    for (String token : words(line)) {
      cmd.add(mapPaths(token, root));
    }
    return cmd;
  }

  /** systemd's splitting of ExecStart=: whitespace, double quotes with backslash escapes, %%. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '\\') {
        w.append(line.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == '%' && i + 1 < line.length() && line.charAt(i + 1) == '%') {
        w.append('%');
        i++;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          out.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(w.toString());
    }
    return out;
  }

  static String mapPaths(String value, Path root) {
    String out = value;
    for (String prefix : List.of("/opt/moodstream", "/etc/moodstream", "/var/lib/moodstream")) {
      out = out.replace(prefix, root + prefix);
    }
    return out.equals("/usr/bin/java")
        ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
        : out;
  }

  @Test
  void theServicesExecStartLinesRunFromTheInstalledDistributions() {
    for (String service : List.of("moodstream-rest.service", "moodstream-ingest.service")) {
      List<String> cmd = execStart(root.resolve("etc/systemd/system").resolve(service), root);
      cmd.add("--help");
      Tooling.Result r = Tooling.run(cmd, root, Map.of(), Duration.ofMinutes(2));
      assertThat(r.exit()).as("%s: %s%n%s", service, cmd, r.output()).isZero();
      assertThat(r.output())
          .contains("Usage: moodstream " + (service.contains("rest") ? "serve" : "ingest"));
    }
  }

  @Test
  void theServicesJvmFlagsAreTheLaunchFactsOfTheJarsTheyRun() throws IOException {
    for (String module : List.of("rest", "ingest")) {
      Path jar =
          root.resolve(
              "opt/moodstream/"
                  + module
                  + "/current/lib/moodstream-"
                  + module
                  + "-"
                  + Tooling.VERSION
                  + ".jar");
      Properties facts = new Properties();
      try (JarFile j = new JarFile(jar.toFile());
          InputStream in = j.getInputStream(j.getEntry("META-INF/moodstream/build.properties"))) {
        facts.load(in);
      }
      List<String> flags = List.of(facts.getProperty("jvm.flags").strip().split("\\s+"));
      assertThat(flags)
          .as("jvm.flags of %s", jar)
          .contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
      List<String> cmd =
          execStart(root.resolve("etc/systemd/system/moodstream-" + module + ".service"), root);
      // the facts, in their order, and no JVM flag besides them
      assertThat(cmd).as(module).containsSequence(flags);
      assertThat(cmd.stream().filter(t -> t.startsWith("--add-")).toList())
          .as(module)
          .isEqualTo(flags.stream().filter(t -> t.startsWith("--add-")).toList());
    }
  }

  @Test
  void theNodeScriptsAreValidBash() {
    for (String f : List.of("install.sh", "moodstream-stream-resubmit", "moodstream-stream-stop")) {
      Tooling.run(
              List.of("bash", "-n", bundle().resolve(f).toString()),
              root,
              Map.of(),
              Duration.ofSeconds(30))
          .requireSuccess("bash -n " + f);
    }
  }
}
