package io.moodstream.rest.http;

import io.moodstream.rest.api.ApiError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks a request's raw path and query before anything decodes them, so that a malformed URI is a
 * plain 400 naming what is wrong instead of a failure deep in the server: every {@code %} must
 * start a two-digit hex escape, escapes must decode to UTF-8, and the path may hold no encoded
 * slash, no NUL and no {@code .} or {@code ..} segment (nothing here needs them, and they are how
 * path traversal is tried).
 */
public final class RawUri {
  private RawUri() {}

  /** The error for a bad path or query, or empty when both are well-formed. */
  public static Optional<ApiError> check(String rawPath, String rawQuery) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return Optional.of(bad(null, "the request path must start with /"));
    }
    String path;
    try {
      path = decode(rawPath, false);
    } catch (IllegalArgumentException e) {
      return Optional.of(bad(null, "the path " + e.getMessage()));
    }
    if (rawPath.matches("(?i).*%2f.*") || rawPath.matches("(?i).*%5c.*")) {
      return Optional.of(bad(null, "the path holds an encoded slash or backslash"));
    }
    if (path.indexOf('\0') >= 0) {
      return Optional.of(bad(null, "the path holds a NUL character"));
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of(bad(null, "the path holds a '" + segment + "' segment"));
      }
    }
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&", -1)) {
        int eq = pair.indexOf('=');
        String rawName = eq < 0 ? pair : pair.substring(0, eq);
        String name;
        try {
          name = decode(rawName, true);
        } catch (IllegalArgumentException e) {
          return Optional.of(bad(null, "a query parameter name " + e.getMessage()));
        }
        if (eq >= 0) {
          try {
            decode(pair.substring(eq + 1), true);
          } catch (IllegalArgumentException e) {
            return Optional.of(bad(name, "the value of " + name + " " + e.getMessage()));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static ApiError bad(String parameter, String detail) {
    return new ApiError("bad_request", parameter, detail);
  }

  /**
   * Percent-decodes strictly ({@code +} is a space in a query).
   *
   * @throws IllegalArgumentException saying what is wrong ("has a bad percent escape at 3")
   */
  static String decode(String s, boolean query) {
    if (s.indexOf('%') < 0 && !(query && s.indexOf('+') >= 0)) {
      return s;
    }
    ByteBuffer bytes = ByteBuffer.allocate(s.length() * 3);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()
            || !HexFormat.isHexDigit(s.charAt(i + 1))
            || !HexFormat.isHexDigit(s.charAt(i + 2))) {
          throw new IllegalArgumentException(
              "has a bad percent escape at character " + (i + 1) + " (use %XX, two hex digits)");
        }
        bytes.put((byte) HexFormat.fromHexDigits(s, i + 1, i + 3));
        i += 2;
      } else if (query && c == '+') {
        bytes.put((byte) ' ');
      } else {
        bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("has percent escapes that are not UTF-8");
    }
  }
}
