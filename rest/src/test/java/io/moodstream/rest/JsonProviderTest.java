package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jersey writes JSON with the service's mapper, not a default one. */
class JsonProviderTest {
  /**
   * A double whose {@code Double.toString} on Java 17 is not the shortest text:
   * 2.82879384806159008E17.
   */
  static final double NOT_SHORTEST_ON_JAVA_17 = 2.82879384806159E17;

  @Path("/probe")
  public static final class Probe {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Double> probe() {
      return Map.of("v", NOT_SHORTEST_ON_JAVA_17);
    }
  }

  RestServices services;
  JerseyTest jersey;

  @BeforeEach
  void start() throws Exception {
    services = RestServices.create(new InMemoryBucketStore(), TestSettings.of(), Clock.systemUTC());
    jersey =
        new JerseyTest() {
          @Override
          protected Application configure() {
            forceSet(TestProperties.CONTAINER_PORT, "0");
            ResourceConfig rc = RestApplication.create(services);
            rc.register(Probe.class);
            return rc;
          }
        };
    jersey.setUp();
  }

  @AfterEach
  void stop() throws Exception {
    jersey.tearDown();
    services.close();
  }

  @Test
  void doublesAreWrittenByTheServicesMapper() {
    // the default mapper writes Double.toString's text; ours the shortest that reads back the same
    assertThat(Double.toString(NOT_SHORTEST_ON_JAVA_17)).isNotEqualTo("2.82879384806159E17");
    assertThat(jersey.target("/probe").request().get(String.class))
        .isEqualTo("{\"v\":2.82879384806159E17}");
  }
}
