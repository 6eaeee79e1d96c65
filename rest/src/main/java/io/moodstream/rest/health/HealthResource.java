package io.moodstream.rest.health;

import io.moodstream.rest.api.HealthResponse;
import io.moodstream.rest.api.LiveResponse;
import io.moodstream.rest.api.ReadyResponse;
import io.moodstream.rest.store.BucketStore;
import io.moodstream.rest.store.HBaseBulkhead;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The probes. {@code /health/live}: the process serves (no HBase call; point a liveness probe
 * here). {@code /health/ready}: HBase answered a one-row scan within {@code rest.ready.timeout} and
 * the streaming job's status is fresh ({@code rest.ready.stream.max.age}); 503 while stopping.
 * {@code /health}: the original check (HBase only), kept for compatibility. HBase is read on the
 * bulkhead, never on the HTTP thread.
 */
@Path("/health")
public final class HealthResource {
  private final BucketStore store;
  private final HBaseBulkhead hbase;
  private final StreamStatus stream;
  private final Duration readyTimeout;
  private final Duration streamMaxAge;
  private final BooleanSupplier stopping;

  public HealthResource(
      BucketStore store,
      HBaseBulkhead hbase,
      StreamStatus stream,
      Duration readyTimeout,
      Duration streamMaxAge,
      BooleanSupplier stopping) {
    this.store = store;
    this.hbase = hbase;
    this.stream = stream;
    this.readyTimeout = readyTimeout;
    this.streamMaxAge = streamMaxAge;
    this.stopping = stopping;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public void health(@Suspended AsyncResponse async) {
    hbase.submit(
        async,
        hbase.timeout(),
        () -> {
          store.ping();
          return Response.ok(new HealthResponse("ok", "up")).build();
        },
        e -> unavailable(new HealthResponse("degraded", "down")));
  }

  @GET
  @Path("live")
  @Produces(MediaType.APPLICATION_JSON)
  public LiveResponse live() {
    return new LiveResponse("live");
  }

  @GET
  @Path("ready")
  @Produces(MediaType.APPLICATION_JSON)
  public void ready(@Suspended AsyncResponse async) {
    if (stopping.getAsBoolean()) {
      async.resume(unavailable(new ReadyResponse("stopping", "unchecked", "unchecked")));
      return;
    }
    hbase.submit(
        async,
        readyTimeout,
        () -> {
          store.ping();
          StreamStatus.Freshness f = stream.freshness(streamMaxAge);
          ReadyResponse r = new ReadyResponse(f.ready() ? "ready" : "not_ready", "up", f.label());
          return f.ready() ? Response.ok(r).build() : unavailable(r);
        },
        e ->
            unavailable(
                new ReadyResponse("not_ready", "down", stream.freshness(streamMaxAge).label())));
  }

  /** 503 with Retry-After and the probe's answer. */
  private static Response unavailable(Object probe) {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .entity(probe)
        .build();
  }
}
