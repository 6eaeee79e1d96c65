package io.moodstream.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rendered EMR step's command line, run on this machine the way EMR would run it: spark-submit is
 * {@code org.apache.spark.deploy.SparkSubmit} on the streaming module's runtime classpath minus
 * what the -emr jar shades in (what EMR provides: Spark, Scala, Hadoop, Jackson, logging), and the
 * only changes are the ones a machine without YARN forces, each listed in {@link #translate}.
 */
final class LocalSparkSubmit {
  private LocalSparkSubmit() {}

  /**
   * Spark's classpath as EMR provides it: streaming/target/classpath.txt without the artifacts the
   * -emr jar bundles (the shade plugin's includes in streaming/pom.xml, read from there).
   */
  static String sparkClasspath() {
    Path cpFile = Tooling.ROOT.resolve("streaming/target/classpath.txt");
    assertThat(cpFile)
        .as("the streaming module's classpath (mvn package writes it)")
        .isRegularFile();
    List<Pattern> shaded = shadedArtifacts();
    Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository");
    List<String> kept = new ArrayList<>();
    for (String entry : Tooling.read(cpFile).strip().split(":")) {
      Path p = Path.of(entry);
      if (p.startsWith(Tooling.ROOT)) {
        continue; // our own modules: inside the -emr jar
      }
      String coordinates = coordinates(repo, p);
      if (shaded.stream().noneMatch(s -> s.matcher(coordinates).matches())) {
        kept.add(entry);
      }
    }
    assertThat(String.join(":", kept))
        .contains("spark-core_2.12", "hadoop-client")
        .doesNotContain("hbase-client");
    return String.join(":", kept);
  }

  static List<Pattern> shadedArtifacts() {
    String pom = Tooling.read(Tooling.ROOT.resolve("streaming/pom.xml"));
    String includes = pom.substring(pom.indexOf("<artifactSet>"), pom.indexOf("</artifactSet>"));
    List<Pattern> out = new ArrayList<>();
    Matcher m = Pattern.compile("<include>([^<]+)</include>").matcher(includes);
    while (m.find()) {
      String glob = m.group(1).replace("${scala.binary.version}", "2.12");
      out.add(Pattern.compile(Pattern.quote(glob).replace("*", "\\E.*\\Q")));
    }
    assertThat(out).as("shade includes in streaming/pom.xml").hasSizeGreaterThan(5);
    return out;
  }

  /** groupId:artifactId of a jar in the local Maven repository. */
  static String coordinates(Path repo, Path jar) {
    Path rel = repo.relativize(jar);
    int n = rel.getNameCount();
    String artifact = rel.getName(n - 3).toString();
    String group = rel.subpath(0, n - 3).toString().replace('/', '.');
    return group + ":" + artifact;
  }

  /**
   * The step's arguments as a local command. The translations, and nothing else:
   *
   * <ul>
   *   <li>{@code --master yarn} becomes {@code --master local[2]}, and {@code --deploy-mode
   *       cluster} becomes client (local mode has no cluster mode);
   *   <li>{@code --files} from the cluster's {@code /etc/hbase/conf/} come from {@code hbaseConf},
   *       a directory holding this machine's equivalent;
   *   <li>the {@code s3://} jar becomes the local file whose SHA-256 its key names (checked);
   *   <li>the JVM gets the Java 17 openings EMR's Spark configuration passes, and a log4j2
   *       configuration.
   * </ul>
   */
  static List<String> translate(
      List<String> stepArgs, Path localJar, Path hbaseConf, String javaHeap) {
    assertThat(stepArgs.get(0)).isEqualTo("spark-submit");
    List<String> args = new ArrayList<>(stepArgs.subList(1, stepArgs.size()));
    for (int k = 0; k < args.size(); k++) {
      String a = args.get(k);
      if (a.equals("--master")) {
        assertThat(args.get(k + 1)).isEqualTo("yarn");
        args.set(k + 1, "local[2]");
      } else if (a.equals("--deploy-mode")) {
        args.set(k + 1, "client");
      } else if (a.equals("--files")) {
        List<String> files = new ArrayList<>();
        for (String f : args.get(k + 1).split(",")) {
          files.add(
              f.startsWith("/etc/hbase/conf/")
                  ? hbaseConf.resolve(f.substring("/etc/hbase/conf/".length())).toString()
                  : f);
        }
        args.set(k + 1, String.join(",", files));
      } else if (a.startsWith("s3://") && a.endsWith("-emr.jar")) {
        String digest = Path.of(a.substring("s3://".length())).getParent().getFileName().toString();
        assertThat(Tooling.sha256(localJar))
            .as("the step's jar is the tested one")
            .startsWith(digest);
        args.set(k, localJar.toString());
      }
    }
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("-Xmx" + javaHeap);
    assertThat(JVM_OPENS).as("moodstream.jvm.opens from the POM").contains("--add-opens");
    argv.addAll(List.of(JVM_OPENS.split("\\s+")));
    argv.add("-Dlog4j2.configurationFile=" + Tooling.ROOT.resolve("conf/log4j2-cli.xml"));
    argv.add("-cp");
    argv.add(sparkClasspath());
    argv.add("org.apache.spark.deploy.SparkSubmit");
    argv.addAll(args);
    assertThat(Files.isRegularFile(localJar)).isTrue();
    return argv;
  }

  /** Java 17 openings Spark 3.5 needs: the parent POM's moodstream.jvm.opens, via Failsafe. */
  static final String JVM_OPENS = System.getProperty("moodstream.jvm.opens", "").strip();
}
