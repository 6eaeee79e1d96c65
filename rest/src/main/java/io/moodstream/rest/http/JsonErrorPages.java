package io.moodstream.rest.http;

import io.moodstream.rest.health.Metrics;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Grizzly answers for the errors it raises itself (its 503 while stopping, a request body over
 * its limit, a failure outside the front door): the usual JSON error instead of its HTML page with
 * a stack trace and its name and version. Counted and logged once, unless the front door, which
 * records what passes through it, is handling the request.
 */
public final class JsonErrorPages implements ErrorPageGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorPages.class);

  /** Set by the front door on requests it records itself. */
  static final String RECORDED = JsonErrorPages.class.getName() + ".recorded";

  private final Metrics metrics;
  private final ErrorLog log;

  public JsonErrorPages(Metrics metrics, ErrorLog log) {
    this.metrics = metrics;
    this.log = log;
  }

  @Override
  public String generate(
      Request request, int status, String reasonPhrase, String description, Throwable exception) {
    request.getResponse().setContentType("application/json");
    SecurityHeaders.apply(request.getResponse()::setHeader);
    if (request.getAttribute(RECORDED) == null) {
      metrics.request(Metrics.UNMATCHED, status, 0);
      log.refused(
          status,
          String.valueOf(request.getMethod()),
          request.getRequestURI(),
          ClientAddress.of(request),
          JsonErrors.code(status));
      if (exception != null) {
        LOG.error("request failed in the HTTP server", exception);
      }
    }
    return new String(JsonErrors.bytes(JsonErrors.of(status)), StandardCharsets.US_ASCII);
  }
}
