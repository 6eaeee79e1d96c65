package io.moodstream.ingest.source.twitter;

import io.moodstream.ingest.core.IngestSource;
import io.moodstream.ingest.core.Ingestor;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.Sleeper;
import io.moodstream.ingest.source.live.Backoff;
import io.moodstream.ingest.source.live.Reconnector;
import io.moodstream.ingest.source.live.Reconnector.Outcome;
import io.moodstream.schema.event.Reject;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twitter4j.ConnectionLifeCycleListener;
import twitter4j.FilterQuery;
import twitter4j.RawStreamListener;
import twitter4j.StallWarning;
import twitter4j.Status;
import twitter4j.StatusAdapter;
import twitter4j.StatusDeletionNotice;
import twitter4j.StatusListener;
import twitter4j.TwitterException;
import twitter4j.TwitterStream;
import twitter4j.TwitterStreamFactory;
import twitter4j.conf.ConfigurationBuilder;

/**
 * Twitter API v1.1 {@code statuses/filter} (track, follow, locations, languages) or {@code
 * statuses/sample} through twitter4j-stream, with OAuth 1.0a credentials from the environment.
 *
 * <p>twitter4j reconnects on its own with a backoff that is not Twitter's documented one (250 ms
 * doubling to 16 s for TCP errors, and 10 s doubling to 240 s for any HTTP error including
 * 420/429). So each connection is one twitter4j stream that is only allowed to try once: the first
 * error it reports (its listeners hear it before it starts its own wait) ends the attempt, the
 * stream's consumer thread is stopped with {@link TwitterStream#cleanUp()} so it never retries, and
 * the {@link Reconnector} waits as {@link Backoff} says before a fresh stream connects. The shared
 * twitter4j dispatcher is kept until the end, so statuses already read are still delivered. Stalls
 * are twitter4j's streaming read timeout, set to {@code ingest.stall.v1} (90 s).
 */
public final class TwitterV1Source implements IngestSource {
  static {
    // twitter4j logs through SLF4J (and so log4j2) rather than to stdout
    if (System.getProperty("twitter4j.loggerFactory") == null) {
      System.setProperty("twitter4j.loggerFactory", "twitter4j.SLF4JLoggerFactory");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(TwitterV1Source.class);

  /** OAuth 1.0a credentials. */
  public record Credentials(
      String consumerKey, String consumerSecret, String accessToken, String accessSecret) {
    @Override
    public String toString() {
      return "Credentials[******]";
    }
  }

  /**
   * @param method {@code filter} or {@code sample}
   * @param locations bounding boxes as {@code {{swLon, swLat}, {neLon, neLat}, ...}}
   */
  public record Query(
      String method,
      List<String> track,
      long[] follow,
      double[][] locations,
      List<String> languages) {}

  private final String streamBaseUrl;
  private final Credentials credentials;
  private final Query query;
  private final Duration stall;
  private final Sleeper sleeper;

  public TwitterV1Source(
      String streamBaseUrl, Credentials credentials, Query query, Duration stall, Sleeper sleeper) {
    this.streamBaseUrl = streamBaseUrl.endsWith("/") ? streamBaseUrl : streamBaseUrl + "/";
    this.credentials = credentials;
    this.query = query;
    this.stall = stall;
    this.sleeper = sleeper;
  }

  @Override
  public void run(Ingestor in, Lifecycle life) throws Exception {
    Listener listener = new Listener(in);
    try {
      new Reconnector("twitter-v1", life, sleeper, in.metrics())
          .run(
              () -> {
                Connection c = new Connection(listener);
                return attempt(newStream(listener, c), c, life);
              });
    } finally {
      // statuses already read are still on twitter4j's dispatcher thread: let them through.
      // (The shared dispatcher itself is left running: the JVM exits with the command.)
      listener.drain(Duration.ofSeconds(5));
    }
  }

  private TwitterStream newStream(Listener listener, Connection c) {
    ConfigurationBuilder cb =
        new ConfigurationBuilder()
            .setDebugEnabled(false)
            .setJSONStoreEnabled(false)
            .setAsyncNumThreads(1)
            .setStreamBaseURL(streamBaseUrl)
            .setHttpStreamingReadTimeout((int) Math.min(Integer.MAX_VALUE, stall.toMillis()))
            .setOAuthConsumerKey(credentials.consumerKey())
            .setOAuthConsumerSecret(credentials.consumerSecret())
            .setOAuthAccessToken(credentials.accessToken())
            .setOAuthAccessTokenSecret(credentials.accessSecret());
    TwitterStream ts = new TwitterStreamFactory(cb.build()).getInstance();
    ts.addConnectionLifeCycleListener(c);
    ts.addListener((StatusListener) listener);
    ts.addListener((RawStreamListener) c);
    ts.addListener(c.errors);
    return ts;
  }

  private Outcome attempt(TwitterStream ts, Connection l, Lifecycle life)
      throws InterruptedException {
    AutoCloseable unregister = life.onStop(() -> cleanUpLater(ts));
    try {
      if (query.method().equals("sample")) {
        ts.sample();
      } else {
        FilterQuery fq = new FilterQuery();
        if (!query.track().isEmpty()) {
          fq.track(query.track().toArray(String[]::new));
        }
        if (query.follow().length > 0) {
          fq.follow(query.follow());
        }
        if (query.locations().length > 0) {
          fq.locations(query.locations());
        }
        if (!query.languages().isEmpty()) {
          fq.language(query.languages().toArray(String[]::new));
        }
        ts.filter(fq);
      }
      while (!life.stopping()) {
        Outcome o = l.outcomes.poll(100, TimeUnit.MILLISECONDS);
        if (o != null) {
          return o;
        }
      }
      return new Outcome.Stopped();
    } finally {
      cleanUpLater(ts); // stops this stream's consumer thread: twitter4j never retries on its own
      try {
        unregister.close();
      } catch (Exception e) {
        LOG.debug("unregister: {}", e.toString());
      }
    }
  }

  /**
   * Closing a twitter4j stream can block while its HTTP body drains, so it happens on a daemon
   * thread; the consumer thread is marked closed at once and never reconnects.
   */
  private static void cleanUpLater(TwitterStream ts) {
    Thread t = new Thread(ts::cleanUp, "twitter4j-cleanup");
    t.setDaemon(true);
    t.start();
  }

  /** The data callbacks, shared by every stream of this source (one dispatcher thread). */
  private final class Listener implements StatusListener {
    /** How long the dispatcher must be idle before the lines read are taken as all delivered. */
    private static final Duration QUIET = Duration.ofMillis(200);

    private final Ingestor in;
    private volatile String lastRaw = "";
    private volatile long dispatched;
    private volatile long received;

    Listener(Ingestor in) {
      this.in = in;
    }

    /**
     * Waits until every line read so far went through the listeners. twitter4j hands a line's raw
     * and parsed callbacks to its dispatcher as one task, so a line still queued is not counted in
     * {@code received} yet: the counts must agree and {@code received} rest for {@link #QUIET}.
     */
    void drain(Duration max) throws InterruptedException {
      long deadline = System.nanoTime() + max.toNanos();
      long seen = -1;
      long since = System.nanoTime();
      while (System.nanoTime() < deadline) {
        long r = received;
        if (r != seen) {
          seen = r;
          since = System.nanoTime();
        } else if (dispatched >= r && System.nanoTime() - since >= QUIET.toNanos()) {
          return;
        }
        Thread.sleep(10);
      }
    }

    @Override
    public void onStatus(Status status) {
      in.post(StatusPosts.toPost(status), () -> lastRaw);
      dispatched++;
    }

    @Override
    public void onDeletionNotice(StatusDeletionNotice n) {
      in.delete(Long.toString(n.getStatusId()));
      dispatched++;
    }

    @Override
    public void onTrackLimitationNotice(int undelivered) {
      in.metrics().inc("twitter-v1", "notice.limit");
      in.metrics().add("twitter-v1", "limit.undelivered", undelivered);
      dispatched++;
    }

    @Override
    public void onScrubGeo(long userId, long upToStatusId) {
      in.skip("notice.scrub_geo");
      dispatched++;
    }

    @Override
    public void onStallWarning(StallWarning warning) {
      dispatched++; // counted from the raw line
    }

    @Override
    public void onException(Exception ex) {
      if (ex instanceof TwitterException te
          && !(te.getCause() instanceof twitter4j.JSONException)) {
        return; // the connection's listener handles it
      }
      // a line twitter4j could not read: a dead letter, and the stream goes on
      in.reject(lastRaw, Reject.malformed(String.valueOf(ex.getMessage())), null);
      dispatched++;
    }
  }

  /** One connection attempt: its raw lines, its end, and whether it was accepted. */
  private final class Connection implements RawStreamListener, ConnectionLifeCycleListener {
    private final Listener data;
    private final Ingestor in;
    final BlockingQueue<Outcome> outcomes = new ArrayBlockingQueue<>(1);
    private final AtomicBoolean connected = new AtomicBoolean();

    /** twitter4j may report one failure twice: only the first ends the attempt and counts. */
    private final AtomicBoolean ended = new AtomicBoolean();

    /** Hears the connection's errors (twitter4j tells them to status listeners only). */
    final StatusListener errors =
        new StatusAdapter() {
          @Override
          public void onException(Exception ex) {
            failure(ex);
          }
        };

    Connection(Listener data) {
      this.data = data;
      this.in = data.in;
    }

    @Override
    public void onMessage(String rawJson) {
      data.received++;
      data.lastRaw = rawJson;
      in.read();
      String s = rawJson.stripLeading();
      if (s.startsWith("{\"disconnect\"")) {
        disconnect(s);
      } else if (s.startsWith("{\"warning\"")) {
        in.metrics().inc("twitter-v1", "notice.warning");
        LOG.warn("[twitter-v1] {}", s);
      }
    }

    private void disconnect(String json) {
      in.metrics().inc("twitter-v1", "notice.disconnect");
      data.dispatched++;
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      // {"disconnect":{"code":4,"stream_name":"...","reason":"..."}}; 6 = token revoked
      boolean revoked = json.matches(".*\"code\"\\s*:\\s*6\\b.*");
      LOG.warn("[twitter-v1] disconnect notice: {}", json);
      outcomes.offer(
          revoked
              ? new Outcome.Fatal("Twitter revoked the access token (disconnect code 6): " + json)
              : new Outcome.Failed(Backoff.Kind.NETWORK, "disconnect notice " + json, true));
    }

    @Override
    public void onException(Exception ex) {
      // raw listeners hear stream errors too; the status listener 'errors' hears all of them
    }

    private void failure(Exception ex) {
      if (!(ex instanceof TwitterException te)
          || te.getCause() instanceof twitter4j.JSONException) {
        return; // a bad line: the data listener makes it a dead letter
      }
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      int status = te.getStatusCode();
      boolean stalled = te.getCause() instanceof SocketTimeoutException;
      Backoff.Kind kind = Backoff.ofStatus(status);
      outcomes.offer(
          kind == null
              ? new Outcome.Fatal(
                  "Twitter answered HTTP "
                      + status
                      + ": "
                      + te.getErrorMessage()
                      + (status == 401 ? " (check MOODSTREAM_INGEST_TWITTER_* credentials)" : "")
                      + (status == 403
                          ? " (the v1.1 streaming endpoints answer 403 since 2023)"
                          : ""))
              : new Outcome.Failed(
                  kind,
                  stalled
                      ? "no data for " + stall.toMillis() + " ms (stall)"
                      : status > 0
                          ? "HTTP " + status
                          : String.valueOf(te.getMessage())
                              .lines()
                              .findFirst()
                              .orElse("connection lost"),
                  connected.get()));
      if (stalled) {
        in.metrics().inc("twitter-v1", "stall");
      }
    }

    @Override
    public void onConnect() {
      connected.set(true);
      LOG.info("[twitter-v1] connected to {}statuses/{}", streamBaseUrl, query.method());
    }

    @Override
    public void onDisconnect() {}

    @Override
    public void onCleanUp() {}
  }
}
