package io.moodstream.schema.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

class CliTest {
  /** A command like the real ones: an option, a subcommand, and a way to fail each way. */
  @Command(name = "moodstream demo", mixinStandardHelpOptions = true, description = "a demo")
  static final class Demo implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", paramLabel = "N")
    int port;

    @Option(names = "--fail")
    String fail;

    String ran;

    @Override
    public Integer call() {
      if ("usage".equals(fail)) {
        throw Cli.usageError(spec, "--port and --fail usage go badly together");
      }
      if ("config".equals(fail)) {
        throw new ConfigException("MOODSTREAM_CONFIG names /nowhere, which is not a readable file");
      }
      if ("runtime".equals(fail)) {
        throw new IllegalStateException("HBase is not there");
      }
      ran = "port " + port;
      return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true)
    int show() {
      ran = "show";
      return 0;
    }
  }

  record Run(int code, String out, String err, Demo demo) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Demo demo = new Demo();
    int code =
        Cli.execute(
            demo,
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), demo);
  }

  @Test
  void bothOptionFormsParse() {
    assertThat(run("--port", "9090").demo().ran).isEqualTo("port 9090");
    assertThat(run("--port=9091").demo().ran).isEqualTo("port 9091");
    assertThat(run("show").demo().ran).isEqualTo("show");
  }

  @Test
  void helpAndVersionGoToStdoutWithStatusZero() throws Exception {
    Run h = run("--help");
    assertThat(h.code()).isZero();
    assertThat(h.out()).startsWith("Usage: moodstream demo").contains("--port=N", "a demo");
    for (String v : List.of("-V", "--version")) {
      Run r = run(v);
      assertThat(r.code()).isZero();
      assertThat(r.out().strip()).isEqualTo("moodstream " + resourceVersion());
    }
    assertThat(run("show", "-V").out().strip()).isEqualTo("moodstream " + resourceVersion());
  }

  @Test
  void theVersionIsTheOneMavenWroteIntoTheBuildProperties() throws Exception {
    assertThat(Cli.version()).isEqualTo(resourceVersion()).doesNotContain("${").isNotBlank();
  }

  @Test
  void aTypoIsAUsageErrorWithTheNearestOptionOrSubcommand() {
    Run o = run("--pory", "1"); // picocli suggests options that share the first two letters
    assertThat(o.code()).isEqualTo(Cli.USAGE);
    assertThat(o.err())
        .startsWith("moodstream demo: Unknown options: '--pory', '1'")
        .contains("Possible solutions: --port")
        .endsWith("Try './moodstream demo --help' for more.\n");
    assertThat(o.out()).isEmpty();
    Run s = run("shwo");
    assertThat(s.code()).isEqualTo(Cli.USAGE);
    assertThat(s.err()).contains("'shwo'", "Did you mean: ", "show");
    Run v = run("--port", "many");
    assertThat(v.code()).isEqualTo(Cli.USAGE);
    assertThat(v.err()).contains("Invalid value for option '--port': 'many' is not an int");
  }

  @Test
  void failuresAreSortedIntoUsageConfigurationAndRuntime() {
    Run u = run("--fail", "usage");
    assertThat(u.code()).isEqualTo(Cli.USAGE);
    assertThat(u.err()).contains("moodstream demo: --port and --fail usage", "--help");
    Run c = run("--fail", "config");
    assertThat(c.code()).isEqualTo(Cli.USAGE);
    assertThat(c.err())
        .isEqualTo(
            "moodstream demo: MOODSTREAM_CONFIG names /nowhere, which is not a readable file\n");
    Run r = run("--fail", "runtime");
    assertThat(r.code()).isEqualTo(Cli.FAILURE);
    assertThat(r.err()).isEqualTo("moodstream demo: HBase is not there\n");
  }

  @Test
  void aUsageErrorACommandFindsItselfNamesTheCommandAndPointsToItsHelp() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.usage(
            new PrintStream(err, true, StandardCharsets.UTF_8), "moodstream sql", "no statement…");
    assertThat(code).isEqualTo(Cli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("moodstream sql: no statement…\nTry './moodstream sql --help' for more.\n");
  }

  @Test
  void aNamedConfigFileMustExistAndTheDefaultOneMayBeAbsent(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(
            () -> MoodstreamConfig.propertiesFile(Map.of("MOODSTREAM_CONFIG", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MOODSTREAM_CONFIG names " + missing.toAbsolutePath());
    Path there = Files.writeString(dir.resolve("m.properties"), "kafka.bootstrap.servers=h:1\n");
    assertThat(MoodstreamConfig.propertiesFile(Map.of("MOODSTREAM_CONFIG", there.toString())))
        .isEqualTo(there);
    if (!Files.exists(Path.of("moodstream.properties"))) {
      assertThat(MoodstreamConfig.propertiesFile(Map.of())).isNull();
    }
  }

  private static String resourceVersion() throws Exception {
    Properties p = new Properties();
    try (InputStream in = CliTest.class.getResourceAsStream(Cli.BUILD_PROPERTIES)) {
      assertThat(in).as(Cli.BUILD_PROPERTIES).isNotNull();
      p.load(in);
    }
    return p.getProperty("version");
  }
}
