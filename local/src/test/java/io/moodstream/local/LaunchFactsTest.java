package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchFactsTest {
  @TempDir Path root;

  /** Writes what the root pom's "launch-facts" execution writes for a built module. */
  static void writeFacts(Path root, String module, String commands) throws Exception {
    Path file = root.resolve(module).resolve("target/classes").resolve(LaunchFacts.RESOURCE);
    Files.createDirectories(file.getParent());
    LaunchFacts own = LaunchFacts.current();
    Files.writeString(
        file,
        "version="
            + own.version()
            + "\nartifact=moodstream-"
            + module
            + "\njvm.flags="
            + String.join(" ", own.jvmFlags())
            + "\ncommands="
            + commands
            + "\n");
  }

  @Test
  void theBuildWroteThisModulesFactsFromThePoms() {
    LaunchFacts own = LaunchFacts.current();
    assertThat(own.artifact()).isEqualTo("moodstream-local");
    assertThat(own.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(own.commands())
        .containsEntry("up", "io.moodstream.local.LocalMain up")
        .containsEntry("down", "io.moodstream.local.LocalMain down")
        .containsEntry("status", "io.moodstream.local.LocalMain status");
  }

  @Test
  void theJvmFlagsOpenEverythingSparkItselfOpensOnJava17() {
    // Spark's launcher adds these to every JVM it starts; ours start Spark without its launcher.
    // (Its -XX:+IgnoreUnrecognizedVMOptions is for JVMs older than 17, which we refuse.)
    List<String> spark =
        Arrays.stream(JavaModuleOptions.defaultModuleOptions().split("\\s+"))
            .filter(f -> !f.startsWith("-XX:"))
            .toList();
    assertThat(spark).hasSizeGreaterThan(10);
    assertThat(LaunchFacts.current().jvmFlags()).containsAll(spark);
  }

  @Test
  void aCommandsMainClassIsTheFirstWordOfItsSpec() throws Exception {
    writeFacts(root, "local", "up:io.moodstream.local.LocalMain up,status:x.Status");
    assertThat(LaunchFacts.main(root, "local", "up")).isEqualTo("io.moodstream.local.LocalMain");
    assertThat(LaunchFacts.main(root, "local", "status")).isEqualTo("x.Status");
  }

  @Test
  void aModuleNotBuiltHasNoFactsAndItsMainSaysSo() {
    assertThat(LaunchFacts.of(root, "rest")).isEmpty();
    assertThat(LaunchFacts.main(root, "rest", "serve")).isEqualTo("not-built:rest");
  }

  @Test
  void factsLeftUnfilteredAreRefused() {
    String raw = "version=${project.version}\nartifact=a\n";
    assertThatThrownBy(
            () -> LaunchFacts.parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("has no version");
  }
}
