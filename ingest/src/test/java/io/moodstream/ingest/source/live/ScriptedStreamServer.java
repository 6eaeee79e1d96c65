package io.moodstream.ingest.source.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that speaks a streaming API the way the platforms do: each connection to the
 * stream path plays the next scripted {@link Step} — an HTTP error, or a 200 with a chunked body of
 * NDJSON lines ({@code \r\n}), blank keep-alive lines, pauses, a stall or a drop.
 */
public final class ScriptedStreamServer implements AutoCloseable {
  /** One connection's script. */
  public sealed interface Step {}

  /** Answers with an HTTP error. */
  public record Status(int code, String body) implements Step {}

  /** Answers 200 and plays the actions, then ends the response (the connection drops). */
  public record Stream(List<Object> actions) implements Step {
    /** A stream of these actions: lines (strings), {@link Pause}s and {@link Stall}s. */
    public static Stream of(Object... actions) {
      return new Stream(List.of(actions));
    }
  }

  /** In a Stream: pause this long (ms). */
  public record Pause(long ms) implements Step {}

  /** In a Stream: stop writing for this long (ms) without closing: a stall. */
  public record Stall(long ms) implements Step {}

  public static final String KEEP_ALIVE = "";

  /** A request the server received. */
  public record Request(
      String method, String uri, Map<String, List<String>> headers, String body) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Step> steps = new ConcurrentLinkedQueue<>();
  public final List<Request> requests = new CopyOnWriteArrayList<>();
  public final List<Long> connectNanos = new CopyOnWriteArrayList<>();

  public ScriptedStreamServer(String streamPath, List<Step> script) throws IOException {
    steps.addAll(script);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.createContext(streamPath, this::stream);
  }

  /** Another context (e.g. the rules endpoint). */
  public void handle(String path, com.sun.net.httpserver.HttpHandler h) {
    server.createContext(path, h);
  }

  public ScriptedStreamServer start() {
    server.start();
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int remainingSteps() {
    return steps.size();
  }

  private void stream(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(
        new Request(
            x.getRequestMethod(), x.getRequestURI().toString(), x.getRequestHeaders(), body));
    connectNanos.add(System.nanoTime());
    Step step = steps.poll();
    if (step == null) { // script done: a quiet stream with keep-alives until the client leaves
      step = new Stream(new ArrayList<>(List.of(new Stall(60_000))));
    }
    try {
      if (step instanceof Status s) {
        byte[] b = s.body().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(s.code(), b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
          x.getResponseBody().write(b);
        }
        x.close();
        return;
      }
      Stream st = (Stream) step;
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(200, 0); // chunked
      OutputStream out = x.getResponseBody();
      for (Object a : st.actions()) {
        if (a instanceof String line) {
          out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        } else if (a instanceof Pause p) {
          Thread.sleep(p.ms());
        } else if (a instanceof Stall s) {
          Thread.sleep(s.ms());
        } else if (a instanceof byte[] raw) {
          out.write(raw);
          out.write("\r\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
      x.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (it reconnects after a stall): fine
    } finally {
      x.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
