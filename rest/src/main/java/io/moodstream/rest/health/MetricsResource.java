package io.moodstream.rest.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** {@code GET /metrics}: Prometheus text format. */
@jakarta.ws.rs.Path("/metrics")
public final class MetricsResource {
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Metrics metrics;
  private final Optional<Path> streamStatusFile;
  private final ObjectMapper json;
  private final Clock clock;

  public MetricsResource(
      Metrics metrics, Optional<Path> streamStatusFile, ObjectMapper json, Clock clock) {
    this.metrics = metrics;
    this.streamStatusFile = streamStatusFile;
    this.json = json;
    this.clock = clock;
  }

  @GET
  @Produces(PROMETHEUS_TEXT)
  public String metrics() {
    return metrics.render() + StreamStatus.render(streamStatusFile.orElse(null), json, clock);
  }
}
