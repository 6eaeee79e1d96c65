package io.moodstream.rest;

import java.io.IOException;
import java.net.URI;
import org.glassfish.grizzly.http.CompressionConfig;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
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
 * The HTTP server: Jersey at {@code /api/*}, {@code /health} and {@code /metrics}; the dashboard's
 * static files at {@code /} (from the d3-ui jar, or a built-in page saying it is not built);
 * compression on for JSON, CSV, JavaScript, CSS and HTML.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

  /** Where the d3-ui module's jar holds the dashboard. */
  public static final String UI_FOLDER = "META-INF/resources/moodstream-ui/";

  static final String FALLBACK_FOLDER = "io/moodstream/rest/ui-not-built/";

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
    // GrizzlyHttpServerFactory registered Jersey at "/"; re-register it for the API paths only.
    cfg.getHttpHandlersWithMapping().keySet().forEach(cfg::removeHttpHandler);
    GrizzlyHttpContainer jersey =
        ContainerFactory.createContainer(
            GrizzlyHttpContainer.class, RestApplication.create(services));
    cfg.addHttpHandler(
        jersey,
        HttpHandlerRegistration.builder().contextPath("").urlPattern("/api/*").build(),
        HttpHandlerRegistration.builder().contextPath("").urlPattern("/health").build(),
        HttpHandlerRegistration.builder().contextPath("").urlPattern("/metrics").build());
    cfg.addHttpHandler(staticFiles(), HttpHandlerRegistration.ROOT);
    cfg.setSendFileEnabled(false);
    for (NetworkListener l : server.getListeners()) {
      CompressionConfig c = l.getCompressionConfig();
      c.setCompressionMode(CompressionConfig.CompressionMode.ON);
      c.setCompressionMinSize(512);
      c.setCompressableMimeTypes(COMPRESSIBLE);
    }
    server.start();
    RestServer r = new RestServer(server, services);
    LOG.info("serving on http://{}:{}/ (API under /api/v1/)", s.bindAddress(), r.port());
    return r;
  }

  static CLStaticHttpHandler staticFiles() {
    ClassLoader cl = RestServer.class.getClassLoader();
    boolean built = cl.getResource(UI_FOLDER + "index.html") != null;
    if (!built) {
      LOG.warn("the dashboard is not built (no {}index.html on the classpath)", UI_FOLDER);
    }
    CLStaticHttpHandler h =
        new CLStaticHttpHandler(cl, "/" + (built ? UI_FOLDER : FALLBACK_FOLDER));
    h.setFileCacheEnabled(true);
    return h;
  }

  public int port() {
    return server.getListeners().iterator().next().getPort();
  }

  public RestServices services() {
    return services;
  }

  @Override
  public void close() {
    services.close();
    server.shutdownNow();
  }
}
