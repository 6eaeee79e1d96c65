package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./moodstream} on the tree Maven just built: commands are found from the module poms'
 * launch facts, and a module built after its last source change is run without building again.
 */
class LauncherIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Run(int exit, String stdout, String stderr) {}

  static Run launcher(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("moodstream").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished", cmd).isTrue();
    return new Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheCommands() throws Exception {
    Run r = launcher("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).contains("up ", "status", "schema", "score", "ingest", "sql", "export");
  }

  @Test
  void anUnknownCommandIsAUsageError() throws Exception {
    Run r = launcher("scroe");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("unknown command 'scroe'");
  }

  /** Runs the launcher, which must succeed without building anything. */
  static Run withoutBuilding(String... args) throws Exception {
    Run r = launcher(args);
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stderr()).doesNotContain("building");
    return r;
  }

  @Test
  void aCommandOfABuiltModuleRunsItsMainWithoutBuilding() throws Exception {
    assertThat(withoutBuilding("score", "--help").stdout()).contains("moodstream score");
  }

  @Test
  void theLocalCommandsRunFromLocalsFacts() throws Exception {
    Run r = withoutBuilding("down", "--help");
    assertThat(r.stdout() + r.stderr()).contains("down");
  }
}
