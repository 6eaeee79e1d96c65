package io.moodstream.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The outside tools the tests drive (ansible-playbook, ansible-lint, yamllint, the image's Python
 * with boto3/moto, systemd-analyze), found or failed for loudly, and a small process runner.
 */
final class Tooling {
  private Tooling() {}

  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT =
      Path.of(System.getProperty("moodstream.root", "..")).toAbsolutePath().normalize();
  static final Path ANSIBLE = ROOT.resolve("ansible");

  /** The project version, from the pom (Surefire/Failsafe set it); run the tests through Maven. */
  static final String VERSION =
      Objects.requireNonNull(
          System.getProperty("moodstream.version"), "moodstream.version: run the tests with Maven");

  /** Output and exit status of a finished command. */
  record Result(int exit, String output) {
    Result requireSuccess(String what) {
      assertThat(exit).as("%s failed (exit %d):%n%s", what, exit, output).isZero();
      return this;
    }
  }

  /** Runs a command to its end (output merged), failing the test after the timeout. */
  static Result run(List<String> cmd, Path dir, Map<String, String> env, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(env);
    return run(pb, timeout);
  }

  /** Runs {@code pb} to its end (output merged), failing the test after the timeout. */
  static Result run(ProcessBuilder pb, Duration timeout) {
    List<String> cmd = pb.command();
    try {
      Path log = Files.createTempFile("moodstream-cmd", ".log");
      try {
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          throw new AssertionError(
              "timed out after " + timeout + ": " + String.join(" ", cmd) + "\n" + read(log));
        }
        return new Result(p.exitValue(), read(log));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path p, String text) {
    try {
      Files.createDirectories(p.toAbsolutePath().getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The absolute path of a command on PATH, or a failure naming the Debian package. */
  static String require(String command, String installHint) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, command);
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError(
        command + " is not installed (" + installHint + "); .ci/run installs it on CI machines");
  }

  private static String awsPython;

  /**
   * The Python that runs the AWS modules, the validator and moto: MOODSTREAM_AWS_PYTHON, else
   * python3 on PATH. It must have boto3/botocore 1.31+, moto 5 and pytest: the test fails with what
   * is missing (PyPI is not reachable here, so nothing is installed behind the user's back).
   */
  static synchronized String awsPython() {
    if (awsPython != null) {
      return awsPython;
    }
    String candidate = System.getenv().getOrDefault("MOODSTREAM_AWS_PYTHON", "");
    if (candidate.isEmpty()) {
      candidate = require("python3", "Python 3.11 with boto3, moto and pytest");
    }
    Result r =
        run(
            List.of(
                candidate,
                "-c",
                "import sys, boto3, botocore, moto, pytest; print(sys.executable, botocore.__version__,"
                    + " moto.__version__)"),
            ANSIBLE,
            Map.of(),
            Duration.ofSeconds(60));
    assertThat(r.exit())
        .as(
            "%s cannot import boto3, botocore, moto and pytest, which the offline AWS tests need"
                + " (the image's pyenv Python 3.11 has boto3/botocore 1.43, moto 5.2.1, pytest 9;"
                + " set MOODSTREAM_AWS_PYTHON to a Python that has them):%n%s",
            candidate, r.output())
        .isZero();
    String[] parts = r.output().strip().split("\\s+");
    assertThat(versionAtLeast(parts[1], 1, 31))
        .as("botocore %s at %s: 1.31 or later is needed (AWS_ENDPOINT_URL)", parts[1], parts[0])
        .isTrue();
    awsPython = parts[0];
    return awsPython;
  }

  static boolean versionAtLeast(String version, int major, int minor) {
    String[] v = version.split("\\.");
    int ma = Integer.parseInt(v[0]);
    int mi = Integer.parseInt(v[1]);
    return ma > major || (ma == major && mi >= minor);
  }

  /** The environment every ansible-playbook run gets: the AWS Python and no colour. */
  static Map<String, String> ansibleEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MOODSTREAM_AWS_PYTHON", awsPython());
    env.put("ANSIBLE_NOCOLOR", "1");
    env.put("ANSIBLE_FORCE_COLOR", "0");
    env.put("ANSIBLE_CONFIG", ANSIBLE.resolve("ansible.cfg").toString());
    env.put("ANSIBLE_LOCAL_TEMP", ANSIBLE.resolve("target/ansible-tmp").toString());
    env.put("ANSIBLE_REMOTE_TEMP", ANSIBLE.resolve("target/ansible-tmp").toString());
    return env;
  }

  static Result playbook(List<String> args, Map<String, String> extraEnv, Duration timeout) {
    List<String> cmd = new ArrayList<>();
    cmd.add(require("ansible-playbook", "Debian: apt-get install ansible"));
    cmd.addAll(args);
    Map<String, String> env = ansibleEnv();
    env.putAll(extraEnv);
    return run(cmd, ANSIBLE, env, timeout);
  }

  /**
   * The arguments of a render-mode run ({@code -e render_only=true}) of {@code playbooks} on the
   * example inventory, rendering into {@code renderDir}, each of {@code extraVars} one more {@code
   * -e}.
   */
  static List<String> renderArgs(List<String> playbooks, Path renderDir, String... extraVars) {
    List<String> args = new ArrayList<>(List.of("-i", "inventory/example/hosts.yml"));
    args.addAll(playbooks);
    args.addAll(List.of("-e", "render_only=true", "-e", "render_dir=" + renderDir));
    for (String v : extraVars) {
      args.addAll(List.of("-e", v));
    }
    return args;
  }

  /** The PLAY RECAP counters of the (last) play of an ansible-playbook output. */
  record Recap(int ok, int changed, int failed) {}

  private static final Pattern RECAP =
      Pattern.compile(
          "localhost\\s*:\\s*ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=\\d+\\s+failed=(\\d+)");

  static List<Recap> recaps(String output) {
    List<Recap> all = new ArrayList<>();
    Matcher m = RECAP.matcher(output);
    while (m.find()) {
      all.add(
          new Recap(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
    }
    assertThat(all).as("no PLAY RECAP in:%n%s", output).isNotEmpty();
    return all;
  }

  static int changed(String output) {
    return recaps(output).stream().mapToInt(Recap::changed).sum();
  }

  static String sha256(Path file) {
    try (var in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file under a directory. */
  static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files (relative names) under a directory that contain the text. */
  static List<String> filesContaining(Path dir, String text) {
    return files(dir).stream()
        .filter(f -> read(f).contains(text))
        .map(f -> dir.relativize(f).toString())
        .toList();
  }

  /** Deletes a directory tree (test data under target/: Kafka and HBase data, extracted jars). */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Extracts a tar into a directory, dropping its top directory (as install.sh does). */
  static void untar(Path tar, Path into) {
    try {
      Files.createDirectories(into);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(
            List.of("tar", "-xf", tar.toString(), "-C", into.toString(), "--strip-components=1"),
            into,
            Map.of(),
            Duration.ofMinutes(2))
        .requireSuccess("tar -xf " + tar);
  }
}
