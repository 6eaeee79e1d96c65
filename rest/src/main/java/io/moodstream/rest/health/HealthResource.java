package io.moodstream.rest.health;

import io.moodstream.rest.api.HealthResponse;
import io.moodstream.rest.store.BucketStore;
import io.moodstream.rest.store.StoreUnavailableException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /health}: 200 when HBase answers, 503 (with Retry-After) when it does not. */
@Path("/health")
public final class HealthResource {
  private final BucketStore store;

  public HealthResource(BucketStore store) {
    this.store = store;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    try {
      store.ping();
      return Response.ok(new HealthResponse("ok", "up")).build();
    } catch (StoreUnavailableException e) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .header("Retry-After", "5")
          .entity(new HealthResponse("degraded", "down"))
          .build();
    }
  }
}
