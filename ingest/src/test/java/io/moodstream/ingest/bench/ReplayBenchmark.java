package io.moodstream.ingest.bench;

import io.moodstream.broker.KafkaBroker;
import io.moodstream.ingest.IngestMain;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.source.replay.V1Generator;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The replay benchmark: generates a v1.1 file of N statuses (default 1,000,000; kept for re-runs),
 * starts a local Kafka broker (child JVM) and runs {@code ingest replay --speed max FILE} into it,
 * printing the summary with posts/s. Run with {@code ingest/bench/replay-benchmark.sh}.
 */
public final class ReplayBenchmark {
  private ReplayBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    Path dir = Path.of(args.length > 1 ? args[1] : "target/bench");
    Files.createDirectories(dir);
    Path file = dir.resolve("v1-statuses-" + n + ".json");
    if (!Files.exists(file)) {
      long t0 = System.nanoTime();
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
        V1Generator.write(out, 2013, n, Instant.parse("2013-08-03T00:00:00Z"), 1);
      }
      System.err.printf(
          "generated %s (%,d bytes) in %.1f s%n",
          file, Files.size(file), (System.nanoTime() - t0) / 1e9);
    } else {
      System.err.printf("using %s (%,d bytes)%n", file, Files.size(file));
    }
    Path kafkaDir = Files.createTempDirectory("bench-kafka");
    Path state = Files.createTempDirectory("bench-state");
    int code;
    try (KafkaBroker kafka =
        KafkaBroker.start(KafkaBroker.Options.defaults(kafkaDir).withHeap("1g"))) {
      Map<String, String> env = new HashMap<>();
      env.put("MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      env.put("MOODSTREAM_INGEST_STATE_DIR", state.toString());
      System.getenv()
          .forEach(
              (k, v) -> {
                if (k.startsWith("MOODSTREAM_INGEST_")) {
                  env.put(k, v);
                }
              });
      // Warm-up: the same command on the first records, so the JIT has compiled the hot path
      // (a cold JVM spends its first seconds interpreting); BENCH_WARMUP=0 measures cold.
      int warm = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "400000"));
      if (warm > 0) {
        System.out.println("warm-up run (" + warm + " records, cold JVM):");
        IngestMain.run(
            new String[] {
              "replay",
              "--speed",
              "max",
              "--no-progress",
              "--count",
              Integer.toString(warm),
              file.toString()
            },
            keys -> MoodstreamConfig.load(keys, env, null),
            new Lifecycle(),
            System.out,
            System.err);
        System.out.println("measured run (all " + n + " posts):");
      }
      long brokerCpu0 = cpuTicks(kafka.pid());
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      code =
          IngestMain.run(
              new String[] {"replay", "--speed", "max", "--no-progress", file.toString()},
              keys -> MoodstreamConfig.load(keys, env, null),
              new Lifecycle(),
              System.out,
              System.err);
      double wall = (System.nanoTime() - t0) / 1e9;
      if (System.getenv("BENCH_THREADS") != null) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long javaThreads = 0;
        for (long id : mx.getAllThreadIds()) {
          long c = mx.getThreadCpuTime(id);
          var info = mx.getThreadInfo(id);
          if (c > 0 && info != null) {
            javaThreads += c;
            if (c > 200_000_000L) {
              System.out.printf("  thread %-40s %.1f s%n", info.getThreadName(), c / 1e9);
            }
          }
        }
        System.out.printf(
            "  JVM (GC, JIT, ended threads) %.1f s%n",
            (processCpuNanos() - cpu0 - javaThreads) / 1e9);
      }
      double ingestCpu = (processCpuNanos() - cpu0) / 1e9;
      double brokerCpu = (cpuTicks(kafka.pid()) - brokerCpu0) / 100.0;
      System.out.printf(
          "cpu: ingest JVM %.1f s, broker %.1f s over %.1f s wall (machine load average now %.1f);"
              + " %.2f us of CPU per post%n",
          ingestCpu,
          brokerCpu,
          wall,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          (ingestCpu + brokerCpu) * 1e6 / n);
    }
    deleteTree(kafkaDir);
    deleteTree(state);
    System.exit(code);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** utime + stime of a process in clock ticks (1/100 s), from /proc. */
  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return 0;
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
