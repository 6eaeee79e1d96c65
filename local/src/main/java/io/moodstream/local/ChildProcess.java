package io.moodstream.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A component of the local stack running as a child process: its command, its log under {@code
 * var/log/} and its pid file under {@code var/run/}, so {@code down} and {@code status} from
 * another terminal can find it.
 */
final class ChildProcess {
  private final String name;
  private final Path logFile;
  private final Path pidFile;
  private final ProcessHandle handle;

  private ChildProcess(String name, Path logFile, Path pidFile, ProcessHandle handle) {
    this.name = name;
    this.logFile = logFile;
    this.pidFile = pidFile;
    this.handle = handle;
  }

  static ChildProcess start(
      String name, List<String> command, Map<String, String> env, StackPaths paths)
      throws IOException {
    Path log = paths.log(name);
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        "--- " + java.time.Instant.now() + " starting: " + String.join(" ", redact(command)) + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .directory(paths.root().toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    return adopt(name, p.toHandle(), paths);
  }

  /** Records an already started process (e.g. the Kafka broker) as a stack component. */
  static ChildProcess adopt(String name, ProcessHandle handle, StackPaths paths)
      throws IOException {
    Path pid = paths.pid(name);
    Files.createDirectories(pid.getParent());
    Files.writeString(pid, Long.toString(handle.pid()));
    return new ChildProcess(name, paths.log(name), pid, handle);
  }

  /** The process of a component started earlier (maybe by another launcher), if it still runs. */
  static Optional<ProcessHandle> running(String name, StackPaths paths) {
    Path pid = paths.pid(name);
    try {
      if (!Files.exists(pid)) {
        return Optional.empty();
      }
      long p = Long.parseLong(Files.readString(pid).strip());
      return ProcessHandle.of(p).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * SIGTERM, then wait up to {@code grace} for a clean exit, then SIGKILL as a last resort (and say
   * so). Children of the process are stopped too. Returns true when it stopped cleanly.
   */
  static boolean stop(ProcessHandle h, Duration grace) {
    List<ProcessHandle> descendants = h.descendants().toList();
    h.destroy();
    boolean clean = waitFor(h, grace);
    if (!clean) {
      h.destroyForcibly();
      waitFor(h, Duration.ofSeconds(10));
    }
    for (ProcessHandle d : descendants) {
      if (d.isAlive()) {
        d.destroyForcibly();
      }
    }
    return clean;
  }

  private static boolean waitFor(ProcessHandle h, Duration d) {
    try {
      h.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !h.isAlive();
    } catch (java.util.concurrent.ExecutionException e) {
      return !h.isAlive();
    }
  }

  boolean stop(Duration grace) throws IOException {
    boolean clean = stop(handle, grace);
    Files.deleteIfExists(pidFile);
    return clean;
  }

  String name() {
    return name;
  }

  long pid() {
    return handle.pid();
  }

  boolean isAlive() {
    return handle.isAlive();
  }

  Path logFile() {
    return logFile;
  }

  /** Hides values of secret-looking command-line arguments in the log header. */
  static List<String> redact(List<String> command) {
    return command.stream()
        .map(
            a ->
                a.matches("(?i).*(token|secret|password)=.*")
                    ? a.substring(0, a.indexOf('=') + 1) + "******"
                    : a)
        .toList();
  }
}
