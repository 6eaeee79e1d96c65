package io.moodstream.rest.http;

import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** The dashboard's files from the classpath; a missing file is a JSON 404. */
public final class StaticFiles extends CLStaticHttpHandler {
  public StaticFiles(ClassLoader loader, String folder) {
    super(loader, folder);
  }

  @Override
  protected void onMissingResource(Request request, Response response) throws Exception {
    JsonErrors.send(response, 404, JsonErrors.of(404));
  }
}
