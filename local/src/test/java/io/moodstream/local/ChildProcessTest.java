package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child of the stack as a process: its log, its pid file, its input, directory and env. */
class ChildProcessTest {
  @TempDir Path home;

  @Test
  void aChildRunsInTheRepositoryWithItsEnvironmentNoInputAndItsOutputInItsLog() throws Exception {
    StackPaths paths = new StackPaths(home);
    ChildProcess c =
        ChildProcess.start(
            "greeter",
            List.of("sh", "-c", "echo \"$GREETING from $(pwd)\"; cat; echo \"end\" >&2"),
            Map.of("GREETING", "hello"),
            paths);
    assertThat(Files.readString(paths.pid("greeter"))).isEqualTo(Long.toString(c.pid()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (c.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(c.isAlive()).as("cat reads /dev/null, not the launcher's terminal").isFalse();
    assertThat(c.exitValue()).isZero();
    assertThat(c.logFile()).isEqualTo(paths.log("greeter"));
    assertThat(Files.readString(c.logFile()))
        .contains(" starting: sh -c ")
        .contains("hello from " + home.toRealPath() + "\nend\n");
    assertThat(c.logContains("hello from")).isTrue();
    assertThat(c.stop(Duration.ofSeconds(1))).isTrue();
    assertThat(paths.pid("greeter")).doesNotExist();
  }

  @Test
  void aLaunchersPidIsRecordedForDownAndStatus() throws Exception {
    StackPaths paths = new StackPaths(home);
    ChildProcess.recordSelf(paths);
    assertThat(Files.readString(paths.pid("up")))
        .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    assertThat(ChildProcess.running("up", paths).orElseThrow().pid())
        .isEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void aComponentWithoutAReadablePidFileIsNotRunning() throws Exception {
    StackPaths paths = new StackPaths(home);
    assertThat(ChildProcess.running("kafka", paths)).isEmpty(); // no var/run at all
    Files.createDirectories(paths.pid("hbase"));
    assertThat(ChildProcess.running("hbase", paths)).isEmpty(); // a directory, not a file
    Files.writeString(paths.pid("rest"), "not a pid\n");
    assertThat(ChildProcess.running("rest", paths)).isEmpty();
    assertThat(ChildProcess.running("ingest", paths)).isEmpty(); // var/run, but no pid file
  }

  @Test
  void aLogsTailIsItsLastLinesFromItsLast64KiB() throws Exception {
    Path log = home.resolve("x.log");
    Files.writeString(log, "one\ntwo\r\nthree\nfour\n");
    assertThat(ChildProcess.tail(log, 2)).isEqualTo("three\nfour");
    assertThat(ChildProcess.tail(log, 10)).isEqualTo("one\ntwo\nthree\nfour");
    Files.writeString(log, "");
    assertThat(ChildProcess.tail(log, 3)).isEmpty();
    assertThat(ChildProcess.tail(home.resolve("missing.log"), 3)).startsWith("(log unreadable: ");
    Files.writeString(log, "x".repeat(70_000) + "\nlast\n");
    assertThat(ChildProcess.tail(log, 5)).isEqualTo("x".repeat(65_536 - 6) + "\nlast");
  }
}
