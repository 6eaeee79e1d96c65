package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ./moodstream} command's surface, through the main class the launcher runs, in its
 * own JVM (the only way to give each a {@code MOODSTREAM_CONFIG}): {@code --help} and {@code
 * --version} on stdout with 0, a typo's suggestion on stderr with 2, {@code --opt=value} and {@code
 * --opt value} reaching the same check, and a named configuration file that is missing refused with
 * 2 and its name.
 */
class CommandLinesIT {
  /**
   * One command: its main class and leading arguments, a typo and the suggestion it gets, an option
   * with a value its command refuses after parsing (both forms must be refused alike; null: the
   * command has no valued option) and the message, and arguments that reach its configuration
   * (null: it reads none).
   */
  record Case(
      String command,
      String main,
      List<String> lead,
      List<String> typo,
      String suggestion,
      List<String> badValue,
      String badValueMessage,
      List<String> configured) {
    @Override
    public String toString() {
      return command;
    }
  }

  /**
   * The cases, one command a row; cells are split at spaces into arguments; {@code -} is "none" (an
   * empty cell: no arguments). sql's statement never runs here: every case stops before Spark.
   */
  static final String TABLE =
      """
      command | main class                            | lead   | a typo                      | its suggestion                         | a value refused after parsing                   | its message                       | reaches the configuration
      up      | io.moodstream.local.LocalMain         | up     | --clustr                    | Possible solutions: --cluster          | --only zookeeper                                | unknown part 'zookeeper'          | --only kafka
      down    | io.moodstream.local.LocalMain         | down   | --hepl                      | Possible solutions: --help             | -                                               | -                                 |
      status  | io.moodstream.local.LocalMain         | status | --hepl                      | Possible solutions: --help             | -                                               | -                                 |
      completion | io.moodstream.local.LocalMain      | completion | --hepl                 | Possible solutions: --help             | -                                               | -                                 | -
      schema  | io.moodstream.storage.SchemaCommand   |        | aply                        | Did you mean: moodstream schema apply? | apply --only zookeeper                          | Invalid value for option '--only' | show
      score   | io.moodstream.sentiment.cli.ScoreMain |        | --colum                     | Possible solutions: --column           | --tsv --column 0                                | counts from 1                     | -
      ingest  | io.moodstream.ingest.IngestMain       |        | --sped max                  | Possible solutions: --speed            | replay f.json --speed fast                      | --speed must be                   | synthetic --count 1
      stream  | io.moodstream.streaming.StreamMain    |        | --until-caugth-up           | Possible solutions: --until-caught-up  | -                                               | -                                 | status
      serve   | io.moodstream.rest.ServeMain          |        | --pott 1                    | Possible solutions: --port             | --port 0                                        | between 1 and 65535               |
      sql     | io.moodstream.sql.cli.SqlMain         |        | --max-row 5 SELECT(1)       | Possible solutions: --max-rows         | --max-rows 0 SELECT(1)                          | --max-rows must be at least 1     | SELECT(1)
      export  | io.moodstream.sql.cli.ExportMain      |        | --topic a --from now-1h --out - --stpe 1h | Possible solutions: --step | --topic a --from now-1h --out - --step 2m | unknown --step '2m' | --topic a --from now-1h --out -
      """;

  static Stream<Case> commands() {
    return TABLE
        .lines()
        .skip(1)
        .map(
            line -> {
              String[] c = line.split("\\|", -1);
              return new Case(
                  c[0].strip(),
                  c[1].strip(),
                  words(c[2]),
                  words(c[3]),
                  c[4].strip(),
                  words(c[5]),
                  c[6].strip().equals("-") ? null : c[6].strip(),
                  words(c[7]));
            });
  }

  /** A cell's arguments; null for {@code -}. */
  private static List<String> words(String cell) {
    String s = cell.strip();
    return s.equals("-") ? null : s.isEmpty() ? List.of() : List.of(s.split(" +"));
  }

  @TempDir Path home;

  record Result(int code, String out, String err) {}

  Result run(Case c, List<String> args, String configFile) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp"));
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(c.main());
    cmd.addAll(c.lead());
    cmd.addAll(args);
    Path out = home.resolve("out.txt");
    Path err = home.resolve("err.txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(home.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // the operator's own MOODSTREAM_* settings stay out; the stack, if anything started, in home
    pb.environment().keySet().removeIf(k -> k.startsWith("MOODSTREAM_"));
    pb.environment().put("MOODSTREAM_HOME", home.toString());
    if (configFile != null) {
      pb.environment().put("MOODSTREAM_CONFIG", configFile);
    }
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(c + " " + args + " did not finish in 120 s");
    }
    return new Result(p.exitValue(), read(out), read(err));
  }

  private static String read(Path f) throws IOException {
    return Files.readString(f, StandardCharsets.UTF_8);
  }

  private static String name(Case c) {
    return "moodstream " + c.command();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpAndVersionPrintOnStdoutWithStatusZero(Case c) throws Exception {
    Result h = run(c, List.of("--help"), null);
    assertThat(h.code()).as(h.err()).isZero();
    assertThat(h.out()).startsWith("Usage: " + name(c));
    Result v = run(c, List.of("-V"), null);
    assertThat(v.code()).as(v.err()).isZero();
    assertThat(v.out().strip()).isEqualTo("moodstream " + Cli.version());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aTypoIsStatusTwoWithTheNearestNameOnStderr(Case c) throws Exception {
    Result r = run(c, c.typo(), null);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(name(c) + ": ")
        .contains(c.suggestion(), "Try './" + name(c) + " --help'");
    assertThat(r.out()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void completionPrintsTheScriptTheBuildWrote() throws Exception {
    Case c = commands().filter(x -> x.command().equals("completion")).findFirst().orElseThrow();
    Result r = run(c, List.of(), null);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_moodstream", "--until-caught-up", "--hbase-shell");
  }

  /** The commands with an option that takes a value (down, status and stream have none). */
  static Stream<Case> withValuedOptions() {
    return commands().filter(c -> c.badValue() != null);
  }

  /** The commands that read configuration (score and completion read none). */
  static Stream<Case> configured() {
    return commands().filter(c -> c.configured() != null);
  }

  @ParameterizedTest
  @MethodSource("withValuedOptions")
  void bothOptionFormsReachTheSameCheck(Case c) throws Exception {
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < c.badValue().size(); i++) {
      String a = c.badValue().get(i);
      boolean valued =
          a.startsWith("--")
              && i + 1 < c.badValue().size()
              && !c.badValue().get(i + 1).startsWith("--")
              && !a.equals("--tsv");
      joined.add(valued ? a + "=" + c.badValue().get(++i) : a);
    }
    for (List<String> form : List.of(c.badValue(), joined)) {
      Result r = run(c, form, null);
      assertThat(r.code()).as(form + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).as(form.toString()).contains(c.badValueMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("configured")
  void aNamedConfigurationFileThatIsMissingIsStatusTwoNamingIt(Case c) throws Exception {
    Path missing = home.resolve("no-such.properties");
    Result r = run(c, c.configured(), missing.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()) // "moodstream schema show: …"
        .startsWith(name(c))
        .contains(": MOODSTREAM_CONFIG names " + missing);
  }
}
