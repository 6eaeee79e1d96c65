package io.moodstream.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.broker.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Spark standalone cluster on this machine, from spark-core's own classes: a {@code SPARK_HOME}
 * whose {@code jars/} links to what a cluster provides (the streaming module's runtime classpath
 * minus what its {@code -emr} jar shades in), the master and worker commands, and the job submitted
 * as users deploy it: {@code spark-submit --deploy-mode cluster --supervise} of the {@code -emr}
 * jar.
 */
final class SparkCluster {
  static final String MASTER_MAIN = "org.apache.spark.deploy.master.Master";
  static final String WORKER_MAIN = "org.apache.spark.deploy.worker.Worker";
  static final String SUBMIT_MAIN = "org.apache.spark.deploy.SparkSubmit";
  static final String MASTER_READY = "I have been elected leader";
  static final String WORKER_READY = "Successfully registered with master";
  private static final Pattern SUBMITTED = Pattern.compile("submitted as (driver-[\\w-]+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StackPaths paths;
  private final int masterPort;
  private final int webUiPort;
  private volatile String driverId;

  SparkCluster(StackPaths paths, int masterPort, int webUiPort) {
    this.paths = paths;
    this.masterPort = masterPort;
    this.webUiPort = webUiPort;
  }

  Path home() {
    return paths.data("cluster").resolve("spark-home");
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  Path emrJar() {
    return paths
        .root()
        .resolve("streaming")
        .resolve("target")
        .resolve("moodstream-streaming-" + LaunchFacts.current().version() + "-emr.jar");
  }

  /**
   * Environment of every Spark JVM (the workers hand it on to the driver and executors): where
   * Spark is, its Scala line (no build tree here), and loopback as the address every process binds
   * and advertises, as for every other part of the stack.
   */
  Map<String, String> env() {
    return Map.of(
        "SPARK_HOME",
        home().toString(),
        "SPARK_SCALA_VERSION",
        "2.12",
        "SPARK_LOCAL_IP",
        "127.0.0.1");
  }

  private Path log4j() {
    return home().resolve("conf").resolve("log4j2.properties");
  }

  /**
   * Lays out {@code SPARK_HOME}: a {@code RELEASE} marker, {@code conf/log4j2.properties}, and
   * {@code jars/} with a link to each jar of the streaming classpath whose classes are not in the
   * {@code -emr} jar. Idempotent.
   */
  void prepareHome() throws IOException {
    Path jars = home().resolve("jars");
    Files.createDirectories(jars);
    Files.createDirectories(home().resolve("conf"));
    Files.writeString(
        home().resolve("RELEASE"), "Spark 3.5 jars linked by moodstream up --cluster\n");
    Files.writeString(log4j(), log4jProperties());
    try (Stream<Path> old = Files.list(jars)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    for (Path jar : providedJars(StackPlan.classpath(paths, "streaming"), emrJar())) {
      Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
    }
  }

  /**
   * The log configuration of every Spark JVM: warnings, the daemons' own lines (workers launching
   * and relaunching drivers and executors), the job's lines (its batches, in the driver's {@code
   * stdout} under the worker's work directory), and of the scheduler only what an operator needs
   * after a fault: a task lost with its executor, and the retries (attempt 1 and up), not every
   * task start.
   */
  static String log4jProperties() {
    return ChildJvm.consoleLog4j("org.apache.spark.deploy", "io.moodstream")
        + String.join(
            "\n",
            "logger.tasks.name = org.apache.spark.scheduler.TaskSetManager",
            "logger.tasks.level = info",
            "logger.tasks.filter.faults.type = RegexFilter",
            "logger.tasks.filter.faults.regex = " + TASK_FAULTS,
            "logger.tasks.filter.faults.onMatch = ACCEPT",
            "logger.tasks.filter.faults.onMismatch = DENY",
            "");
  }

  /** The scheduler lines {@link #log4jProperties()} keeps: failures, losses and retries. */
  static final String TASK_FAULTS =
      "(?s).*(failed|[Ll]ost |Resubmitted|Starting task [0-9]+[.][1-9][0-9]* in stage).*";

  /**
   * The jars of {@code classpath} a cluster provides: every one whose first classes are not in
   * {@code emrJar} (the ones it shades in, ours among them, are left out).
   */
  static List<Path> providedJars(String classpath, Path emrJar) throws IOException {
    if (!Files.isRegularFile(emrJar)) {
      throw new IOException(emrJar + " is missing: run mvn -B -DskipTests package");
    }
    List<Path> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try (ZipFile emr = new ZipFile(emrJar.toFile())) {
      for (String entry : classpath.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        Path jar = Path.of(entry);
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
          continue; // a module's classes directory: ours, shaded in
        }
        if (!shadedIn(jar, emr) && names.add(jar.getFileName().toString())) {
          out.add(jar);
        }
      }
    }
    return out;
  }

  private static boolean shadedIn(Path jar, ZipFile emr) throws IOException {
    int checked = 0;
    try (ZipFile z = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> e = z.entries();
      while (e.hasMoreElements() && checked < 3) {
        String n = e.nextElement().getName();
        if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.equals("module-info.class")) {
          if (emr.getEntry(n) == null) {
            return false;
          }
          checked++;
        }
      }
    }
    return checked > 0;
  }

  private String classpath() {
    return home().resolve("jars") + File.separator + "*";
  }

  private List<String> flags(List<String> extra) {
    List<String> f = new ArrayList<>(LaunchFacts.current().jvmFlags());
    f.add("-Dlog4j2.configurationFile=" + log4j().toUri());
    f.addAll(extra);
    return f;
  }

  List<String> masterCommand(String heap) {
    Path recovery = paths.data("cluster").resolve("spark-recovery");
    return ChildJvm.command(
        heap,
        flags(
            List.of(
                // a restarted master takes back its workers, applications and drivers
                "-Dspark.deploy.recoveryMode=FILESYSTEM",
                "-Dspark.deploy.recoveryDirectory=" + recovery)),
        classpath(),
        MASTER_MAIN,
        List.of(
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(masterPort),
            "--webui-port",
            Integer.toString(webUiPort)));
  }

  List<String> workerCommand(Path work, int port, int cores, String memory, String heap) {
    return ChildJvm.command(
        heap,
        flags(List.of()),
        classpath(),
        WORKER_MAIN,
        List.of(
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--webui-port",
            "0",
            "--cores",
            Integer.toString(cores),
            "--memory",
            memory,
            "--work-dir",
            work.toString(),
            masterUrl()));
  }

  /**
   * {@code spark-submit --deploy-mode cluster --supervise} of the {@code -emr} jar with these
   * {@code --conf} settings.
   */
  List<String> submitCommand(List<String> conf, String driverMemory, String executorMemory) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--master",
                masterUrl(),
                "--deploy-mode",
                "cluster",
                "--supervise",
                "--class",
                LaunchFacts.main(paths.root(), "streaming", "stream"),
                "--driver-memory",
                driverMemory,
                "--executor-memory",
                executorMemory));
    for (String c : conf) {
      args.add("--conf");
      args.add(c);
    }
    args.add(emrJar().toString());
    return ChildJvm.command("256m", flags(List.of()), classpath(), SUBMIT_MAIN, args);
  }

  /** The JVM options of the driver and executors: Spark's openings and our log configuration. */
  String jobJavaOptions() {
    return String.join(" ", flags(List.of()));
  }

  /**
   * Runs spark-submit and returns the driver id once the master reports the driver running. The
   * submit client's output goes to {@code var/log/stream-submit.log}.
   */
  String submit(List<String> command, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    Path log = paths.log("stream-submit");
    Files.createDirectories(log.getParent());
    long offset = Files.exists(log) ? Files.size(log) : 0;
    Process p = ChildProcess.builder(command, env, log, paths).start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("spark-submit did not return in " + timeout + "; see " + log);
    }
    String out = Files.readString(log, StandardCharsets.ISO_8859_1).substring((int) offset);
    Matcher m = SUBMITTED.matcher(out);
    if (p.exitValue() != 0 || !m.find()) {
      throw new IOException(
          "spark-submit failed (exit " + p.exitValue() + "):\n" + ChildProcess.tail(log, 15));
    }
    driverId = m.group(1);
    // for `moodstream status` in another terminal: which driver, and where its master answers
    Files.createDirectories(paths.run());
    Files.writeString(driverFile(paths), driverId + "\t" + webUiPort + "\n");
    if (awaitDriver(s -> s.filter("RUNNING"::equals).isPresent(), timeout)) {
      return driverId;
    }
    throw new IOException(
        "driver " + driverId + " not running after " + timeout + ": " + driverState().orElse("?"));
  }

  /** The master's view of this stack's driver: RUNNING, RELAUNCHING, FINISHED, FAILED, … */
  Optional<String> driverState() {
    String id = driverId;
    if (id == null) {
      return Optional.empty();
    }
    return masterState().flatMap(s -> driver(s, id)).map(d -> d.path("state").asText());
  }

  /** The driver {@code id} among the master's active and completed drivers. */
  private static Optional<JsonNode> driver(JsonNode master, String id) {
    for (String list : List.of("activedrivers", "completeddrivers")) {
      for (JsonNode d : master.path(list)) {
        if (id.equals(d.path("id").asText())) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code var/run/stream-driver.tsv}: the submitted driver's id and the master's web UI port. */
  static Path driverFile(StackPaths paths) {
    return paths.run().resolve("stream-driver.tsv");
  }

  /**
   * One line on the job of {@code up --cluster} for {@code status}: the driver's state and worker
   * and the application's cores, as the master reports them; empty when no driver was submitted.
   */
  static Optional<String> describeDriver(StackPaths paths) {
    String[] f;
    try {
      f = Files.readString(driverFile(paths)).strip().split("\t");
    } catch (IOException e) {
      return Optional.empty();
    }
    if (f.length != 2 || !f[1].matches("[0-9]+")) {
      return Optional.empty();
    }
    SparkCluster c = new SparkCluster(paths, -1, Integer.parseInt(f[1]));
    return Optional.of(
        c.masterState()
            .map(s -> describeDriver(s, f[0]))
            .orElse("driver " + f[0] + ": the Spark master does not answer on port " + f[1]));
  }

  /** The driver {@code id} and its application in the master's {@code /json/} state. */
  static String describeDriver(JsonNode master, String id) {
    Optional<JsonNode> d = driver(master, id);
    if (d.isEmpty()) {
      return "driver " + id + ": unknown to the Spark master";
    }
    StringBuilder b =
        new StringBuilder("driver " + id + ": " + d.get().path("state").asText())
            .append(" on ")
            .append(d.get().path("worker").asText("?"));
    for (JsonNode a : master.path("activeapps")) {
      b.append("; application ")
          .append(a.path("id").asText())
          .append(' ')
          .append(a.path("state").asText())
          .append(", ")
          .append(a.path("cores").asInt())
          .append(" executor core(s)");
    }
    return b.toString();
  }

  /** The master's JSON status page ({@code /json/}), if it answers. */
  Optional<JsonNode> masterState() {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUiPort + "/json/"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Asks the job to stop through its stop marker, waits up to {@code grace} for the driver to
   * finish, then has the master kill it as a last resort.
   */
  void stopDriver(Path marker, Duration grace) throws IOException, InterruptedException {
    if (driverId == null) {
      return;
    }
    // through Hadoop's FileSystem, as `moodstream stream stop` does, at the URI the job polls
    io.moodstream.storage.StatusFiles.write(
        marker.toUri().toString(), "stop\n".getBytes(StandardCharsets.UTF_8));
    if (awaitDriver(INACTIVE, grace)) {
      return;
    }
    killDriver();
    if (!awaitDriver(INACTIVE, Duration.ofSeconds(60))) {
      throw new IOException(
          "the driver did not stop within "
              + grace.toSeconds()
              + " s, nor when the master was asked to kill it: "
              + driverState().orElse("?"));
    }
    throw new IOException("the driver did not stop within " + grace.toSeconds() + " s: killed");
  }

  /** A driver the master no longer runs, or does not know. */
  private static final Predicate<Optional<String>> INACTIVE =
      st -> st.isEmpty() || !isActive(st.get());

  /** Polls the driver's state every 500 ms until it is {@code done}; false after {@code d}. */
  private boolean awaitDriver(Predicate<Optional<String>> done, Duration d)
      throws InterruptedException {
    long deadline = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.test(driverState())) {
        return true;
      }
      Thread.sleep(500);
    }
    return false;
  }

  static boolean isActive(String state) {
    return List.of("SUBMITTED", "RUNNING", "RELAUNCHING", "UNKNOWN").contains(state);
  }

  /**
   * Asks the master to kill the driver, as its web UI's kill link does ({@code POST
   * /driver/kill/?id=…&terminate=true}); {@code spark-submit --kill} would need the master's REST
   * submission server, which standalone masters leave off by default.
   */
  void killDriver() throws IOException, InterruptedException {
    HttpResponse<Void> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + webUiPort
                                + "/driver/kill/?terminate=true&id="
                                + driverId))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() >= 400) {
      throw new IOException("the master answered " + r.statusCode() + " to killing " + driverId);
    }
  }
}
