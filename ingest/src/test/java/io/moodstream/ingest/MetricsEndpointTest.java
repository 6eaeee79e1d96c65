package io.moodstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.ingest.core.Metrics;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scrape endpoint of a running source: its counters as typed series, served over HTTP. */
class MetricsEndpointTest {
  static Map<String, MetricSnapshot> byName(MetricSnapshots s) {
    Map<String, MetricSnapshot> m = new TreeMap<>();
    s.forEach(x -> m.put(x.getMetadata().getPrometheusName(), x));
    return m;
  }

  static double counter(MetricSnapshot s, Labels labels) {
    return ((CounterSnapshot) s)
        .getDataPoints().stream()
            .filter(p -> p.getLabels().equals(labels))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no " + labels + " in " + s.getMetadata().getName()))
            .getValue();
  }

  @Test
  void theSourcesCountersBecomeLabelledCountersAndTheSpoolAGaugeInBytes() {
    Metrics m = new Metrics();
    m.add("x-v2", "read", 120);
    m.add("x-v2", "posts", 100);
    m.add("x-v2", "kafka.delivered", 103);
    m.add("x-v2", "kafka.spooled", 2);
    m.add("x-v2", "dlq.bad_json", 3);
    m.add("x-v2", "dlq.missing_text", 1);
    m.add("x-v2", "skipped.off_topic", 16);
    m.add("x-v2", "reconnect.http_503", 2);
    m.add("x-v2", "notice.disconnect", 1);
    m.add("bluesky", "read", 999); // another source's counters are not this endpoint's

    Map<String, MetricSnapshot> s =
        byName(MetricsEndpoint.snapshots("x-v2", m.snapshot(), 4_096, 0));
    assertThat(s.get("moodstream_ingest_received")).isInstanceOf(CounterSnapshot.class);
    assertThat(counter(s.get("moodstream_ingest_received"), Labels.of("source", "x-v2")))
        .isEqualTo(120);
    assertThat(counter(s.get("moodstream_ingest_produced"), Labels.of("source", "x-v2")))
        .isEqualTo(103);
    assertThat(counter(s.get("moodstream_ingest_spooled"), Labels.of("source", "x-v2")))
        .isEqualTo(2);
    assertThat(
            counter(
                s.get("moodstream_ingest_rejected"),
                Labels.of("reason", "bad_json", "source", "x-v2")))
        .isEqualTo(3);
    assertThat(
            counter(
                s.get("moodstream_ingest_rejected"),
                Labels.of("reason", "missing_text", "source", "x-v2")))
        .isEqualTo(1);
    assertThat(
            counter(
                s.get("moodstream_ingest_reconnects"),
                Labels.of("cause", "http_503", "source", "x-v2")))
        .isEqualTo(2);
    assertThat(counter(s.get("moodstream_ingest_deletes"), Labels.of("source", "x-v2")))
        .as("a counter never incremented is 0, not absent")
        .isZero();
    GaugeSnapshot spool = (GaugeSnapshot) s.get("moodstream_ingest_spool_bytes");
    assertThat(spool.getDataPoints().get(0).getValue()).isEqualTo(4_096);
    assertThat(spool.getMetadata().getUnit().toString()).isEqualTo("bytes");
  }

  @Test
  void theExporterServesTheSeriesOnAFreePortAndNegotiatesOpenMetrics(@TempDir Path dir)
      throws Exception {
    Metrics m = new Metrics();
    m.add("bluesky", "read", 7);
    m.add("bluesky", "reconnect.tcp", 1);
    try (MetricsEndpoint e =
        MetricsEndpoint.start("127.0.0.1", 0, "bluesky", m, () -> 123, 1 << 20)) {
      assertThat(e.port()).isPositive();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> text =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.port() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(text.statusCode()).isEqualTo(200);
      assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(text.body())
          .contains("# TYPE moodstream_ingest_received_total counter\n")
          .contains("moodstream_ingest_received_total{source=\"bluesky\"} 7.0\n")
          .contains("moodstream_ingest_reconnects_total{cause=\"tcp\",source=\"bluesky\"} 1.0\n")
          .contains("moodstream_ingest_spool_bytes{source=\"bluesky\"} 123.0\n")
          .contains("moodstream_ingest_spool_max_bytes{source=\"bluesky\"} 1048576.0\n")
          .contains("# TYPE jvm_memory_used_bytes gauge\n")
          .contains("# TYPE process_cpu_seconds_total counter\n");
      m.add("bluesky", "read", 3);
      HttpResponse<String> om =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.port() + "/metrics"))
                  .header("Accept", "application/openmetrics-text; version=1.0.0")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(om.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/openmetrics-text");
      assertThat(om.body())
          .contains("moodstream_ingest_received_total{source=\"bluesky\"} 10.0\n")
          .endsWith("# EOF\n");
    }
  }

  @Test
  void theMainStartsTheEndpointOnlyWhenAPortIsConfigured(@TempDir Path dir) throws Exception {
    java.io.PrintStream err =
        new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, "UTF-8");
    io.moodstream.ingest.kafka.Spool spool = io.moodstream.ingest.kafka.TestSpools.of(dir);
    io.moodstream.schema.config.MoodstreamConfig off =
        io.moodstream.schema.config.MoodstreamConfig.load(IngestConfig.KEYS, Map.of(), null);
    assertThat(IngestMain.startMetricsEndpoint(off, "synthetic", new Metrics(), spool, err))
        .as("off by default")
        .isNull();
    io.moodstream.schema.config.MoodstreamConfig on =
        io.moodstream.schema.config.MoodstreamConfig.load(
            IngestConfig.KEYS, Map.of("MOODSTREAM_INGEST_METRICS_PORT", "0"), null);
    try (MetricsEndpoint e =
        IngestMain.startMetricsEndpoint(on, "synthetic", new Metrics(), spool, err)) {
      assertThat(e).isNotNull();
      assertThat(e.port()).as("0 = a free port").isPositive();
    }
  }
}
