package io.moodstream.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.rest.api.RestJson;
import io.moodstream.rest.health.Metrics;
import io.moodstream.rest.health.StreamStatus;
import io.moodstream.rest.health.StreamStatusSource;
import io.moodstream.rest.http.ErrorLog;
import io.moodstream.rest.http.Guards;
import io.moodstream.rest.http.RateLimiter;
import io.moodstream.rest.live.LiveHub;
import io.moodstream.rest.query.ExtremesQuery;
import io.moodstream.rest.query.SeriesQuery;
import io.moodstream.rest.query.TopicCatalog;
import io.moodstream.rest.store.BucketChangeFeed;
import io.moodstream.rest.store.BucketStore;
import io.moodstream.rest.store.BulkheadBucketStore;
import io.moodstream.rest.store.HBaseBulkhead;
import io.moodstream.rest.store.MeasuredBucketStore;
import io.moodstream.rest.store.SettledBucketCache;
import io.moodstream.rest.store.StatusChangeFeed;
import io.moodstream.sentiment.SentimentScorer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything the resources need, built once from a store, the settings and a clock (tests pass an
 * in-memory store and a fixed clock).
 *
 * @param stopping set when the service starts stopping (the readiness probe then answers 503)
 */
public record RestServices(
    RestConfig.Settings settings,
    Clock clock,
    ObjectMapper json,
    Metrics metrics,
    BucketStore store,
    TopicCatalog catalog,
    SeriesQuery series,
    ExtremesQuery extremes,
    SentimentScorer scorer,
    LiveHub live,
    HBaseBulkhead hbase,
    Guards guards,
    StreamStatus streamStatus,
    ErrorLog errorLog,
    AtomicBoolean stopping)
    implements AutoCloseable {

  public static RestServices create(
      BucketStore rawStore, RestConfig.Settings settings, Clock clock) {
    ObjectMapper json = RestJson.mapper();
    Metrics metrics = new Metrics();
    // what the job reports it wrote refreshes those cached buckets at once (a backfill rewrites
    // nothing but settled minutes)
    BucketChangeFeed changes =
        settings
            .streamStatusFile()
            .<BucketChangeFeed>map(f -> new StatusChangeFeed(StreamStatusSource.of(f), json))
            .orElse(BucketChangeFeed.NONE);
    SettledBucketCache cache =
        new SettledBucketCache(
            new MeasuredBucketStore(rawStore, metrics), clock, settings.cacheMaxBytes(), changes);
    metrics.gauge(
        "moodstream_cache_bytes",
        "Estimated heap held by the settled-bucket cache.",
        () -> (int) Math.min(Integer.MAX_VALUE, cache.bytes()));
    HBaseBulkhead hbase =
        new HBaseBulkhead(
            settings.hbase().threads(),
            settings.hbase().queue(),
            settings.hbase().timeout(),
            metrics);
    LiveHub live =
        new LiveHub(
            new BulkheadBucketStore(cache, hbase, settings.hbase().timeout()),
            clock,
            settings.livePollInterval(),
            LiveHub.HEARTBEAT,
            json,
            settings.sse(),
            metrics::sseEvicted);
    metrics.sseClients(live::clients, live::pollers);
    RestConfig.RateLimits r = settings.rates();
    Guards guards =
        new Guards(
            new RateLimiter("score calls", r.scorePerSecond(), r.scoreBurst(), System::nanoTime),
            new RateLimiter(
                "long range reads",
                r.expensivePerMinute() / 60.0,
                r.expensiveBurst(),
                System::nanoTime),
            r.expensiveBuckets(),
            settings.responseMaxBytes());
    StreamStatus streamStatus =
        new StreamStatus(settings.streamStatusFile().map(StreamStatusSource::of), json, clock);
    metrics.register(streamStatus);
    return new RestServices(
        settings,
        clock,
        json,
        metrics,
        cache,
        new TopicCatalog(cache, clock),
        new SeriesQuery(cache),
        new ExtremesQuery(cache),
        SentimentScorer.standard(),
        live,
        hbase,
        guards,
        streamStatus,
        new ErrorLog(System::nanoTime),
        new AtomicBoolean());
  }

  @Override
  public void close() {
    stopping.set(true);
    live.close();
    hbase.close();
  }
}
