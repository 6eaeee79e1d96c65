package io.moodstream.rest.http;

import io.moodstream.rest.health.Metrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Errors found while parsing a request, before any handler sees it: Grizzly's HTTP codec answers
 * them with an empty 400. This add-on puts a codec of its own in the listener's filter chain that
 * answers 414 when the request line is too long, 431 when the headers are, 400 otherwise, each with
 * the JSON error body and the security headers, counted in {@link Metrics} and logged once.
 */
public final class JsonErrorCodec implements AddOn {
  private final Metrics metrics;
  private final ErrorLog log;

  public JsonErrorCodec(Metrics metrics, ErrorLog log) {
    this.metrics = metrics;
    this.log = log;
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int i = builder.indexOfType(HttpServerFilter.class);
    if (i < 0) {
      throw new IllegalStateException("no HTTP codec in the listener's filter chain");
    }
    HttpServerFilter original = (HttpServerFilter) builder.get(i);
    int maxHeader =
        listener.getMaxHttpHeaderSize() == -1
            ? HttpServerFilter.DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE
            : listener.getMaxHttpHeaderSize();
    Codec codec =
        new Codec(
            listener.isChunkingEnabled(),
            maxHeader,
            listener.getKeepAlive(),
            listener.getMaxRequestHeaders(),
            listener.getMaxResponseHeaders());
    for (ContentEncoding e : original.getContentEncodings()) {
      codec.addContentEncoding(e);
    }
    codec.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
    codec.setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
    codec.getMonitoringConfig().addProbes(original.getMonitoringConfig().getProbes());
    builder.set(i, codec);
  }

  /** The status for a parse failure: the request line or the headers too large, or malformed. */
  static int statusOf(Throwable t) {
    String m = t == null || t.getMessage() == null ? "" : t.getMessage();
    if (m.contains("line is too large")) {
      return 414;
    }
    if (m.contains("header is too large")) {
      return 431;
    }
    return 400;
  }

  private final class Codec extends HttpServerFilter {
    @SuppressWarnings("deprecation")
    Codec(
        boolean chunking,
        int maxHeaderSize,
        org.glassfish.grizzly.http.KeepAlive keepAlive,
        int maxRequestHeaders,
        int maxResponseHeaders) {
      super(chunking, maxHeaderSize, null, keepAlive, null, maxRequestHeaders, maxResponseHeaders);
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable t)
        throws IOException {
      HttpRequestPacket request = (HttpRequestPacket) header;
      HttpResponsePacket response = request.getResponse();
      int status = statusOf(t);
      if (request.getProtocol() == Protocol.HTTP_0_9) {
        // the request line was not read to its end: answer as HTTP/1.1 (with all the headers)
        request.setProtocol(Protocol.HTTP_1_1);
      }
      response.setStatus(status);
      response.setReasonPhrase(JsonErrors.reason(status));
      metrics.request(Metrics.UNMATCHED, status, 0);
      Object peer = ctx.getConnection().getPeerAddress();
      log.refused(
          status,
          request.getMethod() == null ? "-" : request.getMethod().getMethodString(),
          status == 414 ? "(request line too long)" : request.getRequestURI(),
          peer instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "unknown",
          JsonErrors.code(status));
      super.onHttpHeaderError(header, ctx, t);
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
      int status = response.getStatus();
      byte[] body = JsonErrors.bytes(JsonErrors.of(status));
      SecurityHeaders.apply(response::setHeader);
      response.setContentType("application/json");
      response.setContentLength(body.length);
      return HttpContent.builder(response)
          .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
          .last(true)
          .build();
    }
  }
}
