package io.moodstream.rest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.rest.api.ApiError;
import io.moodstream.rest.api.RestJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.Response;

/** The {@link ApiError} bodies of the errors Grizzly answers before (or instead of) Jersey. */
public final class JsonErrors {
  private JsonErrors() {}

  private static final ObjectMapper JSON = RestJson.mapper();

  /** The error code of a status the server raises by itself. */
  public static String code(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 431 -> "headers_too_large";
      case 500 -> "internal";
      case 503 -> "unavailable";
      default -> "http_" + status;
    };
  }

  /** A sentence for a status the server raises by itself. */
  public static String detail(int status) {
    return switch (status) {
      case 400 -> "the request is malformed";
      case 401 -> "this API needs 'Authorization: Bearer <token>'";
      case 404 -> "no such resource; see /api/openapi.json";
      case 405 -> "this service is read-only: use GET";
      case 413 -> "this service takes no request bodies";
      case 414 -> "the request line is too long";
      case 431 -> "the request headers are too large";
      case 500 -> "internal error; see the server log";
      case 503 -> "the service is stopping or overloaded; retry in a few seconds";
      default -> "HTTP " + status;
    };
  }

  public static ApiError of(int status) {
    return new ApiError(code(status), null, detail(status));
  }

  /** The JSON bytes of an error; non-ASCII escaped, so any response charset reads them. */
  public static byte[] bytes(ApiError e) {
    try {
      return JSON.writer()
          .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
          .writeValueAsString(e)
          .getBytes(StandardCharsets.US_ASCII);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
  }

  /** Answers {@code status} with the error as JSON on a Grizzly response. */
  public static void send(Response response, int status, ApiError e) throws IOException {
    byte[] body = bytes(e);
    response.reset();
    SecurityHeaders.apply(response::setHeader);
    response.setStatus(status, reason(status));
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  static String reason(int status) {
    return switch (status) {
      case 431 -> "Request Header Fields Too Large";
      case 429 -> "Too Many Requests";
      default -> org.glassfish.grizzly.http.util.HttpStatus.getHttpStatus(status).getReasonPhrase();
    };
  }
}
