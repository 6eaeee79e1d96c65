package io.moodstream.rest.health;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The service's metrics, rendered in the Prometheus text format by {@link #render}: request counts
 * by endpoint and status, request latency and HBase read time histograms, SSE clients.
 */
public final class Metrics {
  /** Histogram bucket bounds, seconds. */
  static final double[] BOUNDS = {
    0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<String, Histogram> hbase = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> hbaseErrors = new ConcurrentHashMap<>();
  private volatile IntSupplier sseClients = () -> 0;
  private volatile IntSupplier livePollers = () -> 0;

  public void request(String endpoint, int status, long nanos) {
    requests.computeIfAbsent(endpoint + "\u0000" + status, k -> new LongAdder()).increment();
    latency.computeIfAbsent(endpoint, k -> new Histogram()).observe(nanos / 1e9);
  }

  public void hbaseRead(String operation, long nanos, boolean failed) {
    hbase.computeIfAbsent(operation, k -> new Histogram()).observe(nanos / 1e9);
    if (failed) {
      hbaseErrors.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }
  }

  public void sseClients(IntSupplier clients, IntSupplier pollers) {
    this.sseClients = clients;
    this.livePollers = pollers;
  }

  /** The Prometheus text exposition (format 0.0.4) of every metric. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("# HELP moodstream_http_requests_total HTTP requests by endpoint and status.\n");
    b.append("# TYPE moodstream_http_requests_total counter\n");
    new TreeMap<>(requests)
        .forEach(
            (k, v) -> {
              String[] p = k.split("\u0000");
              b.append("moodstream_http_requests_total{endpoint=\"")
                  .append(escape(p[0]))
                  .append("\",status=\"")
                  .append(p[1])
                  .append("\"} ")
                  .append(v.sum())
                  .append('\n');
            });
    histograms(
        b,
        "moodstream_http_request_duration_seconds",
        "HTTP request latency by endpoint (SSE: until the stream opens).",
        "endpoint",
        latency);
    histograms(
        b,
        "moodstream_hbase_read_duration_seconds",
        "HBase read (scan) time by operation.",
        "operation",
        hbase);
    b.append("# HELP moodstream_hbase_read_errors_total HBase reads that failed.\n");
    b.append("# TYPE moodstream_hbase_read_errors_total counter\n");
    new TreeMap<>(hbaseErrors)
        .forEach(
            (k, v) ->
                b.append("moodstream_hbase_read_errors_total{operation=\"")
                    .append(escape(k))
                    .append("\"} ")
                    .append(v.sum())
                    .append('\n'));
    b.append("# HELP moodstream_sse_clients Connected live (SSE) clients.\n");
    b.append("# TYPE moodstream_sse_clients gauge\n");
    b.append("moodstream_sse_clients ").append(sseClients.getAsInt()).append('\n');
    b.append("# HELP moodstream_live_pollers Live topics with a running HBase poller.\n");
    b.append("# TYPE moodstream_live_pollers gauge\n");
    b.append("moodstream_live_pollers ").append(livePollers.getAsInt()).append('\n');
    return b.toString();
  }

  private static void histograms(
      StringBuilder b, String name, String help, String label, Map<String, Histogram> hs) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" histogram\n");
    new TreeMap<>(hs)
        .forEach(
            (k, h) -> {
              String l = label + "=\"" + escape(k) + "\"";
              long cumulative = 0;
              for (int i = 0; i < BOUNDS.length; i++) {
                cumulative += h.buckets[i].sum();
                b.append(name)
                    .append("_bucket{")
                    .append(l)
                    .append(",le=\"")
                    .append(formatBound(BOUNDS[i]))
                    .append("\"} ")
                    .append(cumulative)
                    .append('\n');
              }
              cumulative += h.buckets[BOUNDS.length].sum();
              b.append(name).append("_bucket{").append(l).append(",le=\"+Inf\"} ");
              b.append(cumulative).append('\n');
              b.append(name).append("_sum{").append(l).append("} ");
              b.append(String.format(Locale.ROOT, "%.6f", h.sum.sum())).append('\n');
              b.append(name).append("_count{").append(l).append("} ");
              b.append(cumulative).append('\n');
            });
  }

  private static String formatBound(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static final class Histogram {
    final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
    final DoubleAdder sum = new DoubleAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      int i = 0;
      while (i < BOUNDS.length && seconds > BOUNDS[i]) {
        i++;
      }
      buckets[i].increment();
      sum.add(seconds);
    }
  }
}
