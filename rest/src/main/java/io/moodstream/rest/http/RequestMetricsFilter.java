package io.moodstream.rest.http;

import io.moodstream.rest.health.Metrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;

/** Counts requests by endpoint and status and records their latency in {@link Metrics}. */
@PreMatching
public final class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String START = RequestMetricsFilter.class.getName() + ".start";
  private final Metrics metrics;

  public RequestMetricsFilter(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(START, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object start = request.getProperty(START);
    if (!(start instanceof Long t0)) {
      return;
    }
    List<String> matched = request.getUriInfo().getMatchedURIs();
    String endpoint = matched.isEmpty() ? "unmatched" : "/" + matched.get(matched.size() - 1);
    metrics.request(endpoint.replace("//", "/"), response.getStatus(), System.nanoTime() - t0);
  }
}
