package io.moodstream.ingest.source.replay;

import io.moodstream.ingest.core.DamagedInputException;
import io.moodstream.ingest.core.FatalSourceException;
import io.moodstream.ingest.core.IngestSource;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.source.live.LineStream;
import io.moodstream.schema.event.Reject;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays archives: every line of every file becomes a post, a delete, a skipped notice or a dead
 * letter; original event times are kept; {@code speed} paces it (see {@link Pacer}).
 *
 * @param speed 0 = max, 1 = real time, N = N times faster
 * @param count stop after this many records (0 = all)
 * @param parser {@code fast} or {@code twitter4j} (v1.1 statuses)
 * @param progress show the progress bar on {@code err}
 * @param threads parsing threads at max speed (0 = parse on the reading thread)
 * @param continueOnDamage after a damaged compressed file, go on with the next one instead of
 *     stopping; either way every record before the damage is delivered and the run ends with a
 *     {@link DamagedInputException} only when it stopped early
 */
public record ReplaySource(
    List<Path> paths,
    double speed,
    long count,
    String parser,
    boolean progress,
    PrintStream err,
    int threads,
    boolean continueOnDamage)
    implements IngestSource {

  private static final Logger LOG = LoggerFactory.getLogger(ReplaySource.class);

  /** Lines longer than this are dead letters (a 1 MB text fits; nothing real is longer). */
  static final int MAX_LINE = 8 * 1024 * 1024;

  @Override
  public void run(Ingestor in, Lifecycle life) throws Exception {
    List<Path> files;
    try {
      files = Inputs.files(paths);
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new FatalSourceException("cannot read " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new FatalSourceException("no files to replay under " + paths);
    }
    long total = Inputs.totalSize(files);
    boolean parallel = speed == 0 && threads > 0;
    LOG.info(
        "[replay] {} file(s), {} MB, speed {}{}",
        files.size(),
        total / 1_000_000,
        speed == 0 ? "max" : speed + "x",
        parallel ? ", " + threads + " parsing threads" : "");
    Pacer pacer = new Pacer(speed, life, System::nanoTime);
    Progress bar = new Progress(err, progress, total);
    long[] lines = {0};
    Workers workers = parallel ? new Workers(threads, in) : null;
    LineParser single = newParser();
    Handler handler =
        parallel
            ? workers::add
            : (buf, off, len, cut) -> handle(single, in, pacer, buf, off, len, cut);
    LineReader reader = new LineReader(MAX_LINE);
    List<Damage> damages = new ArrayList<>();
    long bytesBefore = 0;
    try {
      for (Path f : files) {
        if (life.stopping() || (count > 0 && lines[0] >= count)) {
          break;
        }
        Inputs.Counting counter = new Inputs.Counting(Files.newInputStream(f));
        final long base = bytesBefore;
        boolean go;
        long linesBefore = lines[0];
        try {
          go =
              Inputs.visit(
                  f,
                  counter,
                  s -> {
                    long before = lines[0];
                    try {
                      return readLines(
                          s.name(), s.data(), reader, handler, in, life, bar, lines, counter, base);
                    } catch (IOException e) {
                      damages.add(
                          damaged(
                              s.name(),
                              s.compressed().count,
                              s.compressedSize(),
                              lines[0] - before,
                              e,
                              in));
                      return continueOnDamage;
                    }
                  });
        } catch (IOException e) {
          // the container itself is damaged (a truncated tar, a file that is not bzip2 at all)
          damages.add(
              damaged(f.toString(), counter.count, Files.size(f), lines[0] - linesBefore, e, in));
          go = continueOnDamage;
        } finally {
          counter.close();
        }
        bytesBefore += Files.size(f);
        if (!go) {
          break;
        }
      }
    } finally {
      if (workers != null) {
        workers.finish(); // every record read before a damage is handed on before we report it
      }
      bar.done();
    }
    if (!damages.isEmpty()) {
      List<String> report = damages.stream().map(Damage::describe).toList();
      report.forEach(d -> LOG.warn("[replay] {}", d));
      if (!continueOnDamage) {
        throw new DamagedInputException(report);
      }
      err.println(
          "replay: " + damages.size() + " damaged file(s), read on (--continue-on-damage):");
      report.forEach(d -> err.println("  " + d));
    }
  }

  /** Counts a damaged stream and keeps the record it cut short as a dead letter. */
  private static Damage damaged(
      String name, long at, long size, long delivered, IOException e, Ingestor in) {
    in.skip("damaged-file");
    byte[] fragment = e instanceof LineReader.CutShort c ? c.fragment : null;
    Throwable cause = e instanceof LineReader.CutShort ? e.getCause() : e;
    if (fragment != null) {
      in.reject(
          Utf8.lenient(fragment, 0, fragment.length),
          new Reject(Reject.Code.CUT_SHORT, "record cut short by damage in " + name + ": " + cause),
          null);
    }
    return new Damage(name, at, size, delivered, fragment != null, cause.toString());
  }

  private LineParser newParser() {
    return "twitter4j".equals(parser) ? new Twitter4jLineParser() : new FastLineParser();
  }

  /** What happens to one line: parsed here, or handed to the parsing threads. */
  private interface Handler {
    void line(byte[] buf, int off, int len, boolean cut) throws InterruptedException;
  }

  /** Parsing threads for --speed max: lines in batches, any order across batches. */
  private final class Workers {
    private final ParallelLines q;
    private final Thread[] threads;
    private final Ingestor in;
    private ParallelLines.Batch current;
    private volatile Throwable failed;

    Workers(int n, Ingestor in) {
      this.in = in;
      q = new ParallelLines(n);
      threads = new Thread[n];
      for (int i = 0; i < n; i++) {
        LineParser p = newParser();
        threads[i] = new Thread(() -> work(p), "replay-parse-" + i);
        threads[i].setDaemon(true);
        threads[i].start();
      }
      current = q.free.poll();
    }

    private void work(LineParser p) {
      try {
        while (true) {
          ParallelLines.Batch b = q.full.take();
          if (b.last) {
            q.full.put(b); // let the other workers see it too
            return;
          }
          for (int i = 0; i < b.n; i++) {
            handle(p, in, null, b.data, b.off[i], b.len[i], b.cut[i]);
          }
          b.clear();
          q.free.put(b);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) {
        failed = t;
        LOG.error("[replay] a parsing thread failed", t);
      }
    }

    void add(byte[] buf, int off, int len, boolean cut) throws InterruptedException {
      if (failed != null) {
        throw new IllegalStateException("a parsing thread failed", failed);
      }
      if (!current.add(buf, off, len, cut)) {
        q.full.put(current);
        current = q.free.take();
        current.add(buf, off, len, cut);
      }
    }

    void finish() throws InterruptedException {
      if (current.n > 0) {
        q.full.put(current);
      }
      ParallelLines.Batch pill = new ParallelLines.Batch();
      pill.last = true;
      q.full.put(pill);
      for (Thread t : threads) {
        t.join();
      }
      if (failed != null) {
        throw new IllegalStateException("a parsing thread failed", failed);
      }
    }
  }

  /** Parses one line and hands the outcome to the ingestor; paces posts when a pacer is given. */
  private static void handle(
      LineParser p, Ingestor in, Pacer pacer, byte[] buf, int off, int len, boolean truncated)
      throws InterruptedException {
    if (truncated) {
      in.reject(
          Utf8.lenient(buf, off, Math.min(len, 64 * 1024)),
          new Reject(Reject.Code.TEXT_TOO_LONG, "record is longer than " + MAX_LINE + " bytes"),
          null);
      return;
    }
    LineOutcome r = p.parse(buf, off, len);
    if (r instanceof LineOutcome.AsPost post) {
      if (pacer != null) {
        pacer.await(post.post().createdAt());
      }
      in.post(post.post(), () -> Utf8.lenient(buf, off, len));
    } else if (r instanceof LineOutcome.AsDelete d) {
      in.delete(d.id());
    } else if (r instanceof LineOutcome.Skip sk) {
      in.skip(sk.code());
    } else if (r instanceof LineOutcome.Bad b) {
      in.reject(Utf8.lenient(buf, off, len), b.reject(), b.key());
    }
  }

  private boolean readLines(
      String name,
      InputStream stream,
      LineReader reader,
      Handler handler,
      Ingestor in,
      Lifecycle life,
      Progress bar,
      long[] lines,
      Inputs.Counting counter,
      long base)
      throws IOException {
    LOG.debug("[replay] reading {}", name);
    return reader.read(
        stream,
        (buf, off, len, truncated) -> {
          if (LineStream.isKeepAlive(buf, off, len)) {
            return true; // keep-alive newlines of a recorded stream
          }
          in.read();
          lines[0]++;
          try {
            handler.line(buf, off, len, truncated);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
          if ((lines[0] & 1023) == 0) {
            bar.tick(lines[0], base + counter.count);
          }
          return !life.stopping() && (count == 0 || lines[0] < count);
        });
  }
}
