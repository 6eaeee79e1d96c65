package io.moodstream.local;

import io.moodstream.schema.ApplyReport;
import io.moodstream.schema.config.KafkaClientConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.kafka.KafkaTopicApplier;
import io.moodstream.storage.HBaseClients;
import io.moodstream.storage.SchemaCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/**
 * The stack's side effects and bookkeeping around the {@link Supervisor}: the preflight (ports,
 * memory, built modules), the probes and schema steps a {@link StackPlan} refers to, the progress
 * lines, and the status file {@code var/run/stack.tsv} that {@code status} and {@code down} read
 * from another terminal.
 */
final class LocalStack implements StackPlan.Effects {
  private final MoodstreamConfig config;
  private final StackPaths paths;
  private final PrintStream out;
  private final long t0 = System.nanoTime();

  LocalStack(MoodstreamConfig config, StackPaths paths, PrintStream out) {
    this.config = config;
    this.paths = paths;
    this.out = out;
  }

  /** A supervisor of {@code plan} with real processes, the wall clock and this stack's output. */
  Supervisor supervisor(List<ChildSpec> plan) {
    return new Supervisor(
        plan,
        ChildProcess.launcher(paths),
        RestartPolicy.from(config),
        Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()),
        this::step,
        status -> writeStatus(paths, plan, status));
  }

  // ---------------------------------------------------------------- preflight

  /** Problems that must stop {@code up} before anything starts: taken ports, too little memory. */
  List<String> preflight(List<ChildSpec> plan, List<String> modules) {
    List<String> problems = new ArrayList<>();
    long needMb = 0;
    for (ChildSpec s : plan) {
      needMb += s.heap() == null ? 0 : LocalConfig.heapMegabytes(s.heap());
      for (ChildSpec.Port p : s.ports()) {
        if (!free(p.port())) {
          problems.add(
              "port "
                  + p.port()
                  + " ("
                  + p.what()
                  + ") is in use: stop what holds it (`ss -ltnp 'sport = :"
                  + p.port()
                  + "'`) or configure another port");
        }
      }
    }
    long availMb = availableMemoryMb();
    if (availMb > 0 && availMb < needMb + 512) {
      problems.add(
          "only "
              + availMb
              + " MB of memory available, the stack needs about "
              + (needMb + 512)
              + " MB (heaps "
              + needMb
              + " MB + overhead); lower local.heap.* / local.cluster.heap.* or free memory");
    }
    for (String m : modules) {
      if (LaunchFacts.of(paths.root(), m).isEmpty()
          || !Files.isRegularFile(StackPlan.moduleJar(paths, m))
          || !Files.isRegularFile(StackPlan.classpathFile(paths, m))) {
        problems.add(m + ": not built in " + m + "/ (run mvn -B -DskipTests package)");
      }
    }
    return problems;
  }

  static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static long availableMemoryMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: skip the check
    }
    return -1;
  }

  // ---------------------------------------------------------------- effects

  @Override
  public void applyKafkaTopics() throws IOException {
    try (org.apache.kafka.clients.admin.Admin kafka =
        org.apache.kafka.clients.admin.Admin.create(KafkaClientConfig.properties(config))) {
      ApplyReport r = new KafkaTopicApplier(kafka, 60_000).apply(config);
      out.print(r.describe().indent(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating Kafka topics", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IOException("cannot create Kafka topics: " + cause.getMessage(), e);
    }
  }

  @Override
  public void applyHBaseTables() throws IOException {
    try (Connection conn = HBaseClients.connect(config);
        Admin admin = conn.getAdmin()) {
      SchemaCommand.apply(admin, HBaseLayout.from(config), false, out);
    }
  }

  @Override
  public boolean hbaseHealthy() {
    org.apache.hadoop.conf.Configuration conf =
        HBaseClients.configuration(config, HBaseClients.Timeouts.within(Duration.ofSeconds(5)));
    try (Connection c = ConnectionFactory.createConnection(conf);
        Admin a = c.getAdmin()) {
      a.listNamespaces();
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean restHealthy() {
    return httpOk("http://127.0.0.1:" + config.get(LocalConfig.REST_PORT) + "/health");
  }

  static boolean httpOk(String url) {
    try {
      HttpResponse<Void> r =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void step(String part, String msg) {
    synchronized (out) {
      out.printf("[%5.1fs] %-7s %s%n", (System.nanoTime() - t0) / 1e9, part, msg);
      out.flush();
    }
  }

  // ---------------------------------------------------------------- status and stop

  /**
   * {@code var/run/stack.tsv}: one line per child in plan order, {@code id, group, pid, port,
   * state, restarts, stop grace in s, note}, rewritten on every change.
   */
  static void writeStatus(StackPaths paths, List<ChildSpec> plan, List<Supervisor.Status> status) {
    Map<String, ChildSpec> specs = new LinkedHashMap<>();
    plan.forEach(s -> specs.put(s.id(), s));
    StringBuilder b = new StringBuilder();
    for (Supervisor.Status s : status) {
      ChildSpec spec = specs.get(s.id());
      b.append(
          String.join(
              "\t",
              s.id(),
              s.group(),
              s.pid() == null ? "-" : s.pid().toString(),
              s.port() == null ? "-" : s.port().toString(),
              s.state().shown,
              Integer.toString(s.restarts()),
              Long.toString(spec == null ? 30 : spec.stopGrace().toSeconds()),
              s.note().replaceAll("[\t\n]", " ")));
      b.append('\n');
    }
    try {
      Files.createDirectories(paths.run());
      Path tmp = paths.run().resolve("stack.tsv.tmp");
      Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          paths.run().resolve("stack.tsv"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the status file is a convenience for other terminals; the stack runs on without it
    }
  }

  /** One recorded child: what {@code status} shows and {@code down} stops. */
  record Recorded(
      String id, String group, String pid, String port, String state, int restarts, long grace) {}

  static List<Recorded> recorded(StackPaths paths) {
    List<Recorded> l = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(paths.run().resolve("stack.tsv"))) {
        String[] f = line.split("\t", -1);
        if (f.length >= 7) {
          l.add(
              new Recorded(
                  f[0], f[1], f[2], f[3], f[4], Integer.parseInt(f[5]), Long.parseLong(f[6])));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // no stack recorded
    }
    return l;
  }

  /**
   * The status table: component, pid, port, state, restarts; a recorded process that no longer runs
   * shows as stopped.
   */
  static String statusTable(StackPaths paths) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                "%-16s %-8s %-6s %-10s %s%n", "COMPONENT", "PID", "PORT", "STATE", "RESTARTS"));
    for (Recorded r : recorded(paths)) {
      boolean alive = ChildProcess.running(r.id(), paths).isPresent();
      String state = r.state();
      if (!alive && (state.equals("running") || state.equals("starting"))) {
        state = "stopped";
      }
      b.append(
          String.format(
              "%-16s %-8s %-6s %-10s %d%n",
              r.id(), alive ? r.pid() : "-", r.port(), state, r.restarts()));
    }
    return b.toString();
  }

  /**
   * Stops the components recorded in var/run (orphans of a killed {@code up}), in the reverse order
   * of the plan.
   */
  static List<String> stopRecorded(StackPaths paths) {
    List<String> stopped = new ArrayList<>();
    List<Recorded> rec = new ArrayList<>(recorded(paths));
    java.util.Collections.reverse(rec);
    for (Recorded r : rec) {
      ChildProcess.running(r.id(), paths)
          .ifPresent(
              h -> {
                boolean clean = ChildProcess.stop(h, Duration.ofSeconds(r.grace()));
                stopped.add(r.id() + " (pid " + h.pid() + (clean ? ")" : ", killed)"));
              });
      try {
        Files.deleteIfExists(paths.pid(r.id()));
      } catch (IOException ignored) {
        // best effort
      }
    }
    return stopped;
  }
}
