package io.moodstream.rest.resources;

import io.moodstream.rest.api.ScoreResponse;
import io.moodstream.rest.http.ClientAddress;
import io.moodstream.rest.http.RateLimiter;
import io.moodstream.rest.query.BadParameterException;
import io.moodstream.sentiment.Scores;
import io.moodstream.sentiment.SentimentScorer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.glassfish.grizzly.http.server.Request;

/** {@code GET /api/v1/score?text=…}: the VADER scores of a text. */
@Path("/api/v1/score")
public final class ScoreResource {
  public static final int MAX_TEXT = 2_000;

  private final SentimentScorer scorer;
  private final RateLimiter limiter;

  public ScoreResource(SentimentScorer scorer, RateLimiter limiter) {
    this.scorer = scorer;
    this.limiter = limiter;
  }

  /** Rate-limited per client address ({@code rest.ratelimit.score}): 429 with Retry-After. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ScoreResponse score(@QueryParam("text") String text, @Context Request request) {
    limiter.take(ClientAddress.of(request));
    if (text == null) {
      throw new BadParameterException("text", "text is required, e.g. text=I%20love%20it");
    }
    if (text.length() > MAX_TEXT) {
      throw new BadParameterException(
          "text", "text is " + text.length() + " characters, at most " + MAX_TEXT);
    }
    Scores s = scorer.score(text);
    return new ScoreResponse(
        text,
        s.neg(),
        s.neu(),
        s.pos(),
        s.compound(),
        s.sentimentClass().name().toLowerCase(Locale.ROOT));
  }
}
