package io.moodstream.rest.resources;

import io.moodstream.rest.http.ClientAddress;
import io.moodstream.rest.live.LiveHub;
import io.moodstream.rest.live.LiveSink;
import io.moodstream.rest.query.BadParameterException;
import io.moodstream.rest.query.TopicCatalog;
import io.moodstream.rest.store.HBaseBulkhead;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.WriteHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * {@code GET /api/v1/live?topic=…}: Server-Sent Events. On connect the last 60 minute buckets
 * ({@code event: bucket}, {@code id:} = bucket start in epoch seconds; with {@code Last-Event-ID}
 * the buckets from that minute on), then each update of a minute bucket, {@code event: extremes}
 * when the latest minute's extremes change, and a heartbeat comment every 15 s.
 */
@Path("/api/v1/live")
public final class LiveResource {
  /** Longest a live request waits for the topics when they have never been read (start-up). */
  static final Duration FIRST_TOPICS_WAIT = Duration.ofSeconds(2);

  private final TopicCatalog catalog;
  private final LiveHub hub;
  private final HBaseBulkhead hbase;
  private final Duration writeTimeout;

  public LiveResource(
      TopicCatalog catalog, LiveHub hub, HBaseBulkhead hbase, Duration writeTimeout) {
    this.catalog = catalog;
    this.hub = hub;
    this.hbase = hbase;
    this.writeTimeout = writeTimeout;
  }

  /**
   * Validates against the topics already known (a stream's status is committed when this returns,
   * so HBase is read here only once, bounded, if the topics were never read), then subscribes; a
   * full hub answers 503.
   */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void live(
      @QueryParam("topic") List<String> topics,
      @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
      @Context Request request,
      @Context SseEventSink sink,
      @Context Sse sse) {
    Long resume = parseLastEventId(lastEventId);
    if (!catalog.loaded()) { // only until the first read of the topics: bounded, on the bulkhead
      hbase.call(catalog::topics, FIRST_TOPICS_WAIT);
    }
    String topic = catalog.validateKnown(topics, 1).get(0);
    if (request != null) {
      // a write to this stream that cannot go out within the timeout fails (the client is cut)
      // instead of holding one of the hub's writers for Grizzly's default 30 s
      request
          .getContext()
          .getConnection()
          .setWriteTimeout(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    hub.subscribe(
        topic,
        resume,
        ClientAddress.of(request),
        new JerseySink(sink, sse, request == null ? null : request.getResponse(), writeTimeout));
  }

  static Long parseLastEventId(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    try {
      long v = Long.parseLong(id.trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadParameterException(
          HttpHeaders.LAST_EVENT_ID_HEADER,
          "Last-Event-ID '" + id + "' is not a bucket start in epoch seconds");
    }
  }

  private static final class JerseySink implements LiveSink {
    private final SseEventSink sink;
    private final Sse sse;
    private volatile boolean stalled;
    private final Response grizzly;
    private final AtomicBoolean waiting = new AtomicBoolean();

    private final long stallNanos;

    JerseySink(SseEventSink sink, Sse sse, Response grizzly, Duration writeTimeout) {
      this.sink = sink;
      this.sse = sse;
      this.grizzly = grizzly;
      this.stallNanos = writeTimeout.toNanos() * 9 / 10;
    }

    /** Grizzly's answer: true guarantees that the next write does not block. */
    @Override
    public boolean writable() {
      return grizzly == null || grizzly.getOutputBuffer().canWrite();
    }

    @Override
    public void whenWritable(Runnable r) {
      if (grizzly == null) {
        r.run();
        return;
      }
      if (!waiting.compareAndSet(false, true)) {
        return; // already waiting: the drain resumes then
      }
      try {
        grizzly
            .getOutputBuffer()
            .notifyCanWrite(
                new WriteHandler() {
                  @Override
                  public void onWritePossible() {
                    waiting.set(false);
                    r.run();
                  }

                  @Override
                  public void onError(Throwable t) {
                    waiting.set(false);
                    r.run(); // the next write fails, and the client is closed
                  }
                });
      } catch (RuntimeException e) {
        waiting.set(false);
        r.run();
      }
    }

    @Override
    public boolean send(String event, String id, String data) {
      OutboundSseEvent.Builder b =
          sse.newEventBuilder().name(event).mediaType(MediaType.TEXT_PLAIN_TYPE).data(data);
      if (id != null) {
        b.id(id);
      }
      return deliver(b.build());
    }

    @Override
    public boolean comment(String text) {
      return deliver(sse.newEventBuilder().comment(text).build());
    }

    @Override
    public void goodbye(String reason, long reconnectMillis) {
      // Jersey writes retry: only for an event with data; browsers ignore an unknown event name
      deliver(
          sse.newEventBuilder()
              .comment(reason)
              .name("shutdown")
              .mediaType(MediaType.TEXT_PLAIN_TYPE)
              .data(reason)
              .reconnectDelay(reconnectMillis)
              .build());
      close();
    }

    private boolean deliver(OutboundSseEvent e) {
      if (sink.isClosed()) {
        return false;
      }
      long t0 = System.nanoTime();
      try {
        // Jersey writes in send() itself; a client that stopped reading blocks it until the
        // transport's write timeout (rest.sse.write.timeout) fails it. Only live writers call this.
        sink.send(e).toCompletableFuture().get(1, TimeUnit.MINUTES);
        return true;
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception ex) {
        // a write that failed after waiting about the write timeout stalled; a quick failure is a
        // client that went away
        stalled = timedOut(ex) || System.nanoTime() - t0 >= stallNanos;
        return false;
      }
    }

    /** Whether a failed write ran into the transport's write timeout (Grizzly says "timeout"). */
    private static boolean timedOut(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof TimeoutException
            || (t.getMessage() != null
                && t.getMessage().toLowerCase(Locale.ROOT).contains("timeout"))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean stalled() {
      return stalled;
    }

    @Override
    public boolean isClosed() {
      return sink.isClosed();
    }

    @Override
    public void close() {
      try {
        sink.close();
      } catch (RuntimeException ignored) {
        // already gone
      }
    }
  }
}
