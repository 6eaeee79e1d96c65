package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionScriptTest {
  static final List<String> EVERY_COMMAND =
      List.of(
          "up",
          "down",
          "status",
          "schema",
          "score",
          "ingest",
          "stream",
          "serve",
          "sql",
          "export",
          "completion");

  @Test
  void theTopLevelCommandHasEveryCommandOfTheLauncher() throws Exception {
    assertThat(CompletionScript.command().getSubcommands().keySet())
        .containsExactlyInAnyOrderElementsOf(EVERY_COMMAND);
    String launcher = Files.readString(Path.of("..", "moodstream"), StandardCharsets.UTF_8);
    for (String c : EVERY_COMMAND) {
      assertThat(launcher).as(c).containsPattern("(?m)^\\s+([a-z|]+\\|)?" + c + "[|)]");
    }
  }

  @Test
  void theScriptIsWrittenAndCompletesCommandsAndTheirOptions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("moodstream-completion.bash");
    CompletionScript.main(new String[] {file.toString()});
    String script = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(script).isNotBlank().contains("complete -F _complete_moodstream");
    for (String c : EVERY_COMMAND) {
      assertThat(script).as(c).containsPattern("\\b" + c + "\\b");
    }
    // options come from the real command classes
    assertThat(script)
        .contains("--until-caught-up", "--dry-run", "--hbase-shell", "--continue-on-damage")
        .contains("--max-rows", "--column", "--cluster", "--port", "--version");
  }
}
