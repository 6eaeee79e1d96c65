package io.moodstream.sql.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes a result to one file (not Spark's directory of part files), atomically: into a hidden
 * temporary file beside the target, moved into place when complete, so a failed or interrupted
 * write leaves nothing half-written and never replaces an existing file unless asked to.
 */
final class ResultFiles {
  private ResultFiles() {}

  enum Format {
    TABLE,
    CSV,
    JSON,
    PARQUET;

    static Format parse(String s) {
      for (Format f : values()) {
        if (f.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw new IllegalArgumentException(
          "unknown format '" + s + "': use table, csv, json or parquet");
    }

    /**
     * The format a file name implies ({@code .csv}, {@code .json}/{@code .jsonl}, {@code
     * .parquet}), or null.
     */
    static Format ofFile(Path p) {
      String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
      if (n.endsWith(".csv")) {
        return CSV;
      }
      if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
        return JSON;
      }
      if (n.endsWith(".parquet")) {
        return PARQUET;
      }
      return null;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Refuses an existing target unless {@code force}; refuses a directory or a missing parent. */
  static void checkTarget(Path out, boolean force) {
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new IllegalArgumentException("the directory of " + out + " does not exist");
    }
    if (Files.isDirectory(out)) {
      throw new IllegalArgumentException(out + " is a directory: name a file");
    }
    if (Files.exists(out) && !force) {
      throw new IllegalArgumentException(out + " exists: choose another name or add --force");
    }
  }

  /**
   * CSV or JSON Lines from the driver, row by row, into the file {@code out}, or to {@code stdout}
   * when {@code out} is null. Returns the rows written.
   */
  static long writeText(
      Dataset<Row> df, Format f, Path out, boolean force, PrintStream stdout, LongConsumer progress)
      throws IOException {
    if (out == null) {
      return writeText(df, f, new OutputStreamWriter(stdout, StandardCharsets.UTF_8), progress);
    }
    Path tmp = temporary(out);
    try {
      long n;
      try (Writer w =
          new BufferedWriter(
              new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
              1 << 16)) {
        n = writeText(df, f, w, progress);
      }
      move(tmp, out, force);
      return n;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** CSV or JSON Lines to a writer. */
  private static long writeText(Dataset<Row> df, Format f, Writer w, LongConsumer progress)
      throws IOException {
    Iterator<Row> rows = df.toLocalIterator();
    return f == Format.CSV
        ? CsvOut.write(df.schema(), rows, w, progress)
        : JsonOut.write(df.schema(), rows, w, progress);
  }

  /**
   * Parquet through Spark's writer, in one task so it is one file: written into a temporary
   * directory beside the target, its single part file then moved into place.
   */
  static void writeParquet(Dataset<Row> df, Path out, boolean force) throws IOException {
    Path dir = temporary(out);
    try {
      df.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(dir.toUri().toString());
      List<Path> parts = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "part-*.parquet")) {
        ds.forEach(parts::add);
      }
      if (parts.size() != 1) {
        throw new IOException(
            "Spark wrote " + parts.size() + " Parquet files into " + dir + ", expected one");
      }
      move(parts.get(0), out, force);
    } finally {
      // best effort: a temporary directory left behind is named after the target
      FileUtil.fullyDelete(dir.toFile());
    }
  }

  private static Path temporary(Path out) {
    Path abs = out.toAbsolutePath();
    return abs.resolveSibling("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
  }

  private static void move(Path from, Path to, boolean force) throws IOException {
    if (!force && Files.exists(to)) {
      throw new FileAlreadyExistsException(to + " exists: choose another name or add --force");
    }
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
