package io.moodstream.sql.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code -V/--version}: the project version Maven wrote into version.properties. */
final class Version implements CommandLine.IVersionProvider {
  static String get() {
    Properties p = new Properties();
    try (InputStream in =
        Version.class.getResourceAsStream("/io/moodstream/sql/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "moodstream " + get() + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")"
    };
  }
}
