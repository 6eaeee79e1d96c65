package io.moodstream.rest.http;

import io.moodstream.rest.api.ApiError;
import io.moodstream.rest.health.Metrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;

/**
 * Counts requests by endpoint (the matched route template) and status, records their latency in
 * {@link Metrics}, and logs every error answer as one line ({@link ErrorLog}); the 500s, logged
 * with their stack trace by the mapper that made them, are not logged again.
 */
@PreMatching
public final class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String START = RequestMetricsFilter.class.getName() + ".start";
  private final Metrics metrics;
  private final ErrorLog log;

  public RequestMetricsFilter(Metrics metrics, ErrorLog log) {
    this.metrics = metrics;
    this.log = log;
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
    String endpoint =
        matched.isEmpty()
            ? Metrics.UNMATCHED
            : ("/" + matched.get(matched.size() - 1)).replace("//", "/");
    int status = response.getStatus();
    metrics.request(endpoint, status, System.nanoTime() - t0);
    if (status >= 400 && status != 500) {
      String error =
          response.getEntity() instanceof ApiError e
              ? e.error() + (e.parameter() == null ? "" : " (" + e.parameter() + ")")
              : "http_" + status;
      Object client = request.getProperty(ClientAddress.ATTRIBUTE);
      log.refused(
          status,
          request.getMethod(),
          request.getUriInfo().getRequestUri().getRawPath(),
          client == null ? "unknown" : client.toString(),
          error);
    }
  }
}
