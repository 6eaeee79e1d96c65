package io.moodstream.rest.http;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The headers every response carries, API and dashboard alike: a Content-Security-Policy that lets
 * the dashboard load only its own script, stylesheet and data (and no frame embed it), no MIME
 * sniffing, no referrer, no framing. The dashboard is checked in Chromium with them
 * (local/.../DashboardIT fails on any console error, which a CSP violation is).
 */
public final class SecurityHeaders {
  private SecurityHeaders() {}

  public static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  /** Name → value, in the order they are sent. */
  public static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy", CSP,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer",
          "X-Frame-Options", "DENY");

  public static void apply(BiConsumer<String, String> setHeader) {
    HEADERS.forEach(setHeader);
  }
}
