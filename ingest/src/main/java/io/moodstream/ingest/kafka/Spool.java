package io.moodstream.ingest.kafka;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local append-only file of records Kafka did not accept after its retries, re-sent on the next
 * start, so nothing is silently lost. Layout of {@code spool.bin}, repeated per record
 * (big-endian):
 *
 * <pre>
 *   int topicLength | topic UTF-8 | int keyLength (-1 = null) | key | int valueLength | value
 * </pre>
 *
 * A record cut short by a crash at the end of the file is ignored when read. Thread-safe.
 */
public final class Spool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  static final String FILE = "spool.bin";

  /** One spooled record. */
  public record Entry(String topic, byte[] key, byte[] value) {}

  private final Path dir;
  private DataOutputStream out;
  private long appended;

  public Spool(Path dir) {
    this.dir = dir;
  }

  public Path file() {
    return dir.resolve(FILE);
  }

  public synchronized void append(String topic, byte[] key, byte[] value) {
    try {
      if (out == null) {
        Files.createDirectories(dir);
        out =
            new DataOutputStream(
                new BufferedOutputStream(
                    Files.newOutputStream(
                        file(), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    64 * 1024));
      }
      byte[] t = topic.getBytes(StandardCharsets.UTF_8);
      out.writeInt(t.length);
      out.write(t);
      if (key == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(key.length);
        out.write(key);
      }
      out.writeInt(value.length);
      out.write(value);
      out.flush();
      appended++;
    } catch (IOException e) {
      // The last line of defence failed: say so loudly, the record is lost.
      LOG.error("spool: cannot write to {}: {} (record for {} lost)", file(), e, topic);
      throw new UncheckedIOException(e);
    }
  }

  /** Records appended by this instance. */
  public synchronized long appended() {
    return appended;
  }

  /**
   * Takes every spooled record out of the spool directory for re-sending: the files are renamed
   * first (so records that fail again go to a fresh spool), and deleted by {@link Taken#done()}
   * once the caller has re-sent them.
   */
  public synchronized Taken take() throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      if (out != null) {
        out.close();
        out = null;
      }
      if (Files.exists(file())) {
        Path moved = dir.resolve("spool-resend-" + System.nanoTime() + ".bin");
        Files.move(file(), moved, StandardCopyOption.ATOMIC_MOVE);
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "spool-resend-*.bin")) {
        ds.forEach(files::add);
      }
      files.sort(null);
    }
    List<Entry> entries = new ArrayList<>();
    for (Path f : files) {
      entries.addAll(read(f));
    }
    return new Taken(entries, files);
  }

  /** Spooled records taken for re-sending. */
  public static final class Taken {
    private final List<Entry> entries;
    private final List<Path> files;

    Taken(List<Entry> entries, List<Path> files) {
      this.entries = entries;
      this.files = files;
    }

    public List<Entry> entries() {
      return entries;
    }

    /** Deletes the taken files: call once every entry was delivered or spooled again. */
    public void done() throws IOException {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }

  static List<Entry> read(Path f) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 64 * 1024);
        DataInputStream d = new DataInputStream(in)) {
      while (true) {
        int tl;
        try {
          tl = d.readInt();
        } catch (EOFException e) {
          break;
        }
        try {
          byte[] t = d.readNBytes(tl);
          int kl = d.readInt();
          byte[] k = kl < 0 ? null : d.readNBytes(kl);
          int vl = d.readInt();
          byte[] v = d.readNBytes(vl);
          if (t.length != tl || (k != null && k.length != kl) || v.length != vl) {
            throw new EOFException();
          }
          entries.add(new Entry(new String(t, StandardCharsets.UTF_8), k, v));
        } catch (EOFException e) {
          LOG.warn("spool: {} ends in a partial record (a crash while writing); ignored", f);
          break;
        }
      }
    }
    return entries;
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.error("spool: cannot close {}: {}", file(), e.toString());
      }
      out = null;
    }
  }
}
