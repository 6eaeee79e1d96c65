package io.moodstream.ingest.source.bluesky;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.ingest.core.IngestSource;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.Sleeper;
import io.moodstream.ingest.core.SourcePost;
import io.moodstream.ingest.source.live.Backoff;
import io.moodstream.ingest.source.live.Reconnector;
import io.moodstream.ingest.source.live.Reconnector.Outcome;
import io.moodstream.schema.event.Reject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bluesky through Jetstream: a WebSocket to {@code /subscribe?wantedCollections=app.bsky.feed.post}
 * whose JSON events become posts ({@code commit} create/update) and delete events ({@code commit}
 * delete). The {@code time_us} of the last event handled is kept in a cursor file and sent as
 * {@code cursor} on every (re)connect, so a restart resumes where the last run stopped. Handles
 * come from {@code identity} events. Silence longer than {@code stall} is a stall; failures
 * reconnect as {@link Backoff} says.
 */
public final class BlueskySource implements IngestSource {
  private static final Logger LOG = LoggerFactory.getLogger(BlueskySource.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final String COLLECTION = "app.bsky.feed.post";
  private static final Object CLOSED = new Object();

  private final String url;
  private final Path cursorFile;
  private final Duration stall;
  private final Sleeper sleeper;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, String> handles =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> e) {
          return size() > 100_000;
        }
      };
  private long cursor;
  private long savedCursor;
  private long savedAt;

  public BlueskySource(String url, Path cursorFile, Duration stall, Sleeper sleeper) {
    this.url = url;
    this.cursorFile = cursorFile;
    this.stall = stall;
    this.sleeper = sleeper;
  }

  URI uri() {
    String collection = (url.contains("?") ? "&" : "?") + "wantedCollections=" + COLLECTION;
    return URI.create(url + collection + (cursor > 0 ? "&cursor=" + cursor : ""));
  }

  @Override
  public void run(Ingestor in, Lifecycle life) throws Exception {
    cursor = readCursor();
    savedCursor = cursor;
    if (cursor > 0) {
      LOG.info(
          "[bluesky] resuming from cursor {} ({})", cursor, Instant.EPOCH.plusNanos(cursor * 1000));
    }
    try {
      new Reconnector("bluesky", life, sleeper, in.metrics()).run(() -> connect(in, life));
    } finally {
      saveCursor(true);
    }
  }

  private Outcome connect(Ingestor in, Lifecycle life) throws InterruptedException {
    BlockingQueue<Object> events = new LinkedBlockingQueue<>(10_000);
    WebSocket ws;
    try {
      ws =
          http.newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(uri(), new Listener(events))
              .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof WebSocketHandshakeException h) {
        int status = h.getResponse().statusCode();
        Backoff.Kind kind = Backoff.ofStatus(status);
        return kind == null
            ? new Outcome.Fatal("Jetstream refused the connection with HTTP " + status)
            : new Outcome.Failed(kind, "HTTP " + status, false);
      }
      return new Outcome.Failed(Backoff.Kind.NETWORK, String.valueOf(c), false);
    } catch (TimeoutException e) {
      return new Outcome.Failed(Backoff.Kind.NETWORK, "connect timed out", false);
    }
    LOG.info("[bluesky] connected to {}", uri());
    try (AutoCloseable unregister = life.onStop(() -> events.offer(CLOSED))) {
      while (!life.stopping()) {
        Object e = events.poll(stall.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
          in.metrics().inc("bluesky", "stall");
          return new Outcome.Failed(
              Backoff.Kind.NETWORK, "no event for " + stall.toMillis() + " ms (stall)", true);
        }
        if (e == CLOSED || life.stopping()) {
          break;
        }
        if (e instanceof Throwable t) {
          return new Outcome.Failed(Backoff.Kind.NETWORK, "connection lost: " + t, true);
        }
        if (e instanceof Integer code) {
          return new Outcome.Failed(
              Backoff.Kind.NETWORK, "closed by the server (" + code + ")", true);
        }
        handle(in, (String) e);
        saveCursor(false);
      }
      return life.stopping()
          ? new Outcome.Stopped()
          : new Outcome.Failed(Backoff.Kind.NETWORK, "closed", true);
    } catch (Exception e) {
      return new Outcome.Failed(Backoff.Kind.NETWORK, e.toString(), true);
    } finally {
      ws.abort();
    }
  }

  /** One Jetstream event (public so the ingest-wide tests of the post rules can feed it). */
  public void handle(Ingestor in, String text) {
    in.read();
    JsonNode n;
    try {
      n = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      in.reject(text, Reject.malformed(e.getOriginalMessage()), null);
      return;
    }
    if (n == null || !n.isObject()) {
      in.reject(text, Reject.malformed("record is not a JSON object"), null);
      return;
    }
    long time = n.path("time_us").asLong(0);
    String did = n.path("did").asText(null);
    String kind = n.path("kind").asText("");
    try {
      switch (kind) {
        case "commit" -> commit(in, text, n, did, time);
        case "identity" -> {
          String handle = n.path("identity").path("handle").asText(null);
          if (did != null && handle != null) {
            handles.put(did, handle);
          }
          in.skip("notice.identity");
        }
        case "account" -> in.skip("notice.account");
        default ->
            in.reject(
                text,
                Reject.invalid(
                    "kind", "field 'kind' is '" + kind + "', expected commit, identity or account"),
                null);
      }
    } finally {
      cursor = Math.max(cursor, time);
    }
  }

  private void commit(Ingestor in, String text, JsonNode n, String did, long time) {
    JsonNode c = n.path("commit");
    if (did == null || did.isEmpty()) {
      in.reject(text, Reject.missing("did"), null);
      return;
    }
    if (!COLLECTION.equals(c.path("collection").asText())) {
      in.skip("collection");
      return;
    }
    String rkey = c.path("rkey").asText(null);
    if (rkey == null || rkey.isEmpty()) {
      in.reject(text, Reject.missing("commit.rkey"), null);
      return;
    }
    String id = "at://" + did + "/" + COLLECTION + "/" + rkey;
    String op = c.path("operation").asText("");
    if (op.equals("delete")) {
      in.delete(id);
      return;
    }
    if (!op.equals("create") && !op.equals("update")) {
      in.reject(
          text, Reject.invalid("commit.operation", "field 'commit.operation' is '" + op + "'"), id);
      return;
    }
    JsonNode r = c.path("record");
    String body = r.path("text").isTextual() ? r.path("text").asText() : null;
    Instant created = createdAt(r.path("createdAt").asText(null), time);
    JsonNode langs = r.path("langs");
    String lang = langs.isArray() && langs.size() > 0 ? langs.get(0).asText(null) : null;
    in.post(
        new SourcePost(
            id,
            created,
            body,
            lang,
            did,
            handles.get(did),
            "https://bsky.app/profile/" + did + "/post/" + rkey,
            List.of()),
        () -> text);
  }

  /** The record's createdAt, or the event time when it is missing or unreadable. */
  static Instant createdAt(String s, long timeUs) {
    if (s != null) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        // clients write odd times: fall back to when Jetstream saw it
      }
    }
    return timeUs > 0 ? Instant.EPOCH.plusNanos(timeUs * 1000) : null;
  }

  private long readCursor() {
    try {
      if (Files.exists(cursorFile)) {
        return Long.parseLong(Files.readString(cursorFile).strip());
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warn("[bluesky] ignoring unreadable cursor file {}: {}", cursorFile, e.toString());
    }
    return 0;
  }

  /** Saves the cursor at most once a second (always when {@code force}). */
  private void saveCursor(boolean force) {
    long now = System.nanoTime();
    if (cursor == savedCursor || (!force && now - savedAt < 1_000_000_000L)) {
      return;
    }
    try {
      Files.createDirectories(cursorFile.toAbsolutePath().getParent());
      Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
      Files.writeString(tmp, Long.toString(cursor), StandardCharsets.UTF_8);
      Files.move(
          tmp, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      savedCursor = cursor;
      savedAt = now;
    } catch (IOException e) {
      LOG.warn("[bluesky] cannot save the cursor to {}: {}", cursorFile, e.toString());
    }
  }

  /** Puts whole text messages, errors and close codes on the queue. */
  private static final class Listener implements WebSocket.Listener {
    private final BlockingQueue<Object> events;
    private final StringBuilder partial = new StringBuilder();

    Listener(BlockingQueue<Object> events) {
      this.events = events;
    }

    @Override
    public void onOpen(WebSocket ws) {
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String msg = partial.toString();
        partial.setLength(0);
        try {
          events.put(msg);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      ws.request(1);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      events.offer(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      events.offer(error);
    }
  }
}
