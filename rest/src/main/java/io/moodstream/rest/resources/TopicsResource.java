package io.moodstream.rest.resources;

import io.moodstream.rest.api.IsoSeconds;
import io.moodstream.rest.api.TopicsResponse;
import io.moodstream.rest.query.TopicCatalog;
import io.moodstream.rest.store.HBaseBulkhead;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/topics}: topics with data and their first and last minute bucket (read on the
 * bulkhead: the first call, and a call after a miss, read HBase).
 */
@Path("/api/v1/topics")
public final class TopicsResource {
  private final TopicCatalog catalog;
  private final HBaseBulkhead hbase;

  public TopicsResource(TopicCatalog catalog, HBaseBulkhead hbase) {
    this.catalog = catalog;
    this.hbase = hbase;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public void topics(@Suspended AsyncResponse async) {
    hbase.submit(
        async,
        () ->
            new TopicsResponse(
                catalog.topics().stream()
                    .map(
                        t ->
                            new TopicsResponse.Topic(
                                t.topic(),
                                IsoSeconds.format(t.first()),
                                IsoSeconds.format(t.last())))
                    .toList()));
  }
}
