package io.moodstream.ingest.source.xv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moodstream.ingest.core.FatalSourceException;
import io.moodstream.ingest.core.IngestSource;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.Sleeper;
import io.moodstream.ingest.source.live.Backoff;
import io.moodstream.ingest.source.live.LineStream;
import io.moodstream.ingest.source.live.Reconnector;
import io.moodstream.ingest.source.live.Reconnector.Outcome;
import io.moodstream.ingest.source.live.Watchdog;
import io.moodstream.ingest.source.replay.LineOutcome;
import io.moodstream.ingest.source.replay.XV2LineParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The X API v2 filtered stream. At start the stream rules are synced with the topics (one rule per
 * track term, tagged with the topic: missing ones added, stale ones deleted); then {@code GET
 * /2/tweets/search/stream} with {@code expansions=author_id} and {@code
 * tweet.fields=created_at,lang,author_id} is read line by line. Blank lines are the 20 s heartbeat;
 * three missed heartbeats are a stall; every failure reconnects as {@link Backoff} says.
 */
public final class XV2Source implements IngestSource {
  private static final Logger LOG = LoggerFactory.getLogger(XV2Source.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final String STREAM_QUERY =
      "tweet.fields=created_at,lang,author_id&expansions=author_id&user.fields=username";

  private final String baseUrl;
  private final String token;
  private final List<String> topics;
  private final Duration heartbeat;
  private final Sleeper sleeper;
  private final XV2LineParser parser = new XV2LineParser();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /**
   * @param baseUrl the API base, e.g. {@code https://api.x.com/2/}
   * @param heartbeat the heartbeat interval; the stream is stalled after three missed
   */
  public XV2Source(
      String baseUrl, String token, List<String> topics, Duration heartbeat, Sleeper sleeper) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    this.token = token;
    this.topics = List.copyOf(topics);
    this.heartbeat = heartbeat;
    this.sleeper = sleeper;
  }

  /** A rule as the API lists it. */
  public record Rule(String id, String value, String tag) {}

  /** What a sync does: rules to add and ids to delete. */
  public record Plan(List<Rule> add, List<Rule> delete) {
    public String describe() {
      List<String> lines = new ArrayList<>();
      add.forEach(r -> lines.add("stream rules: add " + r.value() + " (tag " + r.tag() + ")"));
      delete.forEach(
          r ->
              lines.add(
                  "stream rules: delete " + r.id() + " " + r.value() + " (tag " + r.tag() + ")"));
      return lines.isEmpty() ? "stream rules: no changes" : String.join("\n", lines);
    }
  }

  /**
   * The sync that leaves one rule per track term, the term as its value and as its tag (the topic):
   * missing ones added; stale, mis-tagged and repeated ones deleted.
   */
  static Plan plan(List<Rule> existing, List<String> topics) {
    Set<String> missing = new LinkedHashSet<>(topics);
    List<Rule> delete = new ArrayList<>();
    for (Rule r : existing) {
      if (!(r.value().equals(r.tag()) && missing.remove(r.value()))) {
        delete.add(r);
      }
    }
    return new Plan(missing.stream().map(t -> new Rule(null, t, t)).toList(), delete);
  }

  /**
   * Lists the rules, plans the sync and applies it (or, on a dry run, only asks the API to check
   * it); hands the plan's description to {@code report}.
   */
  public Plan syncRules(boolean dryRun, Consumer<String> report) throws IOException {
    String rules = "tweets/search/stream/rules";
    String change = rules + (dryRun ? "?dry_run=true" : "");
    JsonNode list = call("GET", rules, null);
    List<Rule> existing = new ArrayList<>();
    for (JsonNode r : list.path("data")) {
      existing.add(
          new Rule(r.path("id").asText(), r.path("value").asText(), r.path("tag").asText(null)));
    }
    Plan p = plan(existing, topics);
    if (!p.delete().isEmpty()) {
      ObjectNode body = MAPPER.createObjectNode();
      ArrayNode ids = body.putObject("delete").putArray("ids");
      p.delete().forEach(r -> ids.add(r.id()));
      call("POST", change, body);
    }
    if (!p.add().isEmpty()) {
      ObjectNode body = MAPPER.createObjectNode();
      ArrayNode add = body.putArray("add");
      p.add().forEach(r -> add.addObject().put("value", r.value()).put("tag", r.tag()));
      call("POST", change, body);
    }
    report.accept((dryRun ? "(dry run) " : "") + p.describe());
    return p;
  }

  private JsonNode call(String method, String path, JsonNode body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
    c.setRequestProperty("Authorization", "Bearer " + token);
    c.setRequestProperty("User-Agent", "moodstream-ingest");
    c.setConnectTimeout(10_000);
    c.setRequestMethod(method);
    c.setReadTimeout(30_000);
    if (body != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      try (OutputStream o = c.getOutputStream()) {
        o.write(MAPPER.writeValueAsBytes(body));
      }
    }
    int status = c.getResponseCode();
    InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
    String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    if (status >= 300) {
      throw new FatalSourceException(refused("X API " + method + " " + path, status, text));
    }
    JsonNode n = MAPPER.readTree(text);
    if (n.has("errors") && !n.has("data") && !n.has("meta")) {
      throw new FatalSourceException("X API " + method + " " + path + ": " + n.get("errors"));
    }
    return n;
  }

  /** What {@code who} answered when it refused a call; a 401 names the token's variable. */
  private static String refused(String who, int status, String body) {
    String hint = status == 401 ? " (check MOODSTREAM_INGEST_X_BEARER_TOKEN)" : "";
    return who + " answered HTTP " + status + ": " + body.strip() + hint;
  }

  @Override
  public void run(Ingestor in, Lifecycle life) throws Exception {
    syncRules(false, plan -> LOG.info("[x-v2] {}", plan.replace("\n", "; ")));
    new Reconnector("x-v2", life, sleeper, in.metrics()).run(() -> connect(in, life));
  }

  private Outcome connect(Ingestor in, Lifecycle life) {
    boolean connected = false;
    Duration silence = heartbeat.multipliedBy(3);
    try {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(baseUrl + "tweets/search/stream?" + STREAM_QUERY))
              .header("Authorization", "Bearer " + token)
              .header("User-Agent", "moodstream-ingest")
              .GET()
              .build();
      HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      int status = res.statusCode();
      if (status != 200) {
        String body;
        try (InputStream err = res.body()) {
          body = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        }
        Backoff.Kind kind = Backoff.ofStatus(status);
        if (kind == null) {
          return new Outcome.Fatal(refused("the X stream", status, body));
        }
        return new Outcome.Failed(kind, "HTTP " + status, false);
      }
      connected = true;
      LOG.info("[x-v2] connected to the filtered stream");
      InputStream body = res.body();
      Watchdog dog = new Watchdog(silence, body);
      try (body;
          dog;
          AutoCloseable unregister = life.onStop(body::close)) {
        LineStream lines = new LineStream(body);
        byte[] line;
        while ((line = lines.next()) != null) {
          dog.activity();
          if (life.stopping()) {
            return new Outcome.Stopped();
          }
          if (LineStream.isKeepAlive(line, 0, line.length)) {
            continue; // heartbeat
          }
          Outcome o = handle(in, line);
          if (o != null) {
            return o;
          }
        }
      } catch (IOException e) {
        if (!life.stopping() && !dog.fired()) {
          throw e;
        }
      }
      if (dog.fired() && !life.stopping()) {
        throw new SocketTimeoutException("stall");
      }
      return life.stopping()
          ? new Outcome.Stopped()
          : new Outcome.Failed(Backoff.Kind.NETWORK, "the stream ended", true);
    } catch (SocketTimeoutException e) {
      in.metrics().inc("x-v2", "stall");
      return new Outcome.Failed(
          Backoff.Kind.NETWORK,
          "no data or heartbeat for " + silence.toMillis() + " ms (stall)",
          connected);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Stopped();
    } catch (Exception e) {
      if (life.stopping()) {
        return new Outcome.Stopped();
      }
      return new Outcome.Failed(Backoff.Kind.NETWORK, e.toString(), connected);
    }
  }

  /** One line of the stream; a non-null outcome ends the connection. */
  private Outcome handle(Ingestor in, byte[] line) {
    in.read();
    LineOutcome p = parser.parse(line, 0, line.length);
    if (p instanceof LineOutcome.AsPost post) {
      in.post(post.post(), () -> new String(line, StandardCharsets.UTF_8));
    } else if (p instanceof LineOutcome.Skip) {
      // {"errors":[...]}: an operational disconnect ends the connection; other errors are notices
      String text = new String(line, StandardCharsets.UTF_8);
      in.metrics().inc("x-v2", "notice.errors");
      if (text.contains("operational-disconnect") || text.contains("OperationalDisconnect")) {
        in.metrics().inc("x-v2", "notice.disconnect");
        return new Outcome.Failed(Backoff.Kind.NETWORK, "disconnect notice: " + text, true);
      }
      LOG.warn("[x-v2] stream error notice: {}", text);
    } else if (p instanceof LineOutcome.Bad b) {
      in.reject(new String(line, StandardCharsets.UTF_8), b.reject(), b.key());
    } else if (p instanceof LineOutcome.AsDelete d) {
      in.delete(d.id());
    }
    return null;
  }
}
