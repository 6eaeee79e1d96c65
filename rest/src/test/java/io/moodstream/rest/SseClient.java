package io.moodstream.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A plain text/event-stream reader over java.net.http, as a browser's EventSource reads it. */
final class SseClient implements AutoCloseable {
  record Event(String name, String id, String data) {}

  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
  final BlockingQueue<String> retries = new LinkedBlockingQueue<>();
  final int status;
  private final CompletableFuture<Void> reading;
  private final HttpResponse<Stream<String>> response;

  SseClient(URI uri, String lastEventId) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build()
            .send(b.build(), HttpResponse.BodyHandlers.ofLines());
    status = response.statusCode();
    reading =
        CompletableFuture.runAsync(
            () -> {
              String name = null;
              String id = null;
              StringBuilder data = new StringBuilder();
              for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                  if (data.length() > 0) {
                    events.add(new Event(name == null ? "message" : name, id, data.toString()));
                  }
                  name = null;
                  id = null;
                  data.setLength(0);
                } else if (line.startsWith(":")) {
                  comments.add(line.substring(1).trim());
                } else if (line.startsWith("retry:")) {
                  retries.add(line.substring(6).trim());
                } else if (line.startsWith("event:")) {
                  name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                  id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                  if (data.length() > 0) {
                    data.append('\n');
                  }
                  data.append(
                      line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
              }
            });
  }

  /** Whether the server ended the stream (the reader saw its end). */
  boolean ended(Duration timeout) {
    try {
      reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return reading.isDone();
    }
  }

  Event next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The events arriving until {@code quiet} passes without one. */
  List<Event> drain(Duration quiet) throws InterruptedException {
    List<Event> out = new ArrayList<>();
    Event e;
    while ((e = next(quiet)) != null) {
      out.add(e);
    }
    return out;
  }

  @Override
  public void close() {
    reading.cancel(true);
    response.body().close();
  }
}
