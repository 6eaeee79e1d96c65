package io.moodstream.rest.http;

import io.moodstream.rest.api.ApiError;
import io.moodstream.rest.health.Metrics;
import io.moodstream.rest.live.LiveHub;
import io.moodstream.rest.query.BadParameterException;
import io.moodstream.rest.store.StoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure becomes an {@link ApiError} JSON body; no stack trace ever reaches a client. */
public final class ErrorMappers {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);
  public static final String RETRY_AFTER_SECONDS = "5";

  private ErrorMappers() {}

  static Response.ResponseBuilder json(int status, ApiError e) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(e);
  }

  /** 503 with Retry-After. */
  private static Response unavailable(ApiError e) {
    return json(503, e).header("Retry-After", RETRY_AFTER_SECONDS).build();
  }

  /** 400 naming the parameter. */
  public static final class BadParameter implements ExceptionMapper<BadParameterException> {
    @Override
    public Response toResponse(BadParameterException e) {
      return json(400, ApiError.badParameter(e.parameter(), e.getMessage())).build();
    }
  }

  /** 503 with Retry-After (logged as one line by the request log). */
  public static final class Unavailable implements ExceptionMapper<StoreUnavailableException> {
    @Override
    public Response toResponse(StoreUnavailableException e) {
      LOG.debug("storage unavailable: {}", e.getMessage());
      return unavailable(
          new ApiError(
              "unavailable", null, "HBase is unreachable or too slow; retry in a few seconds"));
    }
  }

  /** A request refused to protect the service: its status, Retry-After when useful, counted. */
  public static final class Limited implements ExceptionMapper<LimitException> {
    private final Metrics metrics;

    public Limited(Metrics metrics) {
      this.metrics = metrics;
    }

    @Override
    public Response toResponse(LimitException e) {
      metrics.rejected(e.error());
      Response.ResponseBuilder b = json(e.status(), new ApiError(e.error(), null, e.getMessage()));
      if (e.retryAfterSeconds() > 0) {
        b.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      }
      return b.build();
    }
  }

  /** The live hub is full (in total, or for this address): 503 with Retry-After, counted. */
  public static final class LiveFull implements ExceptionMapper<LiveHub.FullException> {
    private final Metrics metrics;

    public LiveFull(Metrics metrics) {
      this.metrics = metrics;
    }

    @Override
    public Response toResponse(LiveHub.FullException e) {
      metrics.rejected(e.reason());
      return unavailable(new ApiError("too_many_clients", null, e.getMessage() + "; retry later"));
    }
  }

  /** 404, 405, 406 and the other statuses Jersey raises, as JSON. */
  public static final class Web implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status >= 500) {
        LOG.error("request failed", e);
      }
      if (status == 400 && !(e.getCause() instanceof IllegalArgumentException)) {
        LOG.debug("bad request", e);
      }
      Response.StatusType type = e.getResponse().getStatusInfo();
      String code =
          switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default ->
                type.getReasonPhrase() == null
                    ? "http_" + status
                    : type.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
          };
      String detail =
          switch (status) {
            case 404 -> "no such resource; see /api/openapi.json";
            case 405 -> "this API is read-only: use GET";
            case 406 -> "cannot produce the media type asked for in Accept";
            default -> type.getReasonPhrase() == null ? "HTTP " + status : type.getReasonPhrase();
          };
      Response.ResponseBuilder b = json(status, new ApiError(code, null, detail));
      String allow = e.getResponse().getHeaderString("Allow");
      if (allow != null) {
        b.header("Allow", allow);
      }
      return b.build();
    }
  }

  /** Anything else: 500, logged here with its stack trace, a plain sentence to the client. */
  public static final class Internal implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      LOG.error("unexpected failure", e);
      return json(500, new ApiError("internal", null, "internal error; see the server log"))
          .build();
    }
  }
}
