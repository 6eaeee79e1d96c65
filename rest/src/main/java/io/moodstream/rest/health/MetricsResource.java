package io.moodstream.rest.health;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: the registry in the format the scraper's {@code Accept} asks for, chosen by
 * the Prometheus client's own negotiation: OpenMetrics 1.0 text for {@code
 * application/openmetrics-text}, else the Prometheus text format 0.0.4.
 */
@jakarta.ws.rs.Path("/metrics")
public final class MetricsResource {
  private static final ExpositionFormats FORMATS = ExpositionFormats.init();

  private final Metrics metrics;

  public MetricsResource(Metrics metrics) {
    this.metrics = metrics;
  }

  @GET
  public Response metrics(@HeaderParam(HttpHeaders.ACCEPT) String accept) throws IOException {
    ExpositionFormatWriter writer = FORMATS.findWriter(accept);
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
    writer.write(out, metrics.registry().scrape());
    return Response.ok(out.toByteArray(), writer.getContentType())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }
}
