package io.moodstream.ingest;

import io.moodstream.ingest.core.Metrics;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The Prometheus scrape endpoint of a long-running ingest source ({@code ingest.metrics.port}, off
 * by default; 0 picks a free port, logged): the Prometheus client's HTTP server exporter with the
 * JVM and process metrics and the source's counters, read at scrape time from {@link Metrics}:
 * received, produced (posts and deletes), delivered to and spooled for Kafka, rejected and skipped
 * by reason, reconnects by cause, notices by kind, stalls, and the spool's bytes and bound. Also
 * answers {@code /-/healthy}.
 */
public final class MetricsEndpoint implements AutoCloseable {
  /**
   * A counter name of {@link Metrics} and its series; with a {@code label}, {@code key} is the
   * prefix of a labelled family: the rest of each counter's name is the label's value.
   */
  private record Family(String key, String name, String label, String help) {}

  private static final List<Family> FAMILIES =
      List.of(
          new Family("read", "moodstream_ingest_received", null, "Records read from the source."),
          new Family("posts", "moodstream_ingest_posts", null, "Posts produced to Kafka."),
          new Family(
              "deletes", "moodstream_ingest_deletes", null, "Delete events produced to Kafka."),
          new Family(
              "kafka.delivered",
              "moodstream_ingest_produced",
              null,
              "Records Kafka acknowledged (posts, deletes and dead letters)."),
          new Family(
              "kafka.spooled",
              "moodstream_ingest_spooled",
              null,
              "Records Kafka did not take in time, written to the local spool for re-sending."),
          new Family(
              "kafka.resent", "moodstream_ingest_resent", null, "Records re-sent from the spool."),
          new Family(
              "dlq.",
              "moodstream_ingest_rejected",
              "reason",
              "Records sent to the dead-letter topic, by reason."),
          new Family(
              "skipped.",
              "moodstream_ingest_skipped",
              "reason",
              "Records skipped without a dead letter (notices, off-topic), by reason."),
          new Family(
              "reconnect.",
              "moodstream_ingest_reconnects",
              "cause",
              "Reconnections to the source, by cause."),
          new Family(
              "notice.", "moodstream_ingest_notices", "kind", "Stream notices received, by kind."),
          new Family(
              "stall", "moodstream_ingest_stalls", null, "Times the stream went silent too long."));

  private final HTTPServer server;

  private MetricsEndpoint(HTTPServer server) {
    this.server = server;
  }

  /**
   * Starts the exporter on {@code bindAddress:port} (0 = a free port), with the spool's size read
   * from {@code spoolBytes} and its bound ({@code spoolMaxBytes}, 0 = none).
   */
  static MetricsEndpoint start(
      String bindAddress,
      int port,
      String source,
      Metrics metrics,
      LongSupplier spoolBytes,
      long spoolMaxBytes)
      throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    // the source's counters as Prometheus series, read when scraped
    MultiCollector counters =
        () -> snapshots(source, metrics.snapshot(), spoolBytes.getAsLong(), spoolMaxBytes);
    registry.register(counters);
    return new MetricsEndpoint(
        HTTPServer.builder().hostname(bindAddress).port(port).registry(registry).buildAndStart());
  }

  public int port() {
    return server.getPort();
  }

  /**
   * The series of one source's counters ({@code source/name → value}), its spool's bytes and the
   * spool's bound.
   */
  static MetricSnapshots snapshots(
      String source, Map<String, Long> counters, long spoolBytes, long spoolMaxBytes) {
    List<MetricSnapshot> out = new ArrayList<>();
    String own = source + "/";
    for (Family f : FAMILIES) {
      Map<Labels, Long> points = new LinkedHashMap<>();
      String key = own + f.key();
      if (f.label() == null) {
        points.put(Labels.of("source", source), counters.getOrDefault(key, 0L));
      } else {
        counters.forEach(
            (k, v) -> {
              if (k.startsWith(key)) {
                points.put(Labels.of("source", source, f.label(), k.substring(key.length())), v);
              }
            });
      }
      if (points.isEmpty()) {
        continue;
      }
      CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name()).help(f.help());
      points.forEach(
          (l, v) -> b.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(v).build()));
      out.add(b.build());
    }
    out.add(
        GaugeSnapshot.builder()
            .name("moodstream_ingest_spool_bytes")
            .unit(Unit.BYTES)
            .help("Bytes waiting in the local spool for Kafka.")
            .dataPoint(
                GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("source", source))
                    .value(spoolBytes)
                    .build())
            .build());
    if (spoolMaxBytes > 0) {
      out.add(
          GaugeSnapshot.builder()
              .name("moodstream_ingest_spool_max_bytes")
              .unit(Unit.BYTES)
              .help("The spool's bound: when it is reached, new records are refused.")
              .dataPoint(
                  GaugeDataPointSnapshot.builder()
                      .labels(Labels.of("source", source))
                      .value(spoolMaxBytes)
                      .build())
              .build());
    }
    return new MetricSnapshots(out);
  }

  @Override
  public void close() {
    server.close();
  }
}
