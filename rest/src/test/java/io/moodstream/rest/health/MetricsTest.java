package io.moodstream.rest.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.rest.health.Exposition.Family;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The service's registry: JVM and process metrics, HTTP and HBase series, gauges. */
class MetricsTest {
  final Metrics metrics = new Metrics();

  Map<String, Family> scrape(Exposition.Format f) throws Exception {
    return Exposition.parse(
        StreamStatusTest.text(
            metrics.registry().scrape(),
            f == Exposition.Format.OPENMETRICS
                ? "application/openmetrics-text; version=1.0.0"
                : "text/plain; version=0.0.4"),
        f);
  }

  @Test
  void jvmAndProcessMetricsAreExposed() throws Exception {
    Map<String, Family> m = scrape(Exposition.Format.PROMETHEUS);
    assertThat(m.get("jvm_memory_used_bytes").type()).isEqualTo("gauge");
    assertThat(m.get("jvm_memory_used_bytes").find("jvm_memory_used_bytes", Map.of("area", "heap")))
        .hasSize(1);
    assertThat(m.get("jvm_threads_current").type()).isEqualTo("gauge");
    assertThat(m.get("jvm_gc_collection_seconds").type()).isEqualTo("summary");
    assertThat(m.get("process_cpu_seconds_total").type()).isEqualTo("counter");
    assertThat(m.get("process_resident_memory_bytes").type()).isEqualTo("gauge");
    assertThat(m.get("process_start_time_seconds").type()).isEqualTo("gauge");
  }

  @Test
  void requestsAreCountedByEndpointAndStatusWithASecondsHistogram() throws Exception {
    metrics.request("/api/v1/series", 200, 2_000_000);
    metrics.request("/api/v1/series", 200, 30_000_000);
    metrics.request("/api/v1/series", 400, 100_000);
    metrics.request(Metrics.UNMATCHED, 404, 50_000);
    metrics.hbaseRead("agg_1m", 4_000_000, false);
    metrics.hbaseRead("agg_1m", 7_000_000_000L, true);
    metrics.rejected("rate_limited");
    metrics.sseEvicted("queue_full");

    Map<String, MetricSnapshot> model = new TreeMap<>();
    metrics.registry().scrape().forEach(s -> model.put(s.getMetadata().getPrometheusName(), s));
    assertThat(model.get("moodstream_http_requests")).isInstanceOf(CounterSnapshot.class);
    assertThat(model.get("moodstream_http_request_duration_seconds"))
        .isInstanceOf(HistogramSnapshot.class);

    for (Exposition.Format f : Exposition.Format.values()) {
      Map<String, Family> m = scrape(f);
      String c = f == Exposition.Format.PROMETHEUS ? "_total" : "";
      Family requests = m.get("moodstream_http_requests" + c);
      assertThat(requests.type()).isEqualTo("counter");
      assertThat(
              requests.value(
                  "moodstream_http_requests_total",
                  Map.of("endpoint", "/api/v1/series", "status", "200")))
          .isEqualTo(2);
      assertThat(
              requests.value(
                  "moodstream_http_requests_total",
                  Map.of("endpoint", "unmatched", "status", "404")))
          .isEqualTo(1);
      Family latency = m.get("moodstream_http_request_duration_seconds");
      assertThat(latency.type()).isEqualTo("histogram");
      Map<String, String> series = Map.of("endpoint", "/api/v1/series");
      assertThat(latency.value(latency.name() + "_count", series)).isEqualTo(3);
      assertThat(latency.value(latency.name() + "_sum", series)).isEqualTo(0.0321, within());
      assertThat(
              latency.value(
                  latency.name() + "_bucket", Map.of("endpoint", "/api/v1/series", "le", "0.0025")))
          .isEqualTo(2);
      Family hbase = m.get("moodstream_hbase_read_duration_seconds");
      assertThat(hbase.value(hbase.name() + "_bucket", Map.of("operation", "agg_1m", "le", "5.0")))
          .isEqualTo(1);
      assertThat(
              m.get("moodstream_hbase_read_errors" + c)
                  .value("moodstream_hbase_read_errors_total", Map.of("operation", "agg_1m")))
          .isEqualTo(1);
      assertThat(
              m.get("moodstream_http_rejected" + c)
                  .value("moodstream_http_rejected_total", Map.of("reason", "rate_limited")))
          .isEqualTo(1);
      assertThat(
              m.get("moodstream_sse_evictions" + c)
                  .value("moodstream_sse_evictions_total", Map.of("reason", "queue_full")))
          .isEqualTo(1);
      if (f == Exposition.Format.OPENMETRICS) {
        assertThat(latency.unit()).isEqualTo("seconds");
      }
    }
  }

  @Test
  void gaugesAreReadAtScrapeTime() throws Exception {
    int[] clients = {3};
    metrics.sseClients(() -> clients[0], () -> 1);
    Map<String, Family> m = scrape(Exposition.Format.PROMETHEUS);
    assertThat(m.get("moodstream_sse_clients").value("moodstream_sse_clients", Map.of()))
        .isEqualTo(3);
    clients[0] = 5;
    m = scrape(Exposition.Format.PROMETHEUS);
    assertThat(m.get("moodstream_sse_clients").value("moodstream_sse_clients", Map.of()))
        .isEqualTo(5);
    assertThat(m.get("moodstream_live_pollers").type()).isEqualTo("gauge");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
