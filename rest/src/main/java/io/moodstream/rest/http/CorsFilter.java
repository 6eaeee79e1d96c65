package io.moodstream.rest.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * CORS for the configured origins only (registered only when {@code rest.cors.origins} is set): GET
 * from those origins, with preflight answered here. Other origins get no CORS headers.
 */
@PreMatching
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private final List<String> origins;

  public CorsFilter(List<String> origins) {
    this.origins = List.copyOf(origins);
  }

  boolean allowed(String origin) {
    return origin != null && (origins.contains("*") || origins.contains(origin));
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    if ("OPTIONS".equals(request.getMethod())
        && request.getHeaderString("Access-Control-Request-Method") != null) {
      Response.ResponseBuilder b = Response.noContent();
      if (allowed(origin)) {
        b.header("Access-Control-Allow-Origin", origin)
            .header("Access-Control-Allow-Methods", "GET")
            .header("Access-Control-Allow-Headers", "Accept, Last-Event-ID")
            .header("Access-Control-Max-Age", "600")
            .header("Vary", "Origin");
      }
      request.abortWith(b.build());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String origin = request.getHeaderString("Origin");
    if (allowed(origin)) {
      response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
      response.getHeaders().add("Vary", "Origin");
    }
  }
}
