package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionScriptTest {
  static final Pattern COMMANDS =
      Pattern.compile("<moodstream.commands>([^<]*)</moodstream.commands>");

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
    // the launcher's commands: what the module poms declare in <moodstream.commands>
    List<String> declared = new ArrayList<>();
    try (DirectoryStream<Path> modules = Files.newDirectoryStream(Path.of(".."))) {
      for (Path m : modules) {
        Path pom = m.resolve("pom.xml");
        if (!m.getFileName().toString().equals("..") && Files.isRegularFile(pom)) {
          Matcher x = COMMANDS.matcher(Files.readString(pom, StandardCharsets.UTF_8));
          if (x.find()) {
            for (String c : x.group(1).split(",")) {
              declared.add(c.substring(0, c.indexOf(':')));
            }
          }
        }
      }
    }
    assertThat(declared).containsExactlyInAnyOrderElementsOf(EVERY_COMMAND);
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
