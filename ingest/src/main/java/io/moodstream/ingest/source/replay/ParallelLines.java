package io.moodstream.ingest.source.replay;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Batches of lines handed from the reading thread to parsing threads (replay at {@code --speed
 * max}): the reader copies each line into a batch; full batches go through a bounded queue, and
 * workers give them back for reuse, so a replay allocates almost nothing per line.
 */
final class ParallelLines {
  static final int LINES = 512;

  /** Up to {@link #LINES} lines packed in one buffer. */
  static final class Batch {
    byte[] data = new byte[1 << 20];
    final int[] off = new int[LINES];
    final int[] len = new int[LINES];
    final boolean[] cut = new boolean[LINES];
    int n;
    int used;
    boolean last; // poison pill: no more batches

    boolean add(byte[] b, int o, int l, boolean truncated) {
      if (n == LINES) {
        return false;
      }
      if (used + l > data.length) {
        if (n > 0) {
          return false;
        }
        data = new byte[Math.max(l, data.length)];
      }
      System.arraycopy(b, o, data, used, l);
      off[n] = used;
      len[n] = l;
      cut[n] = truncated;
      used += l;
      n++;
      return true;
    }

    void clear() {
      n = 0;
      used = 0;
      last = false;
    }
  }

  final BlockingQueue<Batch> full;
  final BlockingQueue<Batch> free;

  ParallelLines(int workers) {
    int batches = workers * 4;
    full = new ArrayBlockingQueue<>(batches + workers + 1);
    free = new ArrayBlockingQueue<>(batches + workers + 1);
    for (int i = 0; i < batches; i++) {
      free.add(new Batch());
    }
  }
}
