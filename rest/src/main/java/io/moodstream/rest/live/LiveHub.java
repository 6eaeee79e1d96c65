package io.moodstream.rest.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moodstream.rest.api.IsoSeconds;
import io.moodstream.rest.api.LiveExtremes;
import io.moodstream.rest.api.Point;
import io.moodstream.rest.api.Post;
import io.moodstream.rest.store.BucketStore;
import io.moodstream.rest.store.StoreUnavailableException;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.Extremes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates: one poller per topic, shared by all of that topic's subscribers, so HBase load does
 * not grow with the number of browsers. Each tick scans the last {@link #WINDOW} of minute buckets
 * (one scan) and the extremes of the last two minutes (one scan), sends the buckets and extremes
 * that changed since the previous tick to every subscriber, onboards new subscribers (their history
 * first, then they receive changes), and sends a heartbeat comment every {@link #HEARTBEAT}. A
 * poller stops when its last subscriber is gone. Every touch of a topic's subscribers happens in
 * that topic's tick, so events to one client never interleave; the tick only queues them, a small
 * writer pool writes them, so a client that stops reading never holds up the others ({@link
 * ClientQueue}: bounded in bytes, such a client is disconnected). The hub admits at most {@link
 * Limits#maxClients()} clients, {@link Limits#maxPerAddress()} from one address.
 */
public final class LiveHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

  /** Minutes rescanned each tick: updates to older minutes are not pushed. */
  public static final Duration WINDOW = Duration.ofMinutes(10);

  /** History sent on connect without {@code Last-Event-ID}: the last 60 minute buckets. */
  public static final Duration HISTORY = Duration.ofMinutes(60);

  /** Oldest {@code Last-Event-ID} honoured; older resumes start this far back. */
  public static final Duration MAX_RESUME = Duration.ofHours(24);

  public static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /** The {@code retry:} hint sent to every client when the service stops. */
  public static final Duration RECONNECT_AFTER_STOP = Duration.ofSeconds(5);

  /** Bytes queued for all live clients together; beyond it, the client that adds more is cut. */
  public static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;

  /**
   * How many clients the hub accepts and how much it buffers for each.
   *
   * @param maxClients clients at once
   * @param maxPerAddress clients at once from one client address
   * @param queueBytes bytes queued for one client before it is disconnected
   * @param writeTimeout longest a client's connection may take no write before it is disconnected
   */
  public record Limits(int maxClients, int maxPerAddress, int queueBytes, Duration writeTimeout) {}

  /** The hub is full for this client: answered 503 with Retry-After. */
  public static final class FullException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    FullException(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    /** {@code sse_full} or {@code sse_address_full}. */
    public String reason() {
      return reason;
    }
  }

  private final BucketStore store;
  private final Clock clock;
  private final Duration interval;
  private final Duration heartbeat;
  private final ObjectMapper json;
  private final ScheduledExecutorService executor;
  private final Map<String, TopicPoller> pollers = new HashMap<>();
  private final AtomicInteger clients = new AtomicInteger();
  private final Limits limits;
  private final Map<String, Integer> perAddress = new HashMap<>(); // guarded by pollers
  private final ExecutorService writers;
  private final ClientQueue.Budget budget = new ClientQueue.Budget(MAX_QUEUED_BYTES);
  private final Consumer<String> evicted;
  private volatile boolean closing;

  /**
   * @param store where the pollers read (calls bounded in time by the caller's wrapper)
   * @param evicted told the reason each time a client is disconnected for falling behind
   */
  public LiveHub(
      BucketStore store,
      Clock clock,
      Duration interval,
      Duration heartbeat,
      ObjectMapper json,
      Limits limits,
      Consumer<String> evicted) {
    this.store = store;
    this.clock = clock;
    this.interval = interval;
    this.heartbeat = heartbeat;
    this.json = json;
    this.limits = limits;
    this.evicted = evicted;
    this.writers = Executors.newFixedThreadPool(WRITERS, daemonThreads("live-writer-"));
    this.executor = Executors.newScheduledThreadPool(2, daemonThreads("live-poller-"));
  }

  /** Daemon threads named {@code prefix} and their number: 1, 2, ... */
  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Threads writing to live clients (a stalled client holds one up to the write timeout). */
  static final int WRITERS = 8;

  /**
   * Adds a subscriber of {@code topic} from client {@code address}: it gets the buckets from {@code
   * resumeFrom} (epoch seconds, inclusive; {@code null} = the last {@link #HISTORY}) and the
   * current extremes, then every change, through a queue bounded in bytes.
   *
   * @throws FullException when the hub holds {@code maxClients}, or {@code maxPerAddress} from this
   *     address, or is stopping; nothing has been sent then
   */
  public void subscribe(String topic, Long resumeFrom, String address, LiveSink sink) {
    TopicPoller p;
    synchronized (pollers) {
      if (closing) {
        throw new FullException("sse_full", "the service is stopping");
      }
      if (clients.get() >= limits.maxClients()) {
        throw new FullException(
            "sse_full", "the service has its maximum of " + limits.maxClients() + " live clients");
      }
      int fromAddress = perAddress.getOrDefault(address, 0);
      if (fromAddress >= limits.maxPerAddress()) {
        throw new FullException(
            "sse_address_full",
            "your address has its maximum of " + limits.maxPerAddress() + " live connections");
      }
      perAddress.put(address, fromAddress + 1);
      p = pollers.get(topic);
      if (p == null) {
        p = new TopicPoller(topic);
        pollers.put(topic, p);
        TopicPoller started = p;
        p.future =
            executor.scheduleWithFixedDelay(
                started::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("live [{}]: poller started", topic);
      }
      ClientQueue queued =
          new ClientQueue(
              sink,
              writers,
              limits.queueBytes(),
              budget,
              this::evicted,
              limits.writeTimeout().toNanos());
      p.pending.add(new Subscriber(queued, resumeFrom, address));
      clients.incrementAndGet();
    }
    executor.execute(p::tick); // onboard now rather than at the next tick
  }

  public int clients() {
    return clients.get();
  }

  public int pollers() {
    synchronized (pollers) {
      return pollers.size();
    }
  }

  private void evicted(String reason) {
    LOG.info("live: a client was disconnected ({})", reason);
    evicted.accept(reason);
  }

  /**
   * Stops: no new subscribers, every client told to reconnect in {@link #RECONNECT_AFTER_STOP} and
   * closed, the pollers and writers stopped.
   */
  @Override
  public void close() {
    List<TopicPoller> stopped;
    synchronized (pollers) {
      closing = true;
      stopped = new ArrayList<>(pollers.values());
      pollers.clear();
    }
    executor.shutdownNow();
    List<Subscriber> all = new ArrayList<>();
    for (TopicPoller p : stopped) { // a tick holds its poller's lock, then the hub's: not both here
      all.addAll(p.everyone());
    }
    for (Subscriber s : all) {
      s.sink().goodbye("server stopping", RECONNECT_AFTER_STOP.toMillis());
    }
    writers.shutdown();
    try {
      if (!writers.awaitTermination(2, TimeUnit.SECONDS)) {
        writers.shutdownNow();
      }
    } catch (InterruptedException e) {
      writers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (!all.isEmpty()) {
      LOG.info(
          "live: {} client(s) told to reconnect in {} s",
          all.size(),
          RECONNECT_AFTER_STOP.toSeconds());
    }
  }

  private record Subscriber(ClientQueue sink, Long resumeFrom, String address) {}

  private final class TopicPoller {
    final String topic;
    final ConcurrentLinkedQueue<Subscriber> pending = new ConcurrentLinkedQueue<>();
    final List<Subscriber> active = new ArrayList<>();
    final Map<Long, Aggregate> seen = new HashMap<>();
    final Map<Long, Extremes> seenExtremes = new HashMap<>();
    volatile ScheduledFuture<?> future;
    long lastHeartbeat;
    boolean failing;

    TopicPoller(String topic) {
      this.topic = topic;
      this.lastHeartbeat = clock.millis();
    }

    synchronized void tick() {
      try {
        step();
      } catch (RuntimeException e) {
        LOG.warn("live [{}]: tick failed", topic, e);
      }
      stopIfIdle();
    }

    private void step() {
      long now = clock.instant().getEpochSecond();
      long minute = Step.MINUTE.alignDown(now);
      long windowStart = minute - WINDOW.toSeconds();
      long windowEnd = minute + 60;
      List<Bucket> buckets;
      List<Extremes> extremes;
      try {
        buckets = store.aggregates(Step.MINUTE, topic, windowStart, windowEnd);
        extremes = store.extremes(topic, minute - 60, windowEnd);
        if (failing) {
          LOG.info("live [{}]: storage reachable again", topic);
          failing = false;
        }
      } catch (StoreUnavailableException e) {
        if (!failing) {
          LOG.warn("live [{}]: {}; retrying every tick", topic, e.getMessage());
          failing = true;
        }
        heartbeatIfDue();
        return;
      }
      List<Bucket> changed = new ArrayList<>();
      for (Bucket b : buckets) {
        if (!b.aggregate().equals(seen.get(b.start()))) {
          changed.add(b);
          seen.put(b.start(), b.aggregate());
        }
      }
      seen.keySet().removeIf(s -> s < windowStart);
      List<Extremes> changedExtremes = new ArrayList<>();
      for (Extremes e : extremes) {
        if (!e.equals(seenExtremes.get(e.minute()))) {
          changedExtremes.add(e);
          seenExtremes.put(e.minute(), e);
        }
      }
      seenExtremes.keySet().removeIf(s -> s < minute - 60);

      if (!changed.isEmpty() || !changedExtremes.isEmpty()) {
        List<Event> events = events(changed, changedExtremes); // written once for every client
        dropIf(s -> !sendAll(s.sink(), events));
      }

      Subscriber s;
      while ((s = pending.poll()) != null) {
        long from =
            s.resumeFrom() == null
                ? minute - HISTORY.toSeconds() + 60
                : Math.max(Step.MINUTE.alignDown(s.resumeFrom()), minute - MAX_RESUME.toSeconds());
        List<Bucket> history;
        if (from >= windowStart) {
          history = buckets.stream().filter(b -> b.start() >= from).toList();
        } else {
          try {
            history = store.aggregates(Step.MINUTE, topic, from, windowEnd);
          } catch (StoreUnavailableException e) {
            pending.add(s); // try again next tick
            break;
          }
        }
        List<Extremes> latest =
            extremes.isEmpty() ? List.of() : List.of(extremes.get(extremes.size() - 1));
        if (sendAll(s.sink(), events(history, latest))) {
          active.add(s);
        } else {
          gone(s);
        }
      }
      heartbeatIfDue();
    }

    private void heartbeatIfDue() {
      long stallLimit = limits.writeTimeout().toNanos();
      dropIf(s -> s.sink().evictIfStalled(stallLimit)); // it takes no write: it stopped reading
      long nowMs = clock.millis();
      if (nowMs - lastHeartbeat >= heartbeat.toMillis()) {
        lastHeartbeat = nowMs;
        dropIf(s -> s.sink().isClosed() || !s.sink().comment("heartbeat"));
      }
    }

    /** Removes the active subscribers that {@code lost} says are gone, and lets them go. */
    private void dropIf(Predicate<Subscriber> lost) {
      active.removeIf(
          s -> {
            if (lost.test(s)) {
              gone(s);
              return true;
            }
            return false;
          });
    }

    /** The SSE events of these buckets and extremes, in the order they are sent. */
    private List<Event> events(List<Bucket> buckets, List<Extremes> extremes) {
      List<Event> out = new ArrayList<>();
      for (Bucket b : buckets) {
        // the data of a bucket event: the topic, then the fields of the series' Point
        ObjectNode data = json.createObjectNode().put("topic", topic);
        data.setAll((ObjectNode) json.valueToTree(Point.of(b.start(), b.aggregate())));
        out.add(new Event("bucket", Long.toString(b.start()), write(data)));
      }
      for (Extremes e : extremes) {
        String data =
            write(
                new LiveExtremes(
                    topic,
                    IsoSeconds.format(e.minute()),
                    e.positive().stream().map(p -> Post.of(p, e.minute())).toList(),
                    e.negative().stream().map(p -> Post.of(p, e.minute())).toList()));
        out.add(new Event("extremes", null, data));
      }
      return out;
    }

    private static boolean sendAll(LiveSink sink, List<Event> events) {
      if (sink.isClosed()) {
        return false;
      }
      for (Event e : events) {
        if (!sink.send(e.name(), e.id(), e.data())) {
          return false;
        }
      }
      return true;
    }

    private void gone(Subscriber s) {
      clients.decrementAndGet();
      synchronized (pollers) {
        perAddress.computeIfPresent(s.address(), (a, n) -> n > 1 ? n - 1 : null);
      }
      s.sink().close();
    }

    private void stopIfIdle() {
      synchronized (pollers) {
        if (active.isEmpty() && pending.isEmpty() && pollers.get(topic) == this) {
          pollers.remove(topic);
          ScheduledFuture<?> f = future;
          if (f != null) {
            f.cancel(false);
          }
          LOG.info("live [{}]: last subscriber gone, poller stopped", topic);
        }
      }
    }

    /** Every subscriber, active or waiting (called while the hub is closing). */
    synchronized List<Subscriber> everyone() {
      List<Subscriber> all = new ArrayList<>(active);
      all.addAll(pending);
      return all;
    }
  }

  /** One SSE event: its name, its id (or null) and its data. */
  private record Event(String name, String id, String data) {}

  private String write(Object o) {
    try {
      return json.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
    }
  }
}
