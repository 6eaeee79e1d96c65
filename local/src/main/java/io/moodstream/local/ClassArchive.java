package io.moodstream.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Class data sharing for a child JVM: its first start records the classes it loaded into an archive
 * when it exits ({@code -XX:ArchiveClassesAtExit}); later starts map them ({@code
 * -XX:SharedArchiveFile}) instead of loading and verifying each class again. On 2 cores the job
 * reaches its first query on ~3.3 instead of ~6 CPU-s and REST serves on ~1.8 instead of ~3, CPU
 * that a stack started for a replay otherwise takes from the replay.
 *
 * <p>An archive fits only the classpath it was recorded with, so its name carries a digest of the
 * JVM flags, the JDK and each classpath entry's path, size and modification time: a rebuilt jar
 * means a new archive, and the old ones of that name are deleted. A JVM that cannot map an archive
 * starts without it; CDS's own messages stay out of the logs.
 */
final class ClassArchive {
  private ClassArchive() {}

  /** How a dynamic archive begins (HotSpot writes its header last: a cut-short file lacks it). */
  private static final byte[] MAGIC = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0};

  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  /**
   * The flags that map {@code name}'s archive in {@code dir}, or record it when there is none (or
   * only an unusable one); none when {@code dir} cannot be written.
   */
  static List<String> flags(Path dir, String name, List<String> jvmFlags, String classpath) {
    String file = name + "-" + digest(jvmFlags, classpath) + ".jsa";
    Path archive = dir.resolve(file);
    List<String> out = new ArrayList<>(QUIET);
    try {
      if (isArchive(archive)) {
        out.add("-XX:SharedArchiveFile=" + archive);
        return out;
      }
      Files.createDirectories(dir);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, name + "-*.jsa")) {
        for (Path p : old) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    out.add("-XX:ArchiveClassesAtExit=" + archive);
    return out;
  }

  static boolean isArchive(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(MAGIC.length);
      return Arrays.equals(head, MAGIC);
    }
  }

  static String digest(List<String> jvmFlags, String classpath) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      List<String> facts = new ArrayList<>(jvmFlags);
      facts.add(System.getProperty("java.home"));
      facts.add(System.getProperty("java.vm.version"));
      for (String entry : classpath.split(File.pathSeparator)) {
        Path p = Path.of(entry);
        facts.add(entry);
        if (Files.exists(p)) {
          facts.add(Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
        }
      }
      facts.forEach(f -> d.update((f + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(d.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
