package io.moodstream.rest.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for the API's JSON and CSV when the client accepts it, at the fastest deflate level with a
 * 64 KiB buffer: series answers are large and repetitive, so level 1 still shrinks them ~40-fold at
 * a fraction of the CPU of Grizzly's default level and small chunked flushes. SSE streams are never
 * compressed (each event must reach the browser at once). Static files are compressed by Grizzly.
 */
public final class GzipEncoding implements ContainerResponseFilter, WriterInterceptor {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MediaType type = response.getMediaType();
    if (!response.hasEntity()
        || type == null
        || response.getHeaders().containsKey(HttpHeaders.CONTENT_ENCODING)
        || !compressible(type)) {
      return;
    }
    response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    String accepted = request.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
    if (accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip")) {
      response.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, "gzip");
    }
  }

  static boolean compressible(MediaType t) {
    return (t.getType().equals("application") && t.getSubtype().equals("json"))
        || (t.getType().equals("text")
            && (t.getSubtype().equals("csv") || t.getSubtype().equals("plain")));
  }

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    if (!"gzip".equals(context.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING))) {
      context.proceed();
      return;
    }
    OutputStream raw = context.getOutputStream();
    GZIPOutputStream gzip =
        new GZIPOutputStream(raw, 64 * 1024) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
    context.setOutputStream(gzip);
    try {
      context.proceed();
    } finally {
      gzip.finish();
    }
  }
}
