package io.moodstream.rest.store;

import io.moodstream.rest.health.Metrics;
import jakarta.ws.rs.container.AsyncResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The bulkhead between HTTP and HBase: HBase-bound work runs on a bounded pool of its own ({@code
 * rest.hbase.threads}, with {@code rest.hbase.queue} waiting slots), never on the HTTP threads, so
 * a slow or frozen HBase cannot hold up static files, scoring, the liveness probe or the OpenAPI
 * document. Admission is exact (a semaphore of threads + slots, not the executor's queue, which
 * would refuse a burst while idle threads are still waking up). Each request waits at most {@code
 * rest.hbase.timeout} for its work, timed by the bulkhead's own clock: queued work is then dropped,
 * running work is not interrupted (HBase's client logs that as an error with a stack trace) and
 * ends at the client's own timeouts, which {@code ServeMain} derives from the same key. A full
 * bulkhead or an expired wait answers 503 with Retry-After ({@link StoreUnavailableException}) at
 * once.
 */
public final class HBaseBulkhead implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final Semaphore slots;
  private final Duration timeout;
  private final Metrics metrics;
  private final AtomicInteger running = new AtomicInteger();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "hbase-deadline");
            t.setDaemon(true);
            return t;
          });

  /** One admitted piece of work: runs unless dropped, and gives its slot back exactly once. */
  private final class Task implements Runnable {
    private final Runnable body;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean dropped;

    Task(Runnable body) {
      this.body = body;
    }

    @Override
    public void run() {
      running.incrementAndGet();
      try {
        if (!dropped) {
          body.run();
        }
      } finally {
        running.decrementAndGet();
        release();
      }
    }

    /** Drops the work if it has not started: out of the queue, its slot given back. */
    void drop() {
      dropped = true;
      if (pool.remove(this)) {
        release();
      }
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        slots.release();
      }
    }
  }

  public HBaseBulkhead(int threads, int queue, Duration timeout, Metrics metrics) {
    this.timeout = timeout;
    this.metrics = metrics;
    this.slots = new Semaphore(threads + queue);
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), // bounded by the slots
            r -> {
              Thread t = new Thread(r, "hbase-bulkhead-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    metrics.gauge("moodstream_hbase_bulkhead_active", "HBase-bound tasks running.", running::get);
    metrics.gauge(
        "moodstream_hbase_bulkhead_queued",
        "HBase-bound tasks waiting for a bulkhead thread.",
        this::queued);
  }

  public Duration timeout() {
    return timeout;
  }

  /** Tasks waiting for a thread now. */
  public int queued() {
    return pool.getQueue().size();
  }

  /** Admits and starts {@code body}, or returns null when the bulkhead is full. */
  private Task admit(Runnable body) {
    if (!slots.tryAcquire()) {
      return null;
    }
    Task t = new Task(body);
    try {
      pool.execute(t);
    } catch (RejectedExecutionException e) { // the service is stopping
      t.release();
      return null;
    }
    return t;
  }

  /**
   * Runs {@code work} on the bulkhead and resumes {@code response} with its result (an entity or a
   * {@code Response}) or its exception; 503 when the bulkhead is full or the work takes longer than
   * the timeout. Returns at once: the HTTP thread is free while HBase is read.
   */
  public void submit(AsyncResponse response, Supplier<?> work) {
    submit(response, timeout, work, null);
  }

  /**
   * Like {@link #submit(AsyncResponse, Supplier)} with its own wait, and {@code unavailable} making
   * the answer when HBase cannot answer in time (null: the usual 503).
   */
  public void submit(
      AsyncResponse response,
      Duration wait,
      Supplier<?> work,
      Function<StoreUnavailableException, ?> unavailable) {
    Function<StoreUnavailableException, Object> answer =
        e -> unavailable == null ? e : unavailable.apply(e);
    CompletableFuture<Task> task = new CompletableFuture<>();
    Runnable expire =
        () -> {
          if (!response.isSuspended()) {
            return; // answered in time
          }
          if (resume(response, answer.apply(timedOut(wait)))) {
            metrics.rejected("hbase_timeout");
          }
          task.thenAccept(Task::drop);
        };
    // our own timer: Grizzly checks suspended responses' timeouts only once a second
    ScheduledFuture<?> deadline = timer.schedule(expire, wait.toMillis(), TimeUnit.MILLISECONDS);
    response.setTimeoutHandler(r -> expire.run()); // a backstop only
    response.setTimeout(wait.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    Task t =
        admit(
            () -> {
              try {
                resume(response, work.get());
              } catch (StoreUnavailableException e) {
                resume(response, answer.apply(e));
              } catch (Throwable e) { // NOPMD: every failure goes to the error mappers
                response.resume(e);
              } finally {
                deadline.cancel(false);
              }
            });
    if (t == null) {
      deadline.cancel(false);
      metrics.rejected("hbase_busy");
      resume(response, answer.apply(busy()));
      return;
    }
    task.complete(t);
  }

  /** Resumes with an exception or an entity ({@code resume(Object)} would send an exception). */
  private static boolean resume(AsyncResponse response, Object x) {
    return x instanceof Throwable t ? response.resume(t) : response.resume(x);
  }

  /**
   * Runs {@code work} on the bulkhead and waits at most {@code wait} for it (for callers that are
   * not HTTP threads: the live pollers, the live endpoint's first read of the topics).
   *
   * @throws StoreUnavailableException when the bulkhead is full, the wait expires or HBase fails
   */
  public <T> T call(Supplier<T> work, Duration wait) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Task t =
        admit(
            () -> {
              try {
                result.complete(work.get());
              } catch (Throwable e) { // NOPMD: handed to the caller
                result.completeExceptionally(e);
              }
            });
    if (t == null) {
      throw busy();
    }
    try {
      return result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      t.drop();
      throw timedOut(wait);
    } catch (InterruptedException e) {
      t.drop();
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for HBase", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new StoreUnavailableException("HBase read failed", e.getCause());
    }
  }

  private StoreUnavailableException busy() {
    return new StoreUnavailableException(
        "the HBase bulkhead is full (" + pool.getMaximumPoolSize() + " threads busy)", null);
  }

  private static StoreUnavailableException timedOut(Duration wait) {
    return new StoreUnavailableException(
        "HBase did not answer within " + wait.toMillis() + " ms", null);
  }

  @Override
  public void close() {
    pool.shutdownNow();
    timer.shutdownNow();
  }
}
