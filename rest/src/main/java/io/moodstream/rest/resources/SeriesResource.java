package io.moodstream.rest.resources;

import io.moodstream.rest.api.SeriesResponse;
import io.moodstream.rest.query.BadParameterException;
import io.moodstream.rest.query.Csv;
import io.moodstream.rest.query.Resolution;
import io.moodstream.rest.query.SeriesQuery;
import io.moodstream.rest.query.TopicCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/v1/series?topic=…&from=…&to=…&step=…[&format=csv]}: JSON, or CSV with {@code
 * format=csv} or {@code Accept: text/csv}. Defaults: the last 24 hours, step auto.
 */
@Path("/api/v1/series")
public final class SeriesResource {
  public static final String TEXT_CSV = "text/csv";

  private final TopicCatalog catalog;
  private final SeriesQuery query;
  private final Clock clock;

  public SeriesResource(TopicCatalog catalog, SeriesQuery query, Clock clock) {
    this.catalog = catalog;
    this.query = query;
    this.clock = clock;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
  public Response series(
      @QueryParam("topic") List<String> topics,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("step") String step,
      @QueryParam("format") String format,
      @Context HttpHeaders headers) {
    boolean csv = wantsCsv(format, headers);
    Range range = Range.parse(from, to, clock.instant(), Duration.ofHours(24));
    Resolution r = Resolution.choose(step, range.from(), range.to());
    List<String> valid = catalog.validate(topics, TopicCatalog.MAX_TOPICS_PER_CALL);
    SeriesResponse s = query.series(valid, range.from(), range.to(), r);
    if (csv) {
      return Response.ok(Csv.of(s), TEXT_CSV + ";charset=utf-8")
          .header("Content-Disposition", "inline; filename=\"moodstream-series.csv\"")
          .build();
    }
    return Response.ok(s, MediaType.APPLICATION_JSON_TYPE).build();
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
