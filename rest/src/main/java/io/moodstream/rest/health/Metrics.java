package io.moodstream.rest.health;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.function.IntSupplier;

/**
 * The service's metrics in a Prometheus client registry of its own (one per service, so tests can
 * run several): JVM and process metrics, HTTP requests by endpoint (the route template) and status,
 * request latency and HBase read time histograms in seconds, rejections by reason, SSE clients and
 * evictions, the HBase bulkhead, and whatever collectors are added (the streaming job's status).
 * Every name, type and label is listed in docs/OPERATIONS.md.
 */
public final class Metrics {
  /** Histogram bucket bounds, seconds. */
  static final double[] BOUNDS = {
    0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  /** The endpoint label of requests answered before any route matched. */
  public static final String UNMATCHED = "unmatched";

  /** The endpoint label of the dashboard's static files. */
  public static final String STATIC = "static";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram latency;
  private final Histogram hbase;
  private final Counter hbaseErrors;
  private final Counter rejected;
  private final Counter sseEvictions;

  /** With the JVM and process metrics. */
  public Metrics() {
    JvmMetrics.builder().register(registry);
    requests =
        Counter.builder()
            .name("moodstream_http_requests_total")
            .help("HTTP requests by endpoint (route template) and status, errors included.")
            .labelNames("endpoint", "status")
            .register(registry);
    latency =
        Histogram.builder()
            .name("moodstream_http_request_duration_seconds")
            .unit(Unit.SECONDS)
            .help("HTTP request latency by endpoint, until the body starts (SSE: until it opens).")
            .labelNames("endpoint")
            .classicOnly()
            .classicUpperBounds(BOUNDS)
            .register(registry);
    hbase =
        Histogram.builder()
            .name("moodstream_hbase_read_duration_seconds")
            .unit(Unit.SECONDS)
            .help("HBase read (scan) time by operation.")
            .labelNames("operation")
            .classicOnly()
            .classicUpperBounds(BOUNDS)
            .register(registry);
    hbaseErrors =
        Counter.builder()
            .name("moodstream_hbase_read_errors_total")
            .help("HBase reads that failed, by operation.")
            .labelNames("operation")
            .register(registry);
    rejected =
        Counter.builder()
            .name("moodstream_http_rejected_total")
            .help(
                "Requests refused to protect the service, by reason (rate_limited, sse_full,"
                    + " sse_address_full, hbase_busy, hbase_timeout, too_large, unauthorized).")
            .labelNames("reason")
            .register(registry);
    sseEvictions =
        Counter.builder()
            .name("moodstream_sse_evictions_total")
            .help(
                "Live clients disconnected by the service, by reason (queue_full, write_timeout).")
            .labelNames("reason")
            .register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public void request(String endpoint, int status, long nanos) {
    requests.labelValues(endpoint, Integer.toString(status)).inc();
    latency.labelValues(endpoint).observe(nanos / 1e9);
  }

  public void hbaseRead(String operation, long nanos, boolean failed) {
    hbase.labelValues(operation).observe(nanos / 1e9);
    if (failed) {
      hbaseErrors.labelValues(operation).inc();
    }
  }

  public void rejected(String reason) {
    rejected.labelValues(reason).inc();
  }

  public void sseEvicted(String reason) {
    sseEvictions.labelValues(reason).inc();
  }

  /** A gauge read at scrape time. */
  public void gauge(String name, String help, IntSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.getAsInt()))
        .register(registry);
  }

  public void sseClients(IntSupplier clients, IntSupplier pollers) {
    gauge("moodstream_sse_clients", "Connected live (SSE) clients.", clients);
    gauge("moodstream_live_pollers", "Live topics with a running HBase poller.", pollers);
  }

  public void register(MultiCollector collector) {
    registry.register(collector);
  }
}
