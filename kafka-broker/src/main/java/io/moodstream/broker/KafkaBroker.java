package io.moodstream.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A Kafka KRaft node (combined broker and controller) in a child JVM. Used by the local stack and
 * by integration tests; data lives under {@code dataDir} and survives restarts. One node is a
 * single-node cluster; three nodes given the same {@link Options#voters() voters} and cluster id
 * file form a three-voter quorum (internal topics replicated three times, min ISR 2).
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.Options.defaults(dir))) {
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>A supervisor that runs the process itself uses {@link #prepare(Options)} (configuration and
 * the idempotent storage format) and then {@link #command(Options)}, and waits for {@link #READY}
 * in the log.
 */
public final class KafkaBroker implements AutoCloseable {
  /** The line a node logs once it serves clients. */
  public static final String READY = "Kafka Server started";

  /**
   * TLS material of an SSL-only node: every listener (clients, inter-broker and controller) speaks
   * SSL; the certificate must name 127.0.0.1 (SAN) since clients verify the host name.
   */
  public record Tls(
      Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + ", truststore=" + truststore + ", passwords=******]";
    }
  }

  /**
   * @param dataDir where logs, metadata and {@code server.properties} go
   * @param port the client listener port (0 = pick a free one)
   * @param controllerPort the controller listener port (0 = pick a free one)
   * @param heap the child's -Xmx, e.g. {@code 256m}
   * @param startTimeout how long {@link #start} waits for {@link #READY}
   * @param logFile where the node's output goes
   * @param nodeId the KRaft node id
   * @param voters {@code id@host:port,...} of the controller quorum; null = this node alone
   * @param clusterIdFile the file holding the cluster id, shared by every node of a cluster
   * @param tls SSL-only listeners with this material; null = PLAINTEXT
   */
  public record Options(
      Path dataDir,
      int port,
      int controllerPort,
      String heap,
      Duration startTimeout,
      Path logFile,
      int nodeId,
      String voters,
      Path clusterIdFile,
      Tls tls) {
    public static Options defaults(Path dataDir) {
      return new Options(
          dataDir,
          0,
          0,
          "384m",
          Duration.ofSeconds(90),
          dataDir.resolve("broker.log"),
          1,
          null,
          dataDir.resolve("cluster.id"),
          null);
    }

    public Options withPorts(int p, int controller) {
      return new Options(
          dataDir, p, controller, heap, startTimeout, logFile, nodeId, voters, clusterIdFile, tls);
    }

    public Options withHeap(String h) {
      return new Options(
          dataDir,
          port,
          controllerPort,
          h,
          startTimeout,
          logFile,
          nodeId,
          voters,
          clusterIdFile,
          tls);
    }

    public Options withLogFile(Path f) {
      return new Options(
          dataDir, port, controllerPort, heap, startTimeout, f, nodeId, voters, clusterIdFile, tls);
    }

    /** Node {@code id} of the quorum {@code voters}, whose cluster id is kept in {@code idFile}. */
    public Options asNode(int id, String quorumVoters, Path idFile) {
      return new Options(
          dataDir,
          port,
          controllerPort,
          heap,
          startTimeout,
          logFile,
          id,
          quorumVoters,
          idFile,
          tls);
    }

    public Options withTls(Tls t) {
      return new Options(
          dataDir,
          port,
          controllerPort,
          heap,
          startTimeout,
          logFile,
          nodeId,
          voters,
          clusterIdFile,
          t);
    }

    /** How many voters the quorum has: internal topics are replicated to all of them (max 3). */
    int quorumSize() {
      return voters == null ? 1 : voters.split(",").length;
    }
  }

  /** {@code id@127.0.0.1:port,...} for nodes 1..n with these controller ports. */
  public static String voters(List<Integer> controllerPorts) {
    return IntStream.range(0, controllerPorts.size())
        .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
        .collect(Collectors.joining(","));
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
    return ChildJvm.classpath(KafkaBroker.class, "classpath.txt", "moodstream-kafka-broker");
  }

  /** The options with free ports picked for the ones given as 0. */
  public static Options withFreePorts(Options o) throws IOException {
    return o.withPorts(
        o.port() == 0 ? freePort() : o.port(),
        o.controllerPort() == 0 ? freePort() : o.controllerPort());
  }

  /**
   * Writes {@code server.properties} and the log configuration, and formats the storage
   * (idempotent: a restart keeps the cluster id and data). The ports must be fixed ({@link
   * #withFreePorts}).
   */
  public static void prepare(Options o) throws IOException, InterruptedException {
    if (o.port() == 0 || o.controllerPort() == 0) {
      throw new IllegalArgumentException("prepare needs fixed ports: use withFreePorts first");
    }
    Files.createDirectories(o.dataDir());
    Path props = o.dataDir().resolve("server.properties");
    Files.writeString(props, serverProperties(o));
    if (o.tls() != null) {
      // the properties hold the keystore passwords: readable by the owner only
      Files.setPosixFilePermissions(props, PosixFilePermissions.fromString("rw-------"));
    }
    Files.writeString(
        o.dataDir().resolve("log4j2.properties"),
        ChildJvm.consoleLog4j("kafka.server.KafkaRaftServer"));
    Path log = o.logFile();
    Files.createDirectories(log.getParent());
    Process format =
        new ProcessBuilder(
                command(
                    o,
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    clusterId(o.clusterIdFile()),
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
  }

  /** The command that runs the node prepared by {@link #prepare(Options)}. */
  public static List<String> command(Options o) {
    return command(o, "kafka.Kafka", o.dataDir().resolve("server.properties").toString());
  }

  public static KafkaBroker start(Options options) throws IOException, InterruptedException {
    Options o = withFreePorts(options);
    prepare(o);
    Path log = o.logFile();
    long offset = Files.size(log);
    Process p =
        new ProcessBuilder(command(o))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    KafkaBroker broker = new KafkaBroker(p, o.port(), log);
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

  private static List<String> command(Options o, String main, String... args) {
    return ChildJvm.command(
        o.heap(),
        List.of("-Dlog4j2.configurationFile=" + o.dataDir().resolve("log4j2.properties").toUri()),
        classpath(),
        main,
        List.of(args));
  }

  static String serverProperties(Options o) {
    int rf = Math.min(3, o.quorumSize());
    int minIsr = rf >= 3 ? 2 : 1;
    String voters =
        o.voters() != null ? o.voters() : o.nodeId() + "@127.0.0.1:" + o.controllerPort();
    String protocol = o.tls() != null ? "SSL" : "PLAINTEXT"; // of every listener
    List<String> p =
        new ArrayList<>(
            List.of(
                "process.roles=broker,controller",
                "node.id=" + o.nodeId(),
                "controller.quorum.voters=" + voters,
                "listeners="
                    + protocol
                    + "://127.0.0.1:"
                    + o.port()
                    + ",CONTROLLER://127.0.0.1:"
                    + o.controllerPort(),
                "advertised.listeners=" + protocol + "://127.0.0.1:" + o.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + protocol,
                "listener.security.protocol.map="
                    + protocol
                    + ":"
                    + protocol
                    + ",CONTROLLER:"
                    + protocol,
                "log.dirs=" + o.dataDir().resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=" + rf,
                "transaction.state.log.replication.factor=" + rf,
                "transaction.state.log.min.isr=" + minIsr,
                "share.coordinator.state.topic.replication.factor=" + rf,
                "share.coordinator.state.topic.min.isr=" + minIsr,
                "min.insync.replicas=" + minIsr,
                "default.replication.factor=" + rf,
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false"));
    if (o.tls() != null) {
      p.addAll(
          List.of(
              "ssl.keystore.type=PKCS12",
              "ssl.keystore.location=" + o.tls().keystore(),
              "ssl.keystore.password=" + o.tls().keystorePassword(),
              "ssl.key.password=" + o.tls().keystorePassword(),
              "ssl.truststore.type=PKCS12",
              "ssl.truststore.location=" + o.tls().truststore(),
              "ssl.truststore.password=" + o.tls().truststorePassword(),
              "ssl.client.auth=none",
              "ssl.endpoint.identification.algorithm=https"));
    }
    return p.stream().collect(Collectors.joining("\n", "", "\n"));
  }

  /**
   * The cluster id kept in {@code f}, drawn and written on first use. The nodes of one cluster are
   * prepared concurrently and must all read the same id: the file is created at most once.
   */
  static synchronized String clusterId(Path f) throws IOException {
    if (Files.isDirectory(f)) {
      f = f.resolve("cluster.id");
    }
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
    Files.createDirectories(f.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(f.toAbsolutePath().getParent(), "cluster.id", ".tmp");
    Files.writeString(tmp, id);
    try {
      Files.createLink(f, tmp); // fails if another launcher created it first
    } catch (java.nio.file.FileAlreadyExistsException e) {
      id = Files.readString(f).strip();
    } finally {
      Files.delete(tmp);
    }
    return id;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()))
        + " (log: "
        + log
        + ")";
  }

  /**
   * A port free now on 127.0.0.1, below the kernel's ephemeral range when it can be read. A port
   * from that range, which binding port 0 gives, can be taken as the local end of an outgoing
   * connection (HBase and Kafka open many while they start) before the process it was picked for
   * binds it.
   */
  public static int freePort() throws IOException {
    int ephemeral = ephemeralRangeStart();
    for (int i = 0; i < 50 && ephemeral > FIRST_PICKED_PORT; i++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST_PICKED_PORT, ephemeral);
      try {
        return bind(port);
      } catch (IOException taken) {
        // try another
      }
    }
    return bind(0);
  }

  /** Where {@link #freePort} starts looking: above the ports services usually take. */
  static final int FIRST_PICKED_PORT = 10_000;

  /** The first port of Linux's ephemeral range; 0 where there is none to read. */
  static int ephemeralRangeStart() {
    try {
      // readString gets one byte of this procfs file (it reports no size): read it as lines
      String range =
          Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).strip();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static int bind(int port) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
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
