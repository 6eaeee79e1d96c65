package io.moodstream.storage;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigException;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.HBaseLayout.TableSpec;
import io.moodstream.schema.hbase.HBaseShellScript;
import io.moodstream.schema.kafka.KafkaTopics;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;

/** {@code ./moodstream schema apply|show}: creates or prints the HBase layout. */
public final class SchemaCommand {
  static final String USAGE =
      """
      Usage: moodstream schema <command> [options]

      Commands:
        apply [--dry-run]     create or update the HBase namespace and tables; idempotent: a second
                              run changes nothing and says so. --dry-run only prints what it would do.
        show [--hbase-shell]  print the HBase layout and Kafka topics for the current configuration;
                              --hbase-shell prints the equivalent HBase-shell script instead.

      Options:
        -h, --help            this help

      Configuration (moodstream.properties or MOODSTREAM_* variables, see docs/CONFIGURATION.md):
        hbase.zookeeper.quorum, hbase.zookeeper.port, hbase.compression, hbase.extremes.ttl,
        kafka.topic.*.partitions, kafka.topic.*.retention
      """;

  private SchemaCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> a = List.of(args);
    if (a.isEmpty() || a.contains("-h") || a.contains("--help")) {
      (a.isEmpty() ? err : out).print(USAGE);
      return a.isEmpty() ? 2 : 0;
    }
    String cmd = a.get(0);
    List<String> opts = a.subList(1, a.size());
    List<String> allowed =
        switch (cmd) {
          case "apply" -> List.of("--dry-run");
          case "show" -> List.of("--hbase-shell");
          default -> null;
        };
    if (allowed == null) {
      err.println("moodstream schema: unknown command '" + cmd + "' (expected apply or show)");
      err.print(USAGE);
      return 2;
    }
    for (String o : opts) {
      if (!allowed.contains(o)) {
        err.println("moodstream schema " + cmd + ": unknown option '" + o + "'");
        return 2;
      }
    }
    MoodstreamConfig config;
    try {
      config = MoodstreamConfig.load(CommonConfig.KEYS);
    } catch (ConfigException e) {
      err.println("moodstream schema: " + e.getMessage());
      return 2;
    }
    config.warnings().forEach(w -> err.println("warning: " + w));
    HBaseLayout layout = HBaseLayout.from(config);
    if (cmd.equals("show")) {
      out.print(
          opts.contains("--hbase-shell") ? HBaseShellScript.render(layout) : show(layout, config));
      return 0;
    }
    String where =
        config.get(CommonConfig.HBASE_ZOOKEEPER_QUORUM)
            + ":"
            + config.get(CommonConfig.HBASE_ZOOKEEPER_PORT);
    out.println("Applying the Moodstream schema to HBase at " + where + " ...");
    try (Connection c = HBaseClients.connect(config);
        Admin admin = c.getAdmin()) {
      apply(admin, layout, opts.contains("--dry-run"), out);
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
  public static SchemaApplier.Report apply(
      Admin admin, HBaseLayout layout, boolean dryRun, PrintStream out) throws IOException {
    SchemaApplier.Report r = new SchemaApplier(admin).apply(layout, dryRun);
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
              "  %-20s partitions=%d (%s) retention=%s  key: %s; value: %s%n",
              t.name(),
              s.partitions(),
              t.partitions().name(),
              ConfigKey.formatDuration(config.get(t.retention())),
              t.key(),
              t.value()));
    }
    return b.toString();
  }
}
