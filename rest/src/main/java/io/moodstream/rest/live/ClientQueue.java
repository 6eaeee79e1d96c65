package io.moodstream.rest.live;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A live client's outgoing events, bounded in bytes and written by a shared writer pool that never
 * blocks on a client, so that neither the topic's poller nor the other clients wait for a slow one.
 * A client whose queue would exceed its bound (it stopped reading, or reads slower than the topic
 * changes), or whose connection takes no write for longer than the write timeout ({@link
 * #evictIfStalled}), is disconnected and reported once to {@code evicted} with the reason ({@code
 * queue_full} or {@code write_timeout}); a client that went away is just closed.
 */
final class ClientQueue implements LiveSink {
  /** What an event costs beyond its data: the field names and framing of the SSE text. */
  static final int FRAMING_BYTES = 32;

  private record Item(String event, String id, String data, boolean isComment, int bytes) {}

  private final LiveSink out;
  private final Executor writers;
  private final long maxBytes;
  private final Budget budget;
  private final Consumer<String> evicted;
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private long queued;
  private boolean draining;
  private volatile boolean closed;
  private volatile long stalledSince; // System.nanoTime() when its buffers were found full, or 0
  private final long stallLimitNanos;

  /** Bytes queued over all clients, bounded: the memory that slow clients can hold. */
  static final class Budget {
    private final long max;
    private long used;

    Budget(long max) {
      this.max = max;
    }

    synchronized boolean take(long n) {
      if (used + n > max) {
        return false;
      }
      used += n;
      return true;
    }

    synchronized void give(long n) {
      used -= n;
    }

    synchronized long used() {
      return used;
    }
  }

  /**
   * @param stallLimitNanos how long the connection may take no write before the client is cut
   */
  ClientQueue(
      LiveSink out,
      Executor writers,
      long maxBytes,
      Budget budget,
      Consumer<String> evicted,
      long stallLimitNanos) {
    this.stallLimitNanos = stallLimitNanos;
    this.out = out;
    this.writers = writers;
    this.maxBytes = maxBytes;
    this.budget = budget;
    this.evicted = evicted;
  }

  @Override
  public boolean send(String event, String id, String data) {
    return offer(new Item(event, id, data, false, data.length() + FRAMING_BYTES));
  }

  @Override
  public boolean comment(String text) {
    return offer(new Item(null, null, text, true, text.length() + FRAMING_BYTES));
  }

  private boolean offer(Item item) {
    boolean schedule;
    synchronized (this) {
      if (closed) {
        return false;
      }
      if (queued + item.bytes() > maxBytes || !budget.take(item.bytes())) {
        evict("queue_full");
        return false;
      }
      queue.add(item);
      queued += item.bytes();
      schedule = !draining;
      draining = true;
    }
    return !schedule || startDrain();
  }

  /** Hands the drain to a writer; false when the service is stopping (the client is closed). */
  private boolean startDrain() {
    try {
      writers.execute(this::drain);
      return true;
    } catch (RejectedExecutionException e) {
      shut(); // the service is stopping
      return false;
    }
  }

  /**
   * Writes queued events in order on a writer thread until the queue is empty, never blocking: when
   * the client's connection cannot take more (it stopped reading, its buffers are full) the drain
   * stops and resumes once it can ({@link #stalledNanos} tells for how long it could not).
   */
  private void drain() {
    while (true) {
      Item item;
      synchronized (this) {
        if (queue.isEmpty() || closed) {
          draining = false;
          return;
        }
      }
      if (!out.writable()) {
        if (stalledSince == 0) {
          stalledSince = System.nanoTime();
        }
        out.whenWritable(this::resume); // draining stays true: nobody else schedules meanwhile
        return;
      }
      stalledSince = 0;
      synchronized (this) {
        item = queue.poll();
        if (item == null || closed) {
          draining = false;
          return;
        }
        queued -= item.bytes();
      }
      budget.give(item.bytes());
      boolean ok =
          item.isComment()
              ? out.comment(item.data())
              : out.send(item.event(), item.id(), item.data());
      if (!ok) {
        gone();
        return;
      }
    }
  }

  private void resume() {
    if (!closed) {
      startDrain();
    }
  }

  /** How long the client's connection has been unable to take writes (0 when it can). */
  long stalledNanos() {
    long since = stalledSince;
    return since == 0 ? 0 : System.nanoTime() - since;
  }

  /** Disconnects the client when it has not taken a write for {@code limitNanos}; true if so. */
  boolean evictIfStalled(long limitNanos) {
    if (!closed && stalledNanos() > limitNanos) {
      evict("write_timeout");
      return true;
    }
    return false;
  }

  /** Bytes waiting to be written to this client. */
  synchronized long queuedBytes() {
    return queued;
  }

  private void evict(String reason) {
    if (shut()) {
      evicted.accept(reason);
    }
  }

  /** Whether the client stalled: a write blocked, or none was possible, for about the limit. */
  private boolean hasStalled() {
    long now = System.nanoTime();
    long limit = stallLimitNanos / 10 * 9;
    return out.stalled() || (stalledSince != 0 && now - stalledSince >= limit);
  }

  /** The client's stream failed: cut for stalling past the write timeout, or simply gone. */
  private void gone() {
    if (hasStalled()) {
      evict("write_timeout");
    } else {
      shut();
    }
  }

  /** Closes once; true for the call that closed it. */
  private boolean shut() {
    long release;
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
      release = queued;
      queued = 0;
      queue.clear();
    }
    budget.give(release);
    out.close();
    return true;
  }

  @Override
  public void goodbye(String reason, long reconnectMillis) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    out.goodbye(reason, reconnectMillis);
    shut();
  }

  @Override
  public boolean isClosed() {
    return closed || out.isClosed();
  }

  @Override
  public void close() {
    gone();
  }
}
