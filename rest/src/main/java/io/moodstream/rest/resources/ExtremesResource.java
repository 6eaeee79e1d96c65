package io.moodstream.rest.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.rest.http.ClientAddress;
import io.moodstream.rest.http.Guards;
import io.moodstream.rest.query.ExtremesQuery;
import io.moodstream.rest.query.ExtremesQuery.Polarity;
import io.moodstream.rest.query.TopicCatalog;
import io.moodstream.rest.store.HBaseBulkhead;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.glassfish.grizzly.http.server.Request;

/**
 * {@code GET /api/v1/extremes?topic=…&from=…&to=…&limit=1..50&polarity=positive|negative|both}.
 * Defaults: the last hour, limit 5, both. Read on the bulkhead; long ranges are rate-limited.
 */
@Path("/api/v1/extremes")
public final class ExtremesResource {
  private final TopicCatalog catalog;
  private final ExtremesQuery query;
  private final Clock clock;
  private final HBaseBulkhead hbase;
  private final Guards guards;
  private final ObjectMapper json;

  public ExtremesResource(
      TopicCatalog catalog,
      ExtremesQuery query,
      Clock clock,
      HBaseBulkhead hbase,
      Guards guards,
      ObjectMapper json) {
    this.catalog = catalog;
    this.query = query;
    this.clock = clock;
    this.hbase = hbase;
    this.guards = guards;
    this.json = json;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public void extremes(
      @QueryParam("topic") List<String> topics,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("polarity") String polarity,
      @Context Request request,
      @Suspended AsyncResponse async) {
    Range range = Range.parse(from, to, clock.instant(), Duration.ofHours(1));
    int n = ExtremesQuery.parseLimit(limit);
    Polarity p = Polarity.parse(polarity);
    guards.range(ClientAddress.of(request), (range.to() - range.from()) / 60);
    hbase.submit(
        async,
        () -> {
          String topic = catalog.validate(topics, 1).get(0);
          return Response.ok(
                  guards.json(json, query.extremes(topic, range.from(), range.to(), n, p)),
                  MediaType.APPLICATION_JSON_TYPE)
              .build();
        });
  }
}
