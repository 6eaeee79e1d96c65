package io.moodstream.ingest.kafka;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
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
 * <ul>
 *   <li><b>Durability</b>: every record is written through to the OS at once (a crash of the
 *       process loses none) and forced to disk at most every {@code fsyncInterval} and on close (a
 *       power loss may lose the last interval's); interval 0 forces every record.
 *   <li><b>Bound</b>: once the spool holds {@code maxBytes} (spooled plus taken but not yet
 *       re-sent), {@link #full()} turns true and the sink refuses new records; records already in
 *       flight when Kafka failed are still written, so the bound can be passed by at most the
 *       producer's buffer.
 *   <li><b>Re-send</b> streams the taken files record by record ({@link Taken#forEach}): a spool of
 *       any size is never loaded into memory.
 * </ul>
 *
 * A record cut short by a crash at the end of a file is ignored when read. Thread-safe.
 */
public final class Spool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  static final String FILE = "spool.bin";

  /** One spooled record. */
  public record Entry(String topic, byte[] key, byte[] value) {}

  private final Path dir;
  private final long maxBytes;
  private final long fsyncIntervalNanos;
  private final LongSupplier nanoTime;
  private FileChannel channel;
  private DataOutputStream out;
  private long lastSync;
  private boolean unsynced;
  private long forces;

  /** Bytes in spool.bin plus taken files not yet re-sent; -1 until first measured. */
  private long bytes = -1;

  public Spool(Path dir, long maxBytes, Duration fsyncInterval, LongSupplier nanoTime) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.fsyncIntervalNanos = fsyncInterval.toNanos();
    this.nanoTime = nanoTime;
    this.lastSync = nanoTime.getAsLong();
  }

  public Path file() {
    return dir.resolve(FILE);
  }

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Appends one record (written through to the OS; forced to disk by the fsync policy). Always
   * writes, even past the bound: a record handed here has nowhere else to go.
   */
  public synchronized void append(String topic, byte[] key, byte[] value) {
    try {
      long held = bytes();
      if (out == null) {
        Files.createDirectories(dir);
        channel =
            FileChannel.open(
                file(),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        out =
            new DataOutputStream(
                new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
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
      bytes = held + 12 + t.length + (key == null ? 0 : key.length) + value.length;
      unsynced = true;
      long now = nanoTime.getAsLong();
      if (now - lastSync >= fsyncIntervalNanos) {
        sync();
      }
    } catch (IOException e) {
      // The last line of defence failed: say so loudly, the record is lost.
      LOG.error("spool: cannot write to {}: {} (record for {} lost)", file(), e, topic);
      throw new UncheckedIOException(e);
    }
  }

  /** Forces spooled records to disk if the interval has passed since the last force. */
  public synchronized void syncIfDue() {
    if (unsynced && channel != null && nanoTime.getAsLong() - lastSync >= fsyncIntervalNanos) {
      sync();
    }
  }

  private void sync() {
    try {
      channel.force(false);
      forces++;
      lastSync = nanoTime.getAsLong();
      unsynced = false;
    } catch (IOException e) {
      LOG.error("spool: cannot force {} to disk: {}", file(), e.toString());
    }
  }

  /** How often records were forced to disk, for tests of the policy. */
  synchronized long forces() {
    return forces;
  }

  /** Bytes held: spooled, plus taken for re-sending and not yet done. */
  public synchronized long bytes() {
    if (bytes < 0) {
      bytes = 0;
      for (Path f : spoolFiles(true)) {
        try {
          bytes += Files.size(f);
        } catch (IOException e) {
          // vanished meanwhile: not held
        }
      }
    }
    return bytes;
  }

  /** Whether the spool has reached its bound: the sink then refuses new records. */
  public synchronized boolean full() {
    return bytes() >= maxBytes;
  }

  /**
   * Takes every spooled record out of the spool directory for re-sending: the files are renamed
   * first (so records that fail again go to a fresh spool), read one record at a time by {@link
   * Taken#forEach}, and deleted by {@link Taken#done()} once the caller has re-sent them.
   */
  public synchronized Taken take() throws IOException {
    if (!Files.isDirectory(dir)) {
      return new Taken(List.of());
    }
    if (out != null) {
      if (unsynced) {
        sync();
      }
      out.close();
      out = null;
      channel = null;
    }
    if (Files.exists(file())) {
      Path moved = dir.resolve("spool-resend-" + System.nanoTime() + ".bin");
      Files.move(file(), moved, StandardCopyOption.ATOMIC_MOVE);
    }
    return new Taken(spoolFiles(false));
  }

  /** spool-resend-*.bin in name (= time) order, and spool.bin last when {@code active}. */
  private List<Path> spoolFiles(boolean active) {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "spool-resend-*.bin")) {
        ds.forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files.sort(null);
      if (active && Files.exists(file())) {
        files.add(file());
      }
    }
    return files;
  }

  /** What to do with each taken record. */
  public interface EntryConsumer {
    void accept(Entry e) throws IOException;
  }

  /** Spooled records taken for re-sending. */
  public final class Taken {
    private final List<Path> files;

    Taken(List<Path> files) {
      this.files = List.copyOf(files);
    }

    public boolean isEmpty() {
      return files.isEmpty();
    }

    /** Reads the taken files record by record, in spool order; returns how many. */
    public long forEach(EntryConsumer c) throws IOException {
      long n = 0;
      for (Path f : files) {
        n += read(f, c);
      }
      return n;
    }

    /** Deletes the taken files: call once every entry was delivered or spooled again. */
    public void done() throws IOException {
      synchronized (Spool.this) {
        for (Path f : files) {
          Files.deleteIfExists(f);
        }
        bytes = -1; // measured again on next use
      }
    }
  }

  static long read(Path f, EntryConsumer c) throws IOException {
    long n = 0;
    try (DataInputStream d =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
      while (true) {
        int tl;
        try {
          tl = d.readInt();
        } catch (EOFException e) {
          break;
        }
        Entry entry;
        try {
          byte[] t = d.readNBytes(tl);
          int kl = d.readInt();
          byte[] k = kl < 0 ? null : d.readNBytes(kl);
          int vl = d.readInt();
          byte[] v = d.readNBytes(vl);
          if (t.length != tl || (k != null && k.length != kl) || v.length != vl) {
            throw new EOFException();
          }
          entry = new Entry(new String(t, StandardCharsets.UTF_8), k, v);
        } catch (EOFException e) {
          LOG.warn("spool: {} ends in a partial record (a crash while writing); ignored", f);
          break;
        }
        c.accept(entry);
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.flush();
        if (unsynced) {
          sync();
        }
        out.close();
      } catch (IOException e) {
        LOG.error("spool: cannot close {}: {}", file(), e.toString());
      }
      out = null;
      channel = null;
    }
  }
}
