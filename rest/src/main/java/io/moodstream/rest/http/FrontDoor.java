package io.moodstream.rest.http;

import io.moodstream.rest.api.ApiError;
import io.moodstream.rest.health.Metrics;
import java.util.Optional;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler of the server: every request passes here first. It sets the security
 * headers, refuses malformed URIs ({@link RawUri}) and, when authentication is on, requests without
 * the token, with a JSON error; then hands {@code /api/*}, {@code /health*} and {@code /metrics} to
 * Jersey and everything else to the dashboard's files (GET only). What it answers itself and the
 * static files are counted in {@link Metrics} and errors logged once (Jersey counts its own); a
 * failure is answered with a JSON 500, never a stack trace.
 */
public final class FrontDoor extends HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

  private final HttpHandler api;
  private final HttpHandler files;
  private final BearerAuth auth;
  private final Metrics metrics;
  private final ErrorLog log;

  public FrontDoor(
      HttpHandler api, HttpHandler files, BearerAuth auth, Metrics metrics, ErrorLog log) {
    super("moodstream");
    this.api = api;
    this.files = files;
    this.auth = auth;
    this.metrics = metrics;
    this.log = log;
  }

  static boolean isApi(String path) {
    return path.equals("/api")
        || path.startsWith("/api/")
        || path.equals("/health")
        || path.startsWith("/health/")
        || path.equals("/metrics");
  }

  @Override
  public void start() {
    api.start();
    files.start();
  }

  @Override
  public void destroy() {
    api.destroy();
    files.destroy();
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    long t0 = System.nanoTime();
    String client = ClientAddress.of(request);
    request.setAttribute(ClientAddress.ATTRIBUTE, client);
    SecurityHeaders.apply(response::setHeader);
    String path = request.getRequestURI();
    Optional<ApiError> bad = RawUri.check(path, request.getQueryString());
    if (bad.isPresent()) {
      refuse(request, response, 400, bad.get(), t0);
      return;
    }
    if (isApi(path)) {
      if (auth.protects(path) && !auth.allows(request.getHeader("Authorization"))) {
        metrics.rejected("unauthorized");
        response.setHeader("WWW-Authenticate", "Bearer realm=\"moodstream\"");
        refuse(request, response, 401, JsonErrors.of(401), t0);
        return;
      }
      try {
        api.service(request, response); // Jersey counts and logs its own requests
      } catch (Exception e) {
        fail(request, response, e, t0);
      }
      return;
    }
    Method m = request.getMethod();
    if (m != Method.GET) {
      response.setHeader("Allow", "GET");
      refuse(request, response, 405, JsonErrors.of(405), t0);
      return;
    }
    request.setAttribute(JsonErrorPages.RECORDED, Boolean.TRUE);
    try {
      files.service(request, response);
    } catch (Exception e) {
      fail(request, response, e, t0);
      return;
    }
    int status = response.getStatus();
    metrics.request(status == 404 ? Metrics.UNMATCHED : Metrics.STATIC, status, elapsed(t0));
    if (status >= 400) {
      log.refused(status, m.getMethodString(), path, client, JsonErrors.code(status));
    }
  }

  private void refuse(Request request, Response response, int status, ApiError e, long t0)
      throws java.io.IOException {
    request.setAttribute(JsonErrorPages.RECORDED, Boolean.TRUE);
    String allow = response.getHeader("Allow");
    String authenticate = response.getHeader("WWW-Authenticate");
    JsonErrors.send(response, status, e);
    if (allow != null) {
      response.setHeader("Allow", allow);
    }
    if (authenticate != null) {
      response.setHeader("WWW-Authenticate", authenticate);
    }
    metrics.request(Metrics.UNMATCHED, status, elapsed(t0));
    log.refused(
        status,
        request.getMethod().getMethodString(),
        request.getRequestURI(),
        ClientAddress.of(request),
        e.error() + (e.parameter() == null ? "" : " (" + e.parameter() + ")"));
  }

  private void fail(Request request, Response response, Exception e, long t0)
      throws java.io.IOException {
    LOG.error(
        "request {} {} failed",
        request.getMethod(),
        ErrorLog.printable(request.getRequestURI()),
        e);
    request.setAttribute(JsonErrorPages.RECORDED, Boolean.TRUE);
    metrics.request(Metrics.UNMATCHED, 500, elapsed(t0));
    if (!response.isCommitted()) {
      JsonErrors.send(response, 500, JsonErrors.of(500));
    }
  }

  private static long elapsed(long t0) {
    return System.nanoTime() - t0;
  }
}
