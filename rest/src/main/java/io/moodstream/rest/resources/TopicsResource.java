package io.moodstream.rest.resources;

import io.moodstream.rest.api.TopicsResponse;
import io.moodstream.rest.query.Times;
import io.moodstream.rest.query.TopicCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/topics}: topics with data and their first and last minute bucket. */
@Path("/api/v1/topics")
public final class TopicsResource {
  private final TopicCatalog catalog;

  public TopicsResource(TopicCatalog catalog) {
    this.catalog = catalog;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public TopicsResponse topics() {
    return new TopicsResponse(
        catalog.topics().stream()
            .map(
                t ->
                    new TopicsResponse.Topic(
                        t.topic(), Times.format(t.first()), Times.format(t.last())))
            .toList());
  }
}
