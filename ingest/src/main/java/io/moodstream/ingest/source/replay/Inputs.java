package io.moodstream.ingest.source.replay;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * The files a replay reads, in order: a directory is walked in sorted path order (so the Archive
 * Team layout {@code yyyy/mm/dd/HH/MM.json.bz2} replays in time order), a {@code .tar} is read
 * entry by entry, and {@code .gz}/{@code .bz2} are decompressed (concatenated streams too).
 */
final class Inputs {
  private Inputs() {}

  /**
   * One stream of lines: a file, or an entry of a tar.
   *
   * @param name the file, or {@code file!entry}
   * @param compressed counts the compressed bytes the decompressor has consumed (within its own
   *     read-ahead: exact for bzip2, up to 64 KiB for gzip), for locating damage
   * @param compressedSize the file's or entry's size
   */
  record Part(String name, InputStream data, Counting compressed, long compressedSize) {}

  /** Called for every line source. */
  interface Visitor {
    /**
     * @return false to stop
     */
    boolean visit(Part p) throws IOException;
  }

  /** Counts raw (compressed) bytes read, for the progress bar. */
  static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** The regular files under the paths, in replay order. */
  static List<Path> files(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .sorted()
              .forEach(out::add);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new java.io.FileNotFoundException(p + " (no such file or directory)");
      }
    }
    return out;
  }

  static long totalSize(List<Path> files) throws IOException {
    long t = 0;
    for (Path f : files) {
      t += Files.size(f);
    }
    return t;
  }

  /** Visits one file (a tar's entries one by one); {@code counter} counts raw bytes. */
  static boolean visit(Path file, Counting counter, Visitor v) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".tar")) {
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(new BufferedInputStream(counter, 1 << 16))) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          if (!e.isFile() || !isData(e.getName())) {
            continue;
          }
          Counting entry =
              new Counting(
                  new FilterInputStream(tar) {
                    @Override
                    public void close() {} // the tar stream stays open for the next entry
                  });
          if (!v.visit(
              new Part(
                  file + "!" + e.getName(), decompress(e.getName(), entry), entry, e.getSize()))) {
            return false;
          }
        }
      }
      return true;
    }
    Counting consumed = new Counting(new BufferedInputStream(counter, 1 << 16));
    try (InputStream in = decompress(name, consumed)) {
      return v.visit(new Part(file.toString(), in, consumed, Files.size(file)));
    }
  }

  static boolean isData(String name) {
    String n = name.substring(name.lastIndexOf('/') + 1);
    return !n.startsWith(".")
        && (n.endsWith(".json")
            || n.endsWith(".jsonl")
            || n.endsWith(".ndjson")
            || n.endsWith(".json.bz2")
            || n.endsWith(".json.gz")
            || n.endsWith(".jsonl.gz")
            || n.endsWith(".jsonl.bz2")
            || n.endsWith(".txt")
            || n.endsWith(".txt.gz"));
  }

  static InputStream decompress(String name, InputStream in) throws IOException {
    if (name.endsWith(".bz2")) {
      return new Salvaging(new BZip2CompressorInputStream(in, true));
    }
    if (name.endsWith(".gz")) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }
}
