package io.moodstream.rest.http;

import org.glassfish.grizzly.http.server.Request;

/**
 * The client address that per-client limits (live connections, rate limits) count by: the TCP
 * peer's address. Behind a reverse proxy every client shares the proxy's address, so the limits
 * must be raised there or enforced by the proxy (docs/OPERATIONS.md).
 */
public final class ClientAddress {
  /**
   * The Grizzly request attribute the front door stores the address in; Jersey reads Grizzly
   * attributes as request properties.
   */
  public static final String ATTRIBUTE = "io.moodstream.rest.client";

  private ClientAddress() {}

  public static String of(Request request) {
    if (request == null) {
      return "unknown";
    }
    String a = request.getRemoteAddr();
    return a == null || a.isEmpty() ? "unknown" : a;
  }
}
