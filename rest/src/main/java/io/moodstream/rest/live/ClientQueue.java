package io.moodstream.rest.live;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A live client's outgoing events, bounded in bytes and written by a shared writer pool, so that
 * the topic's poller never blocks on a client. A client whose queue would exceed its bound (it
 * stopped reading, or reads slower than the topic changes), or whose write fails or stalls longer
 * than the transport's write timeout, is disconnected and reported once to {@code evicted} with the
 * reason ({@code queue_full} or {@code write_failed}).
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

  ClientQueue(
      LiveSink out, Executor writers, long maxBytes, Budget budget, Consumer<String> evicted) {
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
    if (schedule) {
      try {
        writers.execute(this::drain);
      } catch (RejectedExecutionException e) {
        evict("write_failed"); // the service is stopping
        return false;
      }
    }
    return true;
  }

  /** Writes queued events in order on a writer thread until the queue is empty. */
  private void drain() {
    while (true) {
      Item item;
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
        evict("write_failed");
        return;
      }
    }
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
    shut();
  }
}
