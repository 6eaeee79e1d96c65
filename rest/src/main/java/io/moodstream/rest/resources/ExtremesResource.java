package io.moodstream.rest.resources;

import io.moodstream.rest.api.ExtremesResponse;
import io.moodstream.rest.query.ExtremesQuery;
import io.moodstream.rest.query.ExtremesQuery.Polarity;
import io.moodstream.rest.query.TopicCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/v1/extremes?topic=…&from=…&to=…&limit=1..50&polarity=positive|negative|both}.
 * Defaults: the last hour, limit 5, both.
 */
@Path("/api/v1/extremes")
public final class ExtremesResource {
  private final TopicCatalog catalog;
  private final ExtremesQuery query;
  private final Clock clock;

  public ExtremesResource(TopicCatalog catalog, ExtremesQuery query, Clock clock) {
    this.catalog = catalog;
    this.query = query;
    this.clock = clock;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ExtremesResponse extremes(
      @QueryParam("topic") List<String> topics,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("polarity") String polarity) {
    Range range = Range.parse(from, to, clock.instant(), Duration.ofHours(1));
    int n = ExtremesQuery.parseLimit(limit);
    Polarity p = Polarity.parse(polarity);
    String topic = catalog.validate(topics, 1).get(0);
    return query.extremes(topic, range.from(), range.to(), n, p);
  }
}
