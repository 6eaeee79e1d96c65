package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.config.MoodstreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A module command as up builds it records its class archive on its first run and maps it on the
 * next: {@code -Xshare:on} makes a JVM that cannot map it fail instead of starting without it.
 */
class ClassArchiveIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static int run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).as("output of %s", command).contains("moodstream");
    return p.exitValue();
  }

  @Test
  void theSecondStartMapsTheClassesTheFirstRecorded() throws Exception {
    MoodstreamConfig config = MoodstreamConfig.load(LocalConfig.KEYS, Map.of(), null);
    StackPaths paths = new StackPaths(ROOT);
    Path archives = StackPlan.classArchives(paths, "local");
    String main = LocalMain.class.getName();
    // start from no archive of LocalMain: an earlier run may have left one
    Files.createDirectories(archives);
    try (var stale = Files.newDirectoryStream(archives, main + "-*.jsa")) {
      for (Path p : stale) {
        Files.delete(p);
      }
    }

    List<String> first =
        StackPlan.moduleCommand(
            config, paths, "local", main, "64m", List.of(), List.of("--version"));
    assertThat(first).anyMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(run(first)).isZero();

    List<String> second =
        new ArrayList<>(
            StackPlan.moduleCommand(
                config, paths, "local", main, "64m", List.of(), List.of("--version")));
    assertThat(second).anyMatch(f -> f.startsWith("-XX:SharedArchiveFile="));
    second.add(second.indexOf("-XX:+UseG1GC"), "-Xshare:on");
    assertThat(run(second)).isZero();
  }
}
