package io.moodstream.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;

/**
 * Small files the streaming job shares with other processes — its JSON status file and its stop
 * marker — at a location that is a plain path (a local file, as before) or a Hadoop FileSystem URI
 * ({@code file:}, {@code hdfs:}, {@code s3a:}, {@code s3:}, …), so that a driver running on some
 * cluster node, {@code moodstream stream stop|status} on another, and REST's metrics all reach the
 * same file.
 *
 * <p>Writes replace the whole file so readers never see half of it: a local file and a file on a
 * file system with atomic rename (HDFS) are written to a temporary sibling and renamed over the old
 * one; an object store (S3, GCS, Azure: rename is a copy) gets a direct overwrite, which is atomic
 * per object there. {@code hdfs:} needs {@code hadoop-hdfs-client} (a dependency of this module),
 * {@code s3a:} needs {@code hadoop-aws} on the classpath, {@code s3:} EMRFS (EMR).
 */
public final class StatusFiles {
  private StatusFiles() {}

  /** Schemes of object stores, whose rename is not atomic. */
  private static final Set<String> OBJECT_STORES =
      Set.of("s3", "s3a", "s3n", "gs", "wasb", "wasbs", "abfs", "abfss", "oss", "cos", "cosn");

  /** A file's bytes and when it was last written. */
  public record Content(byte[] bytes, Instant modified) {}

  /** True for a plain path or a {@code file:} URI: read and written with java.nio. */
  public static boolean isLocal(String location) {
    String scheme = scheme(location);
    return scheme == null || scheme.equals("file");
  }

  private static String scheme(String location) {
    int colon = location.indexOf(':');
    if (colon <= 1) { // no scheme (or a Windows drive letter)
      return null;
    }
    String s = location.substring(0, colon);
    return s.matches("[A-Za-z][A-Za-z0-9+.-]*") ? s.toLowerCase(Locale.ROOT) : null;
  }

  /** The local path of a plain path or {@code file:} URI. */
  static Path localPath(String location) {
    if (scheme(location) == null) {
      return Path.of(location);
    }
    String rest = location.substring("file:".length());
    return rest.startsWith("/") ? Path.of(URI.create(location)) : Path.of(rest); // file:relative
  }

  private static org.apache.hadoop.fs.Path hadoopPath(String location) {
    return new org.apache.hadoop.fs.Path(URI.create(location));
  }

  /** The location as shown in messages: an absolute path for a local file, else the URI. */
  public static String describe(String location) {
    return isLocal(location) ? localPath(location).toAbsolutePath().toString() : location;
  }

  /**
   * A Hadoop configuration for processes outside Spark ({@code stream stop|status}, REST):
   * core-site.xml and hdfs-site.xml from the classpath and from {@code $HADOOP_CONF_DIR} (on EMR
   * {@code /etc/hadoop/conf}), so {@code hdfs:///path} finds the cluster's default file system.
   */
  public static Configuration hadoopConfiguration() {
    return HBaseClients.withSiteFiles(
        new Configuration(), System.getenv("HADOOP_CONF_DIR"), "core-site.xml", "hdfs-site.xml");
  }

  /** {@link #read(String, Configuration)} with {@link #hadoopConfiguration()}. */
  public static Optional<Content> read(String location) throws IOException {
    return read(location, hadoopConfiguration());
  }

  /** The file's content and modification time, or empty when it does not exist. */
  public static Optional<Content> read(String location, Configuration conf) throws IOException {
    if (isLocal(location)) {
      Path p = localPath(location);
      try {
        byte[] bytes = Files.readAllBytes(p);
        return Optional.of(new Content(bytes, Files.getLastModifiedTime(p).toInstant()));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    }
    org.apache.hadoop.fs.Path p = hadoopPath(location);
    FileSystem fs = p.getFileSystem(conf);
    try {
      FileStatus st = fs.getFileStatus(p);
      try (InputStream in = fs.open(p)) {
        return Optional.of(
            new Content(in.readAllBytes(), Instant.ofEpochMilli(st.getModificationTime())));
      }
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** {@link #write(String, byte[], Configuration)} with {@link #hadoopConfiguration()}. */
  public static void write(String location, byte[] bytes) throws IOException {
    write(location, bytes, hadoopConfiguration());
  }

  /** Replaces the file's content (creating directories as needed); see the class comment. */
  public static void write(String location, byte[] bytes, Configuration conf) throws IOException {
    if (isLocal(location)) {
      Path p = localPath(location).toAbsolutePath();
      Files.createDirectories(p.getParent());
      Path tmp = Files.createTempFile(p.getParent(), "." + p.getFileName(), ".tmp");
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return;
    }
    org.apache.hadoop.fs.Path p = hadoopPath(location);
    FileSystem fs = p.getFileSystem(conf);
    if (OBJECT_STORES.contains(scheme(location))) {
      try (OutputStream out = fs.create(p, true)) {
        out.write(bytes);
      }
      return;
    }
    org.apache.hadoop.fs.Path tmp =
        new org.apache.hadoop.fs.Path(
            p.getParent(), "." + p.getName() + "." + UUID.randomUUID() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(bytes);
    }
    try {
      FileContext.getFileContext(p.toUri(), conf).rename(tmp, p, Options.Rename.OVERWRITE);
    } catch (IOException | RuntimeException e) {
      fs.delete(tmp, false);
      throw e;
    }
  }

  public static boolean exists(String location, Configuration conf) throws IOException {
    if (isLocal(location)) {
      return Files.exists(localPath(location));
    }
    org.apache.hadoop.fs.Path p = hadoopPath(location);
    return p.getFileSystem(conf).exists(p);
  }

  /** Deletes the file; false when there was none. */
  public static boolean delete(String location, Configuration conf) throws IOException {
    if (isLocal(location)) {
      return Files.deleteIfExists(localPath(location));
    }
    org.apache.hadoop.fs.Path p = hadoopPath(location);
    return p.getFileSystem(conf).delete(p, false);
  }
}
