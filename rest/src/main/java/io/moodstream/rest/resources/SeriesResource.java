package io.moodstream.rest.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.rest.api.SeriesResponse;
import io.moodstream.rest.http.ClientAddress;
import io.moodstream.rest.http.Guards;
import io.moodstream.rest.query.BadParameterException;
import io.moodstream.rest.query.Csv;
import io.moodstream.rest.query.Resolution;
import io.moodstream.rest.query.SeriesQuery;
import io.moodstream.rest.query.TopicCatalog;
import io.moodstream.rest.store.HBaseBulkhead;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import org.glassfish.grizzly.http.server.Request;

/**
 * {@code GET /api/v1/series?topic=…&from=…&to=…&step=…[&format=csv]}: JSON, or CSV with {@code
 * format=csv} or {@code Accept: text/csv}. Defaults: the last 24 hours, step auto. The parameters
 * are checked on the HTTP thread; the HBase reads and the answer are made on the bulkhead. Reads
 * covering many stored buckets are rate-limited; answers are bounded in bytes.
 */
@Path("/api/v1/series")
public final class SeriesResource {
  public static final String TEXT_CSV = "text/csv";

  private final TopicCatalog catalog;
  private final SeriesQuery query;
  private final Clock clock;
  private final HBaseBulkhead hbase;
  private final Guards guards;
  private final ObjectMapper json;

  public SeriesResource(
      TopicCatalog catalog,
      SeriesQuery query,
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
  @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
  public void series(
      @QueryParam("topic") List<String> topics,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("step") String step,
      @QueryParam("format") String format,
      @Context HttpHeaders headers,
      @Context Request request,
      @Suspended AsyncResponse async) {
    boolean csv = wantsCsv(format, headers);
    Range range = Range.parse(from, to, clock.instant(), Duration.ofHours(24));
    Resolution r = Resolution.choose(step, range.from(), range.to());
    int asked = topics == null ? 0 : new LinkedHashSet<>(topics).size();
    long perTopic = (r.alignUp(range.to()) - r.alignDown(range.from())) / r.source().seconds();
    guards.range(
        ClientAddress.of(request),
        perTopic * Math.max(1, Math.min(asked, TopicCatalog.MAX_TOPICS_PER_CALL)));
    hbase.submit(
        async,
        () -> {
          List<String> valid = catalog.validate(topics, TopicCatalog.MAX_TOPICS_PER_CALL);
          SeriesResponse s = query.series(valid, range.from(), range.to(), r);
          if (csv) {
            return Response.ok(guards.text(Csv.of(s)), TEXT_CSV + ";charset=utf-8")
                .header("Content-Disposition", "inline; filename=\"moodstream-series.csv\"")
                .build();
          }
          return Response.ok(guards.json(json, s), MediaType.APPLICATION_JSON_TYPE).build();
        });
  }

  static boolean wantsCsv(String format, HttpHeaders headers) {
    if (format != null) {
      return switch (format.trim()) {
        case "csv" -> true;
        case "json" -> false;
        default ->
            throw new BadParameterException(
                "format", "unknown format '" + format + "': use json or csv");
      };
    }
    List<MediaType> accepted = headers.getAcceptableMediaTypes();
    return !accepted.isEmpty()
        && !accepted.get(0).isWildcardType()
        && accepted.get(0).isCompatible(MediaType.valueOf(TEXT_CSV));
  }
}
