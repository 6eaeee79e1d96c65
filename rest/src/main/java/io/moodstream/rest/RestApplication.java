package io.moodstream.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.rest.health.HealthResource;
import io.moodstream.rest.health.MetricsResource;
import io.moodstream.rest.http.CorsFilter;
import io.moodstream.rest.http.ErrorMappers;
import io.moodstream.rest.http.GzipEncoding;
import io.moodstream.rest.http.RequestMetricsFilter;
import io.moodstream.rest.resources.ExtremesResource;
import io.moodstream.rest.resources.LiveResource;
import io.moodstream.rest.resources.OpenApiResource;
import io.moodstream.rest.resources.ScoreResource;
import io.moodstream.rest.resources.SeriesResource;
import io.moodstream.rest.resources.TopicsResource;
import jakarta.ws.rs.ext.ContextResolver;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The Jersey application: every resource, constructor-injected, and the filters and mappers. */
public final class RestApplication {
  private RestApplication() {}

  /** Held so that the level set on it is not lost to garbage collection. */
  private static final java.util.logging.Logger CLIENT_GONE_LOGGER =
      java.util.logging.Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");

  private static final java.util.logging.Logger PROVIDERS_LOGGER =
      java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

  public static ResourceConfig create(RestServices s) {
    routeJulToSlf4j();
    ResourceConfig rc = new ResourceConfig();
    rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    rc.property(ServerProperties.BV_FEATURE_DISABLE, true);
    rc.register(JacksonFeature.withoutExceptionMappers());
    rc.register(new JsonResolver(s.json()));
    rc.register(new TopicsResource(s.catalog(), s.hbase()));
    rc.register(
        new SeriesResource(s.catalog(), s.series(), s.clock(), s.hbase(), s.guards(), s.json()));
    rc.register(
        new ExtremesResource(
            s.catalog(), s.extremes(), s.clock(), s.hbase(), s.guards(), s.json()));
    rc.register(
        new LiveResource(s.catalog(), s.live(), s.hbase(), s.settings().sse().writeTimeout()));
    rc.register(new ScoreResource(s.scorer(), s.guards().score()));
    rc.register(new OpenApiResource());
    rc.register(
        new HealthResource(
            s.store(),
            s.hbase(),
            s.streamStatus(),
            s.settings().health().readyTimeout(),
            s.settings().health().streamMaxAge(),
            s.stopping()::get));
    rc.register(new MetricsResource(s.metrics()));
    rc.register(new ErrorMappers.BadParameter());
    rc.register(new ErrorMappers.Unavailable());
    rc.register(new ErrorMappers.Limited(s.metrics()));
    rc.register(new ErrorMappers.LiveFull(s.metrics()));
    rc.register(new ErrorMappers.Web());
    rc.register(new ErrorMappers.Internal());
    rc.register(new RequestMetricsFilter(s.metrics(), s.errorLog()));
    rc.register(new GzipEncoding());
    if (!s.settings().corsOrigins().isEmpty()) {
      rc.register(new CorsFilter(s.settings().corsOrigins()));
    }
    return rc;
  }

  /** Jersey and Grizzly log through java.util.logging: send it to SLF4J (log4j2), once. */
  static synchronized void routeJulToSlf4j() {
    // A client that goes away mid-response (a closed tab, a load tool stopping) is not a server
    // error: Jersey logs it at SEVERE with two stack traces; keep that out of the log.
    CLIENT_GONE_LOGGER.setLevel(java.util.logging.Level.OFF);
    // Jersey warns about every resource registered as an instance (constructor injection), a
    // known false alarm (eclipse-ee4j/jersey#3700): the resources are served all the same.
    PROVIDERS_LOGGER.setLevel(java.util.logging.Level.SEVERE);
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /**
   * The service's mapper for Jersey's JSON provider. A named class, not a lambda: Jersey finds a
   * resolver by its declared type argument, which a lambda's class does not carry, so a lambda
   * resolver is silently ignored and the provider falls back to a default mapper.
   */
  static final class JsonResolver implements ContextResolver<ObjectMapper> {
    private final ObjectMapper json;

    JsonResolver(ObjectMapper json) {
      this.json = json;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
      return json;
    }
  }
}
