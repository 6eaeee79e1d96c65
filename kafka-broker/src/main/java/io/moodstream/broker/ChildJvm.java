package io.moodstream.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How Moodstream starts a Java child process: same JDK, own session, G1, explicit heap. */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * {@code [setsid] java -Xmx<heap> -XX:+UseG1GC <flags> -cp <classpath> <main> <args>}. The child
   * runs in its own session when {@code setsid} exists, so a Ctrl-C in the launching terminal
   * reaches only the launcher, which then stops its children in order.
   */
  public static List<String> command(
      String heap, List<String> jvmFlags, String classpath, String main, List<String> args) {
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (heap != null) {
      cmd.add("-Xmx" + heap);
    }
    cmd.add("-XX:+UseG1GC");
    cmd.add("-Djava.awt.headless=true");
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(main);
    cmd.addAll(args);
    return cmd;
  }

  /**
   * A child's classpath that the build resolved and wrote into the classes beside {@code owner} as
   * {@code resource}; built by Maven as {@code artifact}, or it is missing.
   */
  public static String classpath(Class<?> owner, String resource, String artifact) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing: build " + artifact + " with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A log4j2 properties configuration: warnings to stdout, and INFO for the {@code infoLoggers}.
   */
  public static String consoleLog4j(String... infoLoggers) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.out.ref = out"));
    for (int i = 0; i < infoLoggers.length; i++) {
      String id = i == 0 ? "info" : "info" + i;
      lines.add("logger." + id + ".name = " + infoLoggers[i]);
      lines.add("logger." + id + ".level = info");
    }
    lines.add("");
    return String.join("\n", lines);
  }
}
