package io.moodstream.rest;

import io.moodstream.rest.http.BearerAuth;
import io.moodstream.rest.http.FrontDoor;
import io.moodstream.rest.http.JsonErrorCodec;
import io.moodstream.rest.http.JsonErrorPages;
import io.moodstream.rest.http.SendBufferCap;
import io.moodstream.rest.http.StaticFiles;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.grizzly.http.CompressionConfig;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ContainerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: one {@link FrontDoor} handler in front of Jersey ({@code /api/*}, {@code
 * /health*}, {@code /metrics}) and the dashboard's static files ({@code /}, from the d3-ui jar or a
 * built-in page saying it is not built); JSON errors from the codec up; compression for static
 * files; a write timeout so that a client that stops reading cannot hold a thread; and a graceful
 * stop ({@link #close}).
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

  /** Where the d3-ui module's jar holds the dashboard. */
  public static final String UI_FOLDER = "META-INF/resources/moodstream-ui/";

  static final String FALLBACK_FOLDER = "io/moodstream/rest/ui-not-built/";

  /** Largest request line plus headers; beyond it the codec answers 414 or 431. */
  public static final int MAX_HEADER_BYTES = 16 * 1024;

  /**
   * Bytes Grizzly queues for one connection beyond the kernel's buffer before a write blocks (for a
   * live client at most {@code rest.sse.write.timeout}): small, so that a client that stopped
   * reading is found out after a few hundred kilobytes, not after megabytes.
   */
  static final int MAX_PENDING_BYTES = 64 * 1024;

  /**
   * The kernel's send buffer per connection (SO_SNDBUF, which Linux doubles): fixed rather than
   * auto-tuned up to megabytes, for the same reason; ample for answers to clients that read.
   */
  static final int SOCKET_SEND_BUFFER = 128 * 1024;

  /** What Grizzly compresses: the static files (the API's JSON/CSV: {@code GzipEncoding}). */
  static final String[] COMPRESSIBLE = {
    "text/html", "text/css", "application/javascript", "text/javascript", "image/svg+xml"
  };

  private final HttpServer server;
  private final RestServices services;

  private RestServer(HttpServer server, RestServices services) {
    this.server = server;
    this.services = services;
  }

  /** Starts listening; {@code port 0} picks a free port ({@link #port()}). */
  public static RestServer start(RestServices services) throws IOException {
    RestConfig.Settings s = services.settings();
    URI uri = URI.create("http://" + s.bindAddress() + ":" + s.port() + "/");
    HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, false);
    ServerConfiguration cfg = server.getServerConfiguration();
    // GrizzlyHttpServerFactory registered Jersey at "/"; the front door takes its place.
    cfg.getHttpHandlersWithMapping().keySet().forEach(cfg::removeHttpHandler);
    GrizzlyHttpContainer jersey =
        ContainerFactory.createContainer(
            GrizzlyHttpContainer.class, RestApplication.create(services));
    cfg.addHttpHandler(
        new FrontDoor(
            jersey,
            staticFiles(),
            new BearerAuth(s.authToken()),
            services.metrics(),
            services.errorLog()),
        HttpHandlerRegistration.ROOT);
    cfg.setSendFileEnabled(false);
    cfg.setDefaultErrorPageGenerator(new JsonErrorPages(services.metrics(), services.errorLog()));
    cfg.setGracefulShutdownSupported(true);
    for (NetworkListener l : server.getListeners()) {
      CompressionConfig c = l.getCompressionConfig();
      c.setCompressionMode(CompressionConfig.CompressionMode.ON);
      c.setCompressionMinSize(512);
      c.setCompressableMimeTypes(COMPRESSIBLE);
      l.setMaxHttpHeaderSize(MAX_HEADER_BYTES);
      l.setDefaultErrorPageGenerator(new JsonErrorPages(services.metrics(), services.errorLog()));
      l.registerAddOn(new JsonErrorCodec(services.metrics(), services.errorLog()));
      l.registerAddOn(new SendBufferCap(SOCKET_SEND_BUFFER));
      l.getTransport()
          .getAsyncQueueIO()
          .getWriter()
          .setMaxPendingBytesPerConnection(MAX_PENDING_BYTES);
    }
    server.start();
    RestServer r = new RestServer(server, services);
    LOG.info("serving on http://{}:{}/ (API under /api/v1/)", s.bindAddress(), r.port());
    if (s.authToken().isPresent()) {
      LOG.info("the API needs a bearer token (rest.auth.token)");
    } else if (s.bindsBeyondLoopback()) {
      for (String line : openWarning(s.bindAddress())) {
        LOG.warn("{}", line);
      }
    }
    return r;
  }

  /** The loud warning of a service reachable from other machines without authentication. */
  static String[] openWarning(String bindAddress) {
    return new String[] {
      "************************************************************************",
      "* WARNING: listening on " + bindAddress + " (beyond this machine) WITHOUT authentication:",
      "* anyone who can reach this address can read every topic. Set",
      "* MOODSTREAM_REST_AUTH_TOKEN (or _FILE) to require a bearer token, or",
      "* bind to 127.0.0.1 (rest.bind.address) behind an authenticating proxy.",
      "************************************************************************"
    };
  }

  static StaticFiles staticFiles() {
    ClassLoader cl = RestServer.class.getClassLoader();
    boolean built = cl.getResource(UI_FOLDER + "index.html") != null;
    if (!built) {
      LOG.warn("the dashboard is not built (no {}index.html on the classpath)", UI_FOLDER);
    }
    StaticFiles h = new StaticFiles(cl, "/" + (built ? UI_FOLDER : FALLBACK_FOLDER));
    h.setFileCacheEnabled(true);
    return h;
  }

  public int port() {
    return server.getListeners().iterator().next().getPort();
  }

  public RestServices services() {
    return services;
  }

  /**
   * Stops gracefully: the readiness probe turns 503, live clients are told to reconnect in a few
   * seconds and closed, the listener stops accepting, in-flight requests get up to {@code
   * rest.shutdown.grace} to finish (then they are cut), and the HBase bulkhead stops last.
   */
  @Override
  public void close() {
    Duration grace = services.settings().health().shutdownGrace();
    long t0 = System.nanoTime();
    services.stopping().set(true);
    services.live().close();
    try {
      server
          .shutdown(grace.toMillis(), TimeUnit.MILLISECONDS)
          .get(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("graceful stop did not finish: {}", e.toString());
      server.shutdownNow();
    }
    services.close();
    LOG.info("stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }
}
