package io.moodstream.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A component of the local stack running as a child process: its command, its log under {@code
 * var/log/} and its pid file under {@code var/run/}, so {@code down} and {@code status} from
 * another terminal can find it.
 */
final class ChildProcess implements Supervisor.Running {
  private final Path logFile;
  private final Path pidFile;
  private final Process process;
  private final long logStart;

  private ChildProcess(Path logFile, Path pidFile, Process process, long logStart) {
    this.logFile = logFile;
    this.pidFile = pidFile;
    this.process = process;
    this.logStart = logStart;
  }

  /** The supervisor's launcher: each child's output appended to {@code var/log/<id>.log}. */
  static Supervisor.Launcher launcher(StackPaths paths) {
    return (spec, cmd) -> start(spec.id(), cmd.argv(), cmd.env(), paths);
  }

  static ChildProcess start(
      String name, List<String> command, Map<String, String> env, StackPaths paths)
      throws IOException {
    Path log = paths.log(name);
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        "--- " + Instant.now() + " starting: " + String.join(" ", redact(command)) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    long offset = Files.size(log);
    Process p = builder(command, env, log, paths).start();
    return new ChildProcess(log, writePid(paths, name, p.pid()), p, offset);
  }

  /**
   * A process of the stack: output and errors appended to {@code log}, input from /dev/null, run in
   * the repository with the launcher's environment less up's own keys, plus {@code env}.
   */
  static ProcessBuilder builder(
      List<String> command, Map<String, String> env, Path log, StackPaths paths) {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .directory(paths.root().toFile());
    LocalConfig.withoutOwnKeys(pb.environment());
    pb.environment().putAll(env);
    return pb;
  }

  /** Records this launcher itself ({@code up}) in var/run, for {@code down} and {@code status}. */
  static void recordSelf(StackPaths paths) throws IOException {
    writePid(paths, "up", ProcessHandle.current().pid());
  }

  private static Path writePid(StackPaths paths, String name, long pid) throws IOException {
    Path file = paths.pid(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, Long.toString(pid));
    return file;
  }

  /** The process of a component started earlier (maybe by another launcher), if it still runs. */
  static Optional<ProcessHandle> running(String name, StackPaths paths) {
    try {
      long p = Long.parseLong(Files.readString(paths.pid(name)).strip());
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

  @Override
  public boolean stop(Duration grace) throws IOException {
    boolean clean = stop(process.toHandle(), grace);
    Files.deleteIfExists(pidFile);
    return clean;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public int exitValue() {
    return process.exitValue();
  }

  @Override
  public Path logFile() {
    return logFile;
  }

  @Override
  public boolean logContains(String text) {
    try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
      long len = f.length();
      if (len <= logStart) {
        return false;
      }
      byte[] b = new byte[(int) Math.min(len - logStart, 64L << 20)];
      f.seek(logStart);
      f.readFully(b);
      return new String(b, StandardCharsets.ISO_8859_1).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String logTail(int lines) {
    return tail(logFile, lines);
  }

  /** The last {@code n} lines of a file (reads at most its last 64 KiB). */
  static String tail(Path file, int n) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      long from = Math.max(0, len - 65_536);
      byte[] b = new byte[(int) (len - from)];
      f.seek(from);
      f.readFully(b);
      List<String> all = new String(b, StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Hides values of secret-looking command-line arguments in the log header. */
  static List<String> redact(List<String> command) {
    return command.stream()
        .map(
            a ->
                a.matches("(?i).*(token|secret|password|jaas)[^=]*=.*")
                    ? a.substring(0, a.indexOf('=') + 1) + "******"
                    : a)
        .toList();
  }
}
