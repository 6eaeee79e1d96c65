package io.moodstream.storage;

import io.moodstream.schema.ApplyReport;
import io.moodstream.schema.cli.Cli;
import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.KafkaClientConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.HBaseLayout.TableSpec;
import io.moodstream.schema.hbase.HBaseShellScript;
import io.moodstream.schema.kafka.KafkaTopicApplier;
import io.moodstream.schema.kafka.KafkaTopics;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./moodstream schema apply|show}: creates or prints the Kafka topics ({@link
 * KafkaTopicApplier}) and the HBase layout ({@link SchemaApplier}). Runs from the streaming job's
 * {@code -emr} jar too ({@code spark-submit --class io.moodstream.storage.SchemaCommand … apply}),
 * with the cluster's hbase-site.xml and {@code spark.moodstream.*} settings.
 */
@Command(
    name = "moodstream schema",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    synopsisSubcommandLabel = "(apply | show)",
    description = "Creates or prints the Kafka topics and the HBase layout.",
    footer = {
      "",
      "Configuration (moodstream.properties, MOODSTREAM_* variables, or spark.moodstream.* under",
      "spark-submit; see docs/CONFIGURATION.md):",
      "  kafka.bootstrap.servers, kafka.client.* (security), kafka.replication.factor,",
      "  kafka.min.insync.replicas, kafka.topic.*.partitions, kafka.topic.*.retention,",
      "  hbase.zookeeper.quorum, hbase.zookeeper.port (else hbase-site.xml), hbase.compression,",
      "  hbase.extremes.ttl, hbase.table.regions"
    })
public final class SchemaCommand implements Callable<Integer> {
  /** What {@code apply --only} takes. */
  enum Part {
    kafka,
    hbase
  }

  @Spec CommandSpec spec;

  private final PrintStream out;
  private final PrintStream err;

  SchemaCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new SchemaCommand(out, err), args, out, err);
  }

  /** Without a subcommand: the usage, on stderr, as a usage error. */
  @Override
  public Integer call() {
    return Cli.missingSubcommand(spec);
  }

  @Command(
      name = "apply",
      description = {
        "Creates or updates the Kafka topics, then the HBase namespace and tables; idempotent: a"
            + " second run changes nothing and says so."
      })
  int apply(
      @Option(names = "--dry-run", description = "only print what it would do") boolean dryRun,
      @Option(
              names = "--only",
              paramLabel = "PART",
              description = "apply one of the two: ${COMPLETION-CANDIDATES}")
          Part only) {
    MoodstreamConfig config = config();
    int kafka = only == Part.hbase ? 0 : applyKafka(config, dryRun);
    int hbase = only == Part.kafka ? 0 : applyHBase(config, dryRun);
    return Math.max(kafka, hbase);
  }

  @Command(
      name = "show",
      description = "Prints the HBase layout and Kafka topics for the current configuration.")
  int show(
      @Option(
              names = "--hbase-shell",
              description = "print the equivalent HBase-shell script instead")
          boolean hbaseShell) {
    MoodstreamConfig config = config();
    HBaseLayout layout = HBaseLayout.from(config);
    out.print(hbaseShell ? HBaseShellScript.render(layout) : show(layout, config));
    return 0;
  }

  private MoodstreamConfig config() {
    MoodstreamConfig config = MoodstreamConfig.load(CommonConfig.KEYS, sparkOverrides());
    config.warnings().forEach(w -> err.println("warning: " + w));
    return config;
  }

  /**
   * Under spark-submit (the EMR step), the {@code spark.moodstream.*} entries spark-submit passed
   * as system properties; elsewhere none.
   */
  static MoodstreamConfig.Overrides sparkOverrides() {
    Map<String, String> props = new TreeMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    return MoodstreamConfig.Overrides.sparkConf(props);
  }

  /** The Kafka admin's settings: bounded timeouts, then the kafka.client.* pass-through. */
  static Map<String, Object> kafkaAdminConfig(MoodstreamConfig config) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    a.putAll(KafkaClientConfig.properties(config));
    return a;
  }

  private int applyKafka(MoodstreamConfig config, boolean dryRun) {
    String where = config.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS);
    out.println(
        (dryRun ? "Dry run against" : "Applying the Moodstream topics to")
            + " Kafka at "
            + where
            + " ...");
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(kafkaAdminConfig(config))) {
      ApplyReport r = new KafkaTopicApplier(admin, 30_000).apply(config, dryRun);
      r.describe().lines().forEach(l -> out.println("  " + l));
      return 0;
    } catch (ConfigException e) {
      err.println("moodstream schema apply: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("moodstream schema apply: interrupted");
      return 1;
    } catch (Exception e) {
      err.println(
          "moodstream schema apply: cannot apply the topics to Kafka at "
              + where
              + ": "
              + summary(e));
      err.println(
          "Is Kafka running and reachable? (./moodstream up starts one; see kafka.bootstrap.servers"
              + " and kafka.client.* in docs/CONFIGURATION.md)");
      return 1;
    }
  }

  private int applyHBase(MoodstreamConfig config, boolean dryRun) {
    HBaseLayout layout = HBaseLayout.from(config);
    org.apache.hadoop.conf.Configuration conf =
        HBaseClients.configuration(config, HBaseClients.Timeouts.COMMAND);
    String where = HBaseClients.where(conf);
    out.println(
        (dryRun ? "Dry run against" : "Applying the Moodstream schema to")
            + " HBase at "
            + where
            + " ...");
    try (Connection c = ConnectionFactory.createConnection(conf);
        Admin admin = c.getAdmin()) {
      apply(admin, layout, dryRun, out);
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println(
          "moodstream schema apply: cannot apply the schema to HBase at "
              + where
              + ": "
              + summary(e));
      err.println(
          "Is HBase running? (./moodstream up starts one; see hbase.zookeeper.* in docs/CONFIGURATION.md)");
      return 1;
    }
  }

  /** Applies the layout and prints what changed, or that nothing did. */
  public static ApplyReport apply(Admin admin, HBaseLayout layout, boolean dryRun, PrintStream out)
      throws IOException {
    ApplyReport r = new SchemaApplier(admin).apply(layout, dryRun);
    String verb = dryRun ? "would " : "";
    r.changes().forEach(c -> out.println("  " + verb + c));
    r.notes().forEach(n -> out.println("  note: " + n));
    if (r.upToDate()) {
      out.println("Schema is up to date: no changes.");
    } else {
      out.println((dryRun ? "Dry run: " : "Applied ") + r.changes().size() + " change(s).");
    }
    return r;
  }

  /** The root cause in one line: HBase's retry exceptions list every attempt, keep the last. */
  static String summary(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String msg = String.valueOf(root.getMessage()).strip();
    String last = msg.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(msg);
    int cut = last.lastIndexOf("}, ");
    return cut >= 0 ? last.substring(cut + 3) : root.getClass().getSimpleName() + ": " + last;
  }

  static String show(HBaseLayout layout, MoodstreamConfig config) {
    StringBuilder b = new StringBuilder();
    b.append("HBase namespace ").append(layout.namespace()).append('\n');
    for (TableSpec t : layout.tables()) {
      b.append(String.format("  %-24s %s%n", layout.qualified(t.name()), t.holds()));
      b.append(String.format("  %-24s %s%n", "", SchemaApplier.describe(t)));
    }
    b.append(
        """
        Row key (every table): salt(1) | topic UTF-8 (1..255 B) | 0x00 | bucket start uint32 epoch s
          salt = CRC-32(topic) & 0xff; one topic + time range [from, to) = one contiguous scan
          e.g. topic "apple", 2026-11-24T21:56:00Z = 50 6170706c65 00 6b0607f0
        Kafka topics
        """);
    for (KafkaTopics.Topic t : KafkaTopics.ALL) {
      KafkaTopics.Settings s = t.settings(config);
      b.append(
          String.format(
              "  %-20s partitions=%d (%s) replication=%d min.insync.replicas=%d retention=%s"
                  + "  key: %s; value: %s%n",
              t.name(),
              s.partitions(),
              t.partitions().name(),
              s.replicationFactor(),
              s.minInsyncReplicas(),
              ConfigKey.formatDuration(config.get(t.retention())),
              t.key(),
              t.value()));
    }
    return b.toString();
  }
}
