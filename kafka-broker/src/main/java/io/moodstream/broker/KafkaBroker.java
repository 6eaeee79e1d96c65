package io.moodstream.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka KRaft broker (combined broker and controller) in a child JVM. Used by the
 * local stack and by integration tests; data lives under {@code dataDir} and survives restarts.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.Options.defaults(dir))) {
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {
  private static final String READY = "Kafka Server started";

  /**
   * @param dataDir where logs, metadata and {@code broker.log} go
   * @param port the PLAINTEXT listener port (0 = pick a free one)
   * @param controllerPort the controller listener port (0 = pick a free one)
   * @param heap the child's -Xmx, e.g. {@code 256m}
   * @param startTimeout how long to wait for "Kafka Server started"
   * @param logFile where the broker's output goes
   */
  public record Options(
      Path dataDir,
      int port,
      int controllerPort,
      String heap,
      Duration startTimeout,
      Path logFile) {
    public static Options defaults(Path dataDir) {
      return new Options(
          dataDir, 0, 0, "384m", Duration.ofSeconds(90), dataDir.resolve("broker.log"));
    }

    public Options withPort(int p) {
      return new Options(dataDir, p, controllerPort, heap, startTimeout, logFile);
    }

    public Options withPorts(int p, int controller) {
      return new Options(dataDir, p, controller, heap, startTimeout, logFile);
    }

    public Options withHeap(String h) {
      return new Options(dataDir, port, controllerPort, h, startTimeout, logFile);
    }

    public Options withLogFile(Path f) {
      return new Options(dataDir, port, controllerPort, heap, startTimeout, f);
    }
  }

  private final Process process;
  private final int port;
  private final Path log;

  private KafkaBroker(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The classpath of kafka_2.13 and its logging binding, resolved when this module was built. */
  public static String classpath() {
    try (InputStream in = KafkaBroker.class.getResourceAsStream("classpath.txt")) {
      if (in == null) {
        throw new IllegalStateException(
            "classpath.txt missing: build moodstream-kafka-broker with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static KafkaBroker start(Options o) throws IOException, InterruptedException {
    Files.createDirectories(o.dataDir());
    int port = o.port() == 0 ? freePort() : o.port();
    int cport = o.controllerPort() == 0 ? freePort() : o.controllerPort();
    Path props = o.dataDir().resolve("server.properties");
    Files.writeString(props, serverProperties(o.dataDir().resolve("data"), port, cport));
    Path log4j = o.dataDir().resolve("log4j2.properties");
    Files.writeString(log4j, ChildJvm.consoleLog4j("kafka.server.KafkaRaftServer"));
    Path log = o.logFile();
    Files.createDirectories(log.getParent());

    // Formatting is idempotent (--ignore-formatted): a restart keeps the cluster id and data.
    Process format =
        new ProcessBuilder(
                command(
                    o,
                    log4j,
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    clusterId(o.dataDir()),
                    "-c",
                    props.toString(),
                    "--ignore-formatted"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IOException("kafka storage format failed: " + tail(log));
    }
    long offset = Files.size(log);
    Process p =
        new ProcessBuilder(command(o, log4j, "kafka.Kafka", props.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    KafkaBroker broker = new KafkaBroker(p, port, log);
    long deadline = System.nanoTime() + o.startTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException(
            "kafka broker exited with " + p.exitValue() + " during start; see " + log);
      }
      String text = Files.readString(log, StandardCharsets.ISO_8859_1);
      if (text.indexOf(READY, (int) Math.min(offset, text.length())) >= 0) {
        return broker;
      }
      Thread.sleep(100);
    }
    broker.kill();
    throw new IOException("kafka broker not ready after " + o.startTimeout() + "; see " + log);
  }

  private static List<String> command(Options o, Path log4j, String main, String... args) {
    return ChildJvm.command(
        o.heap(),
        List.of("-Dlog4j2.configurationFile=" + log4j.toUri()),
        classpath(),
        main,
        List.of(args));
  }

  static String serverProperties(Path data, int port, int cport) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + cport,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + cport,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + data,
        "num.partitions=1",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "min.insync.replicas=1",
        "default.replication.factor=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=false",
        "");
  }

  static String clusterId(Path dir) throws IOException {
    Path f = dir.resolve("cluster.id");
    if (Files.exists(f)) {
      return Files.readString(f).strip();
    }
    // Kafka wants a base64url UUID of 22 characters; one starting with '-' would be read as an
    // option by kafka-storage's argument parser, so draw again (as Kafka's own Uuid does).
    String id;
    do {
      UUID u = UUID.randomUUID();
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
      b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
      id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    } while (id.startsWith("-"));
    Files.writeString(f, id);
    return id;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()))
        + " (log: "
        + log
        + ")";
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: for crash tests. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, wait up to 30 s for a clean shutdown, then SIGKILL. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
