package io.moodstream.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.rest.api.RestJson;
import io.moodstream.rest.health.Metrics;
import io.moodstream.rest.live.LiveHub;
import io.moodstream.rest.query.ExtremesQuery;
import io.moodstream.rest.query.SeriesQuery;
import io.moodstream.rest.query.TopicCatalog;
import io.moodstream.rest.store.BucketStore;
import io.moodstream.rest.store.MeasuredBucketStore;
import io.moodstream.rest.store.SettledBucketCache;
import io.moodstream.sentiment.SentimentScorer;
import java.time.Clock;

/**
 * Everything the resources need, built once from a store, the settings and a clock (tests pass an
 * in-memory store and a fixed clock).
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
    LiveHub live)
    implements AutoCloseable {

  public static RestServices create(
      BucketStore rawStore, RestConfig.Settings settings, Clock clock) {
    ObjectMapper json = RestJson.mapper();
    Metrics metrics = new Metrics();
    BucketStore store = new SettledBucketCache(new MeasuredBucketStore(rawStore, metrics), clock);
    LiveHub live = new LiveHub(store, clock, settings.livePollInterval(), LiveHub.HEARTBEAT, json);
    metrics.sseClients(live::clients, live::pollers);
    return new RestServices(
        settings,
        clock,
        json,
        metrics,
        store,
        new TopicCatalog(store, clock),
        new SeriesQuery(store),
        new ExtremesQuery(store),
        SentimentScorer.standard(),
        live);
  }

  @Override
  public void close() {
    live.close();
  }
}
