package io.moodstream.rest.store;

import io.moodstream.rest.health.Metrics;
import jakarta.ws.rs.container.AsyncResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The bulkhead between HTTP and HBase: HBase-bound work runs on a bounded pool of its own ({@code
 * rest.hbase.threads}, with {@code rest.hbase.queue} waiting slots), never on the HTTP threads, so
 * a slow or frozen HBase cannot hold up static files, scoring, the liveness probe or the OpenAPI
 * document. Each request waits at most {@code rest.hbase.timeout} for its work (queued work is then
 * dropped, running work ends at the HBase client's own timeouts, which {@code ServeMain} sets from
 * the same key); a full pool or an expired wait answers 503 with Retry-After ({@link
 * StoreUnavailableException}) at once.
 */
public final class HBaseBulkhead implements AutoCloseable {
  private final ThreadPoolExecutor pool;
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

  public HBaseBulkhead(int threads, int queue, Duration timeout, Metrics metrics) {
    this.timeout = timeout;
    this.metrics = metrics;
    AtomicInteger n = new AtomicInteger();
    BlockingQueue<Runnable> q =
        queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            q,
            r -> {
              Thread t = new Thread(r, "hbase-bulkhead-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    metrics.gauge("moodstream_hbase_bulkhead_active", "HBase-bound tasks running.", running::get);
    metrics.gauge(
        "moodstream_hbase_bulkhead_queued",
        "HBase-bound tasks waiting for a bulkhead thread.",
        () -> pool.getQueue().size());
  }

  public Duration timeout() {
    return timeout;
  }

  /** Tasks waiting for a thread now. */
  public int queued() {
    return pool.getQueue().size();
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
    java.util.function.Consumer<Object> resume =
        x -> {
          if (x instanceof Throwable t) {
            response.resume(t); // resume(Object) would send the exception as an entity
          } else {
            response.resume(x);
          }
        };
    AtomicReference<Future<?>> task = new AtomicReference<>();
    Runnable expire =
        () -> {
          if (!response.isSuspended()) {
            return; // answered in time
          }
          Object x = answer.apply(timedOut(wait));
          boolean resumed = x instanceof Throwable t ? response.resume(t) : response.resume(x);
          if (resumed) {
            metrics.rejected("hbase_timeout");
          }
          Future<?> f = task.get();
          if (f != null) {
            // a queued task never starts and leaves the queue; a running one is not interrupted
            // (HBase's client logs that as an error with a stack trace): it ends at its own
            // client timeout
            f.cancel(false);
            pool.remove((Runnable) f);
          }
        };
    // our own timer: Grizzly checks suspended responses' timeouts only once a second
    ScheduledFuture<?> deadline = timer.schedule(expire, wait.toMillis(), TimeUnit.MILLISECONDS);
    response.setTimeoutHandler(r -> expire.run()); // a backstop only
    response.setTimeout(wait.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    try {
      task.set(
          pool.submit(
              () -> {
                running.incrementAndGet();
                try {
                  resume.accept(work.get());
                } catch (StoreUnavailableException e) {
                  resume.accept(answer.apply(e));
                } catch (Throwable t) { // NOPMD: every failure goes to the error mappers
                  response.resume(t);
                } finally {
                  running.decrementAndGet();
                  deadline.cancel(false);
                }
              }));
    } catch (RejectedExecutionException e) {
      deadline.cancel(false);
      metrics.rejected("hbase_busy");
      resume.accept(answer.apply(busy()));
    }
  }

  /**
   * Runs {@code work} on the bulkhead and waits at most {@code wait} for it (for callers that are
   * not HTTP threads: the live pollers, the readiness probe).
   *
   * @throws StoreUnavailableException when the bulkhead is full, the wait expires or HBase fails
   */
  public <T> T call(Supplier<T> work, Duration wait) {
    Future<T> f;
    try {
      f =
          pool.submit(
              () -> {
                running.incrementAndGet();
                try {
                  return work.get();
                } finally {
                  running.decrementAndGet();
                }
              });
    } catch (RejectedExecutionException e) {
      throw busy();
    }
    try {
      return f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(false);
      pool.remove((Runnable) f);
      throw timedOut(wait);
    } catch (InterruptedException e) {
      f.cancel(false);
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
