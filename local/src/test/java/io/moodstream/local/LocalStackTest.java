package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.local.ChildSpec.Readiness;
import io.moodstream.local.ChildSpec.Restart;
import io.moodstream.local.ChildSpec.Start;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's bookkeeping without processes: the status file, its table, the preflight. */
class LocalStackTest {
  @TempDir Path root;

  static final MoodstreamConfig CONFIG = MoodstreamConfig.load(LocalConfig.KEYS, Map.of(), null);

  static ChildSpec child(String id, Start start, Duration grace, String heap, int... ports) {
    return new ChildSpec(
        id,
        "g-" + id,
        start,
        new Readiness.Alive(),
        Duration.ofSeconds(30),
        grace,
        start instanceof Start.Step ? Restart.TEMPORARY : Restart.PERMANENT,
        List.of(),
        heap,
        java.util.Arrays.stream(ports).mapToObj(p -> new ChildSpec.Port(id + " port", p)).toList());
  }

  static Start.Command command() {
    return new Start.Command(List.of("java"), Map.of());
  }

  @Test
  void theStatusFileHoldsOneLinePerChildWithItsStopGraceAndReadsBack() throws Exception {
    StackPaths paths = new StackPaths(root);
    List<ChildSpec> plan =
        List.of(
            child("kafka", command(), Duration.ofSeconds(30), "384m", 9092),
            child("hbase", command(), Duration.ofSeconds(90), "768m"));
    LocalStack.writeStatus(
        paths,
        plan,
        List.of(
            new Supervisor.Status(
                "kafka", "g-kafka", Supervisor.State.UP, 4242L, 9092, 1, "crashed\tonce\nthen"),
            new Supervisor.Status(
                "hbase", "g-hbase", Supervisor.State.BACKOFF, null, null, 0, "")));
    assertThat(Files.readString(paths.run().resolve("stack.tsv")))
        .isEqualTo(
            "kafka\tg-kafka\t4242\t9092\trunning\t1\t30\tcrashed once then\n"
                + "hbase\tg-hbase\t-\t-\trestarting\t0\t90\t\n");
    assertThat(LocalStack.recorded(paths))
        .containsExactly(
            new LocalStack.Recorded("kafka", "g-kafka", "4242", "9092", "running", 1, 30),
            new LocalStack.Recorded("hbase", "g-hbase", "-", "-", "restarting", 0, 90));
    assertThat(paths.run().resolve("stack.tsv.tmp")).doesNotExist();
  }

  @Test
  void theStacksSupervisorRewritesTheStatusFileOnEveryChange() throws Exception {
    StackPaths paths = new StackPaths(root);
    Path statusFile = paths.run().resolve("stack.tsv");
    List<String> seen = new java.util.ArrayList<>();
    Start.Step topics =
        new Start.Step(
            "applying",
            () -> seen.add(Files.exists(statusFile) ? Files.readString(statusFile) : "none"),
            ChildSpec.Action.NONE);
    List<ChildSpec> plan =
        List.of(
            child("topics", topics, Duration.ZERO, null),
            new ChildSpec(
                "tables",
                "schema",
                new Start.Step("applying tables", ChildSpec.Action.NONE, ChildSpec.Action.NONE),
                new Readiness.Alive(),
                Duration.ofSeconds(30),
                Duration.ofSeconds(7),
                Restart.TEMPORARY,
                List.of("topics"),
                null,
                List.of()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Supervisor s =
        new LocalStack(CONFIG, paths, new PrintStream(out, true, StandardCharsets.UTF_8))
            .supervisor(plan)) {
      s.startAll();
      assertThat(seen).containsExactly("none");
      assertThat(Files.readString(statusFile))
          .isEqualTo(
              "topics\tg-topics\t-\t-\tdone\t0\t0\tdone\n"
                  + "tables\tschema\t-\t-\tdone\t0\t7\tdone\n");
    }
    assertThat(LocalStack.recorded(paths))
        .extracting(LocalStack.Recorded::state)
        .containsExactly("done", "done");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("topics  applying\n")
        .contains("tables  applying tables\n");
    assertThat(LocalStack.statusTable(paths))
        .isEqualTo(
            String.format(
                "%-16s %-8s %-6s %-10s %s%n"
                    + "%-16s %-8s %-6s %-10s %d%n"
                    + "%-16s %-8s %-6s %-10s %d%n",
                "COMPONENT",
                "PID",
                "PORT",
                "STATE",
                "RESTARTS",
                "topics",
                "-",
                "-",
                "done",
                0,
                "tables",
                "-",
                "-",
                "done",
                0));
  }

  @Test
  void thePreflightNamesEachTakenPortThenTooLittleMemory() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      try (ServerSocket other = new ServerSocket()) {
        other.bind(new InetSocketAddress("127.0.0.1", 0));
        int second = other.getLocalPort();
        List<ChildSpec> plan =
            List.of(
                child("a", command(), Duration.ofSeconds(30), "100000g", port),
                child("b", command(), Duration.ofSeconds(30), null),
                child("c", command(), Duration.ofSeconds(30), "512m", second));
        List<String> problems =
            new LocalStack(CONFIG, new StackPaths(root), System.out).preflight(plan, List.of());
        long need = 100_000L * 1024 + 512;
        assertThat(problems).hasSize(3);
        assertThat(problems.subList(0, 2))
            .containsExactly(
                "port "
                    + port
                    + " (a port) is in use: stop what holds it (`ss -ltnp 'sport = :"
                    + port
                    + "'`) or configure another port",
                "port "
                    + second
                    + " (c port) is in use: stop what holds it (`ss -ltnp 'sport = :"
                    + second
                    + "'`) or configure another port");
        assertThat(problems.get(2))
            .matches(
                "only \\d+ MB of memory available, the stack needs about "
                    + (need + 512)
                    + " MB \\(heaps "
                    + need
                    + " MB \\+ overhead\\); lower local\\.heap\\.\\* / local\\.cluster\\.heap\\.\\*"
                    + " or free memory");
      }
    }
  }
}
