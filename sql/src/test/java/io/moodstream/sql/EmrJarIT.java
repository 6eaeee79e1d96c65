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
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code -emr} jar in a plain Spark session, as on a cluster: a JVM whose classpath is what a
 * Spark installation provides (this module's dependencies minus what the jar shades in, listed by
 * the build in target/spark-provided-classpath.txt) plus the jar, running {@link EmrProbe}.
 */
class EmrJarIT {
  static Path jar;

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
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("--add-exports")
          || a.startsWith("-Djdk.reflect")) {
        cmd.add(a);
      }
    }
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
    Path log = Files.createTempFile(Path.of("target"), "emr-probe", ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("probe finished; log " + log).isTrue();
    } finally {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isZero();
    for (String topic : History.TOPICS) {
      long posts =
          History.written.get("1m/" + topic).values().stream().mapToLong(a -> a.count()).sum();
      assertThat(out).contains("agg_1d " + topic + " " + posts + "\n");
    }
    assertThat(out).contains("extremes_1m apple ");
  }
}
