package io.moodstream.rest.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.storage.StatusFiles;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming job's status file ({@code ProgressReporter} in the streaming module) as properly
 * named and typed Prometheus series, read at scrape time: its running totals ({@code xxxTotal}, and
 * the run's duplicates and delete dead letters) as counters {@code moodstream_stream_xxx_total},
 * each query's last progress as gauges with a {@code query} label in base units (seconds, epoch
 * seconds), the job's state, the status's age, and {@code moodstream_stream_up} (1 when the status
 * was read). Fields it does not know are left out. Also says whether the status is fresh, for the
 * readiness probe.
 */
public final class StreamStatus implements MultiCollector {
  private static final Logger LOG = LoggerFactory.getLogger(StreamStatus.class);

  /** What a query's progress fields become: metric name, help, unit and how to read the value. */
  private record QueryGauge(String name, String help, Unit unit, ToDoubleFunction<JsonNode> value) {
    /** A gauge without a unit: counts, rates, ids, epoch seconds. */
    QueryGauge(String name, String help, ToDoubleFunction<JsonNode> value) {
      this(name, help, null, value);
    }
  }

  private static final List<QueryGauge> QUERY_GAUGES =
      List.of(
          new QueryGauge(
              "moodstream_stream_last_batch_id",
              "Id of the query's last reported micro-batch.",
              q -> number(q, "batchId")),
          new QueryGauge(
              "moodstream_stream_last_progress_timestamp_seconds",
              "When the query's last progress was reported, epoch seconds.",
              q -> instantSeconds(q, "timestamp")),
          new QueryGauge(
              "moodstream_stream_batch_input_rows",
              "Rows (posts or deletes) the query's last micro-batch read.",
              q -> number(q, "numInputRows")),
          new QueryGauge(
              "moodstream_stream_input_rows_per_second",
              "Rate at which rows arrived during the query's last micro-batch.",
              q -> number(q, "inputRowsPerSecond")),
          new QueryGauge(
              "moodstream_stream_processed_rows_per_second",
              "Rate at which the query's last micro-batch processed rows.",
              q -> number(q, "processedRowsPerSecond")),
          new QueryGauge(
              "moodstream_stream_batch_duration_seconds",
              "Duration of the query's last micro-batch.",
              Unit.SECONDS,
              q -> number(q, "batchDurationMs") / 1000.0),
          new QueryGauge(
              "moodstream_stream_watermark_timestamp_seconds",
              "The query's event-time watermark, epoch seconds.",
              q -> instantSeconds(q, "watermark")),
          new QueryGauge(
              "moodstream_stream_batch_posts",
              "Posts the query's last micro-batch counted.",
              q -> number(q, "posts")),
          new QueryGauge(
              "moodstream_stream_batch_late_posts",
              "Posts of the query's last micro-batch that arrived behind the watermark.",
              q -> number(q, "latePosts")),
          new QueryGauge(
              "moodstream_stream_batch_duplicate_posts",
              "Posts of the query's last micro-batch dropped as re-sent duplicates.",
              q -> number(q, "duplicatePosts")),
          new QueryGauge(
              "moodstream_stream_batch_dead_letters",
              "Records of the query's last micro-batch sent to the dead-letter topic.",
              q -> number(q, "deadLetters")),
          new QueryGauge(
              "moodstream_stream_batch_future_created_at",
              "Posts of the query's last micro-batch dated too far ahead (dead letters).",
              q -> number(q, "futureCreatedAt")),
          new QueryGauge(
              "moodstream_stream_batch_late_rows",
              "Rows the query's last micro-batch's state operators dropped as late.",
              q -> number(q, "lateRows")));

  /**
   * Running counts of the status that are not named {@code xxxTotal}: the field and the counter it
   * becomes.
   */
  private static final Map<String, String> OTHER_COUNTERS =
      Map.of(
          "duplicatePostsThisRun", "moodstream_stream_duplicate_posts",
          "deleteDeadLetters", "moodstream_stream_delete_dead_letters");

  /** Whether the status is fresh enough for the readiness probe. */
  public enum Freshness {
    NOT_CONFIGURED,
    FRESH,
    STALE,
    MISSING,
    UNREADABLE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean ready() {
      return this == NOT_CONFIGURED || this == FRESH;
    }
  }

  private final StreamStatusSource source;
  private final boolean configured;
  private final ObjectMapper json;
  private final Clock clock;

  public StreamStatus(Optional<StreamStatusSource> source, ObjectMapper json, Clock clock) {
    this.source = source.orElse(StreamStatusSource.NONE);
    this.configured = source.isPresent();
    this.json = json;
    this.clock = clock;
  }

  /** The parsed status with the instant it was last updated. */
  record Parsed(JsonNode root, Instant updatedAt) {}

  private Optional<Parsed> parsed() throws IOException {
    Optional<StatusFiles.Content> s = source.read();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    JsonNode root = json.readTree(s.get().bytes());
    if (root == null || !root.isObject()) {
      throw new IOException("the status is not a JSON object");
    }
    Instant updated = instant(root.get("updatedAt")); // else the file's modification time
    return Optional.of(new Parsed(root, updated != null ? updated : s.get().modified()));
  }

  /** FRESH when the status was updated at most {@code maxAge} ago ({@code 0}: not checked). */
  public Freshness freshness(Duration maxAge) {
    if (!configured || maxAge.isZero()) {
      return Freshness.NOT_CONFIGURED;
    }
    try {
      Optional<Parsed> p = parsed();
      if (p.isEmpty()) {
        return Freshness.MISSING;
      }
      return Duration.between(p.get().updatedAt(), clock.instant()).compareTo(maxAge) <= 0
          ? Freshness.FRESH
          : Freshness.STALE;
    } catch (IOException | RuntimeException e) {
      return Freshness.UNREADABLE;
    }
  }

  @Override
  public MetricSnapshots collect() {
    if (!configured) {
      return MetricSnapshots.of();
    }
    Optional<Parsed> p;
    try {
      p = parsed();
    } catch (IOException | RuntimeException e) {
      LOG.debug("stream status unreadable: {}", e.toString());
      p = Optional.empty();
    }
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(
        gauge(
            "moodstream_stream_up",
            "1 when the streaming job's status could be read, else 0.",
            null,
            Map.of(Labels.EMPTY, p.isPresent() ? 1.0 : 0.0)));
    if (p.isEmpty()) {
      return new MetricSnapshots(out);
    }
    JsonNode root = p.get().root();
    double age = Duration.between(p.get().updatedAt(), clock.instant()).toMillis() / 1000.0;
    out.add(
        gauge(
            "moodstream_stream_status_age_seconds",
            "Time since the streaming job last updated its status.",
            Unit.SECONDS,
            Map.of(Labels.EMPTY, Math.max(0, age))));
    JsonNode state = root.get("state");
    if (state != null && state.isTextual()) {
      out.add(
          gauge(
              "moodstream_stream_state",
              "The streaming job's state (starting, running, ...), as a label; always 1.",
              null,
              Map.of(Labels.of("state", state.asText()), 1.0)));
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      String name =
          key.endsWith("Total") && key.length() > 5
              ? "moodstream_stream_" + snake(key.substring(0, key.length() - 5))
              : OTHER_COUNTERS.get(key); // null: not a counter
      if (name != null && e.getValue().isNumber()) {
        out.add(
            CounterSnapshot.builder()
                .name(name)
                .help("The streaming job's " + key + " since it started.")
                .dataPoint(
                    CounterDataPointSnapshot.builder().value(e.getValue().asDouble()).build())
                .build());
      }
    }
    JsonNode queries = root.get("queries");
    if (queries != null && queries.isObject()) {
      for (QueryGauge g : QUERY_GAUGES) {
        Map<Labels, Double> points = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> q : queries.properties()) {
          double v = g.value().applyAsDouble(q.getValue());
          if (!Double.isNaN(v)) {
            points.put(Labels.of("query", q.getKey()), v);
          }
        }
        if (!points.isEmpty()) {
          out.add(gauge(g.name(), g.help(), g.unit(), points));
        }
      }
    }
    return new MetricSnapshots(out);
  }

  private static GaugeSnapshot gauge(String name, String help, Unit unit, Map<Labels, Double> pts) {
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
    if (unit != null) {
      b.unit(unit);
    }
    pts.forEach((l, v) -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(v).build()));
    return b.build();
  }

  private static double number(JsonNode q, String field) {
    JsonNode n = q.get(field);
    return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
  }

  private static double instantSeconds(JsonNode q, String field) {
    Instant i = instant(q.get(field));
    return i == null ? Double.NaN : i.toEpochMilli() / 1000.0;
  }

  /** The ISO-8601 instant a text node holds; null for no node, another type or another text. */
  private static Instant instant(JsonNode n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code deadLetters} → {@code dead_letters}. */
  static String snake(String key) {
    String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    return snake.replaceAll("[^a-z0-9_]", "_");
  }
}
