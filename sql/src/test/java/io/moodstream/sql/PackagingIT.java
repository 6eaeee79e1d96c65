package io.moodstream.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users run, in JVMs of their own: the {@code -emr} jar in a plain Spark session, as on a
 * cluster (a classpath of what a Spark installation provides, this module's dependencies minus what
 * the jar shades in, listed by the build in target/spark-provided-classpath.txt, plus the jar,
 * running {@link EmrProbe}); and {@code moodstream export} on the launcher's classpath
 * (target/classpath.txt), writing Parquet.
 */
class PackagingIT {
  static Path jar;
  @TempDir static Path dir;

  @BeforeAll
  static void seed() throws Exception {
    History.seed();
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(Path.of("target"), "moodstream-sql-*-emr.jar")) {
      for (Path p : ds) {
        jar = p;
      }
    }
    assertThat(jar).as("the -emr jar (built by package, before the ITs)").isNotNull();
  }

  @Test
  void theJarHoldsOurCodeAndTheHBaseClientButNotSpark() throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      assertThat(j.getEntry("io/moodstream/sql/MoodstreamViews.class")).isNotNull();
      assertThat(j.getEntry("io/moodstream/schema/hbase/RowKey.class")).isNotNull();
      assertThat(j.getEntry("org/apache/hadoop/hbase/client/ConnectionFactory.class")).isNotNull();
      assertThat(j.getEntry("org/apache/spark/sql/SparkSession.class")).isNull();
      assertThat(j.getEntry("scala/Option.class")).isNull();
      assertThat(j.getEntry("org/apache/hadoop/conf/Configuration.class")).isNull();
      String services =
          new String(
              j.getInputStream(
                      j.getEntry(
                          "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(services).contains("io.moodstream.sql.source.MoodstreamSource");
    }
  }

  @Test
  void aPlainSparkSessionRegistersAndQueriesTheViews() throws Exception {
    String provided = Files.readString(Path.of("target/spark-provided-classpath.txt")).strip();
    assertThat(provided)
        .contains("spark-sql_2.12")
        .doesNotContain("hbase-client")
        .doesNotContain("moodstream-");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx768m");
    cmd.addAll(openings());
    cmd.add(
        "-Dlog4j2.configurationFile="
            + Path.of("src/test/resources/log4j2-test.xml").toAbsolutePath());
    cmd.add("-cp");
    cmd.add(
        String.join(
            java.io.File.pathSeparator,
            Path.of("target/test-classes").toAbsolutePath().toString(),
            jar.toAbsolutePath().toString(),
            provided));
    cmd.add(EmrProbe.class.getName());
    cmd.add(ItSpark.hbaseOptions().get("hbase.zookeeper.port"));
    cmd.add(dir.resolve("probe.parquet").toUri().toString());
    Run run = run(cmd, Map.of());
    String out = run.output();
    assertThat(run.code()).as(out).isZero();
    for (String topic : History.TOPICS) {
      long posts =
          History.written.get("1m/" + topic).values().stream().mapToLong(a -> a.count()).sum();
      assertThat(out).contains("agg_1d " + topic + " " + posts + "\n");
    }
    assertThat(out).contains("extremes_1m apple ").contains("parquet rows 8\n");
  }

  @Test
  void exportOnTheLaunchersClasspathWritesParquet() throws Exception {
    Path mainJar = null;
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(Path.of("target"), "moodstream-sql-*.jar")) {
      for (Path p : ds) {
        if (!p.getFileName().toString().endsWith("-emr.jar")) {
          mainJar = p;
        }
      }
    }
    assertThat(mainJar).as("the module's jar").isNotNull();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx768m");
    cmd.addAll(openings());
    cmd.add("-Dlog4j2.configurationFile=" + Path.of("../conf/log4j2-cli.xml").toAbsolutePath());
    cmd.add("-cp");
    cmd.add(
        mainJar.toAbsolutePath()
            + java.io.File.pathSeparator
            + Files.readString(Path.of("target/classpath.txt")).strip());
    cmd.add("io.moodstream.sql.cli.ExportMain");
    Path out = dir.resolve("launcher.parquet");
    cmd.addAll(
        List.of(
            "--topic",
            "café",
            "--from",
            "2026-11-22",
            "--to",
            "2026-11-24",
            "--step",
            "1d",
            "--out",
            out.toString()));
    Run run =
        run(
            cmd,
            Map.of(
                "MOODSTREAM_HBASE_ZOOKEEPER_QUORUM",
                "127.0.0.1",
                "MOODSTREAM_HBASE_ZOOKEEPER_PORT",
                ItSpark.hbaseOptions().get("hbase.zookeeper.port")));
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output()).contains("exported 2 rows (café; ").doesNotContain("\tat ");
    assertThat(io.moodstream.sql.cli.ParquetFiles.rowCount(out)).isEqualTo(2);
  }

  record Run(int code, String output) {}

  static Run run(List<String> cmd, Map<String, String> env) throws Exception {
    Path log = Files.createTempFile(Path.of("target"), "child-jvm", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("child JVM finished; log " + log).isTrue();
    } finally {
      p.destroyForcibly();
    }
    return new Run(p.exitValue(), Files.readString(log));
  }

  /** The Java 17 openings this JVM got (the POM's list), for the child Spark JVMs. */
  static List<String> openings() {
    List<String> out = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("--add-exports")
          || a.startsWith("-Djdk.reflect")) {
        out.add(a);
      }
    }
    return out;
  }
}
