package io.moodstream.rest.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.rest.health.Exposition.Family;
import io.moodstream.rest.health.StreamStatus.Freshness;
import io.moodstream.storage.StatusFiles;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming job's status file as properly named and typed series, and its freshness. */
class StreamStatusTest {
  static final Instant NOW = Instant.parse("2026-11-24T21:56:30Z");

  /** What streaming's ProgressReporter writes (two queries). */
  static final String STATUS =
      """
      {
        "state" : "running",
        "updatedAt" : "2026-11-24T21:56:20Z",
        "postsTotal" : 5000,
        "latePostsTotal" : 12,
        "deadLettersTotal" : 3,
        "futureCreatedAtTotal" : 1,
        "duplicatePostsThisRun" : 40,
        "deletesTotal" : 0,
        "deleteDeadLetters" : 2,
        "someFutureField" : {"x": 1},
        "queries" : {
          "aggregates" : {
            "batchId" : 41, "timestamp" : "2026-11-24T21:56:19.500Z", "numInputRows" : 250,
            "inputRowsPerSecond" : 120.5, "processedRowsPerSecond" : 900.0,
            "batchDurationMs" : 1250, "watermark" : "2026-11-24T21:50:00Z",
            "posts" : 248, "latePosts" : 2, "duplicatePosts" : 4, "deadLetters" : 1,
            "futureCreatedAt" : 1, "unknownNumber" : 5
          },
          "deletes" : {
            "batchId" : 7, "timestamp" : "2026-11-24T21:56:10Z", "numInputRows" : 0,
            "inputRowsPerSecond" : 0.0, "processedRowsPerSecond" : 0.0,
            "batchDurationMs" : 30, "watermark" : null
          }
        }
      }
      """;

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  StreamStatus status(Path file) {
    return new StreamStatus(
        Optional.of(StreamStatusSource.of(file.toString())), new ObjectMapper(), clock);
  }

  static String text(MetricSnapshots s, String accept) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExpositionFormats.init().findWriter(accept).write(out, s);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void totalsAreCountersAndEachQuerysProgressGaugesWithAQueryLabelInBaseUnits(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("stream-status.json");
    Files.writeString(f, STATUS);
    MetricSnapshots snapshots = status(f).collect();

    // the client's own model: names and types
    Map<String, MetricSnapshot> byName = new java.util.TreeMap<>();
    snapshots.forEach(m -> byName.put(m.getMetadata().getPrometheusName(), m));
    assertThat(byName.get("moodstream_stream_late_posts")).isInstanceOf(CounterSnapshot.class);
    assertThat(byName.get("moodstream_stream_dead_letters")).isInstanceOf(CounterSnapshot.class);
    assertThat(byName.get("moodstream_stream_deletes")).isInstanceOf(CounterSnapshot.class);
    assertThat(byName.get("moodstream_stream_batch_duration_seconds"))
        .isInstanceOf(GaugeSnapshot.class);
    assertThat(byName).doesNotContainKeys("moodstream_stream_some_future_field");

    // the exposition, parsed strictly, in both formats
    for (Exposition.Format format : Exposition.Format.values()) {
      String accept =
          format == Exposition.Format.OPENMETRICS
              ? "application/openmetrics-text; version=1.0.0"
              : "text/plain; version=0.0.4";
      Map<String, Family> m = Exposition.parse(text(snapshots, accept), format);
      String counter = format == Exposition.Format.OPENMETRICS ? "" : "_total";
      Family late = m.get("moodstream_stream_late_posts" + counter);
      assertThat(late.type()).isEqualTo("counter");
      assertThat(late.value("moodstream_stream_late_posts_total", Map.of())).isEqualTo(12);
      assertThat(m.get("moodstream_stream_dead_letters" + counter).type()).isEqualTo("counter");
      Family duration = m.get("moodstream_stream_batch_duration_seconds");
      assertThat(duration.type()).isEqualTo("gauge");
      assertThat(duration.value(duration.name(), Map.of("query", "aggregates"))).isEqualTo(1.25);
      assertThat(duration.value(duration.name(), Map.of("query", "deletes"))).isEqualTo(0.03);
      Family watermark = m.get("moodstream_stream_watermark_timestamp_seconds");
      assertThat(watermark.value(watermark.name(), Map.of("query", "aggregates")))
          .isEqualTo(Instant.parse("2026-11-24T21:50:00Z").getEpochSecond());
      assertThat(watermark.find(watermark.name(), Map.of("query", "deletes")))
          .as("a null watermark is left out")
          .isEmpty();
      assertThat(m.get("moodstream_stream_posts" + counter).type()).isEqualTo("counter");
      assertThat(
              m.get("moodstream_stream_future_created_at" + counter)
                  .value("moodstream_stream_future_created_at_total", Map.of()))
          .isEqualTo(1);
      assertThat(
              m.get("moodstream_stream_duplicate_posts" + counter)
                  .value("moodstream_stream_duplicate_posts_total", Map.of()))
          .isEqualTo(40);
      assertThat(m.get("moodstream_stream_delete_dead_letters" + counter).type())
          .isEqualTo("counter");
      Family dups = m.get("moodstream_stream_batch_duplicate_posts");
      assertThat(dups.value(dups.name(), Map.of("query", "aggregates"))).isEqualTo(4);
      assertThat(dups.find(dups.name(), Map.of("query", "deletes")))
          .as("a field the query does not report is left out")
          .isEmpty();
      Family rows = m.get("moodstream_stream_batch_input_rows");
      assertThat(rows.value(rows.name(), Map.of("query", "aggregates"))).isEqualTo(250);
      Family id = m.get("moodstream_stream_last_batch_id");
      assertThat(id.value(id.name(), Map.of("query", "deletes"))).isEqualTo(7);
      Family age = m.get("moodstream_stream_status_age_seconds");
      assertThat(age.value(age.name(), Map.of())).isEqualTo(10.0);
      Family state = m.get("moodstream_stream_state");
      assertThat(state.value(state.name(), Map.of("state", "running"))).isEqualTo(1);
      assertThat(m.get("moodstream_stream_up").value("moodstream_stream_up", Map.of()))
          .isEqualTo(1);
      if (format == Exposition.Format.OPENMETRICS) {
        assertThat(duration.unit()).isEqualTo("seconds");
      }
      assertThat(m.keySet())
          .as("no metric name holds a query name or milliseconds")
          .noneMatch(n -> n.contains("aggregates") || n.endsWith("_ms"));
    }
  }

  @Test
  void aMissingOrBrokenStatusIsUpZeroAndNothingElse(@TempDir Path dir) throws Exception {
    Map<String, Family> missing =
        Exposition.parse(
            text(status(dir.resolve("none.json")).collect(), "text/plain"),
            Exposition.Format.PROMETHEUS);
    assertThat(missing.keySet()).containsExactly("moodstream_stream_up");
    assertThat(missing.get("moodstream_stream_up").value("moodstream_stream_up", Map.of()))
        .isZero();
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{not json");
    assertThat(
            Exposition.parse(
                    text(status(broken).collect(), "text/plain"), Exposition.Format.PROMETHEUS)
                .keySet())
        .containsExactly("moodstream_stream_up");
    assertThat(new StreamStatus(Optional.empty(), new ObjectMapper(), clock).collect().size())
        .as("no status configured: no series at all")
        .isZero();
  }

  @Test
  void freshnessFollowsTheConfiguredMaximumAge(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("stream-status.json");
    assertThat(status(f).freshness(Duration.ofMinutes(2))).isEqualTo(Freshness.MISSING);
    Files.writeString(f, STATUS); // updated 10 s before NOW
    assertThat(status(f).freshness(Duration.ofMinutes(2))).isEqualTo(Freshness.FRESH);
    assertThat(status(f).freshness(Duration.ofSeconds(5))).isEqualTo(Freshness.STALE);
    assertThat(status(f).freshness(Duration.ZERO)).isEqualTo(Freshness.NOT_CONFIGURED);
    Files.writeString(f, "[]");
    assertThat(status(f).freshness(Duration.ofMinutes(2))).isEqualTo(Freshness.UNREADABLE);
    assertThat(
            new StreamStatus(Optional.empty(), new ObjectMapper(), clock)
                .freshness(Duration.ofMinutes(2)))
        .isEqualTo(Freshness.NOT_CONFIGURED);
    assertThat(Freshness.STALE.ready()).isFalse();
    assertThat(Freshness.NOT_CONFIGURED.ready()).isTrue();
  }

  /** A status whose source says it was modified {@code modifiedAgo} before NOW. */
  StreamStatus status(String json, Duration modifiedAgo) {
    StatusFiles.Content c =
        new StatusFiles.Content(json.getBytes(StandardCharsets.UTF_8), NOW.minus(modifiedAgo));
    return new StreamStatus(Optional.of(() -> Optional.of(c)), new ObjectMapper(), clock);
  }

  @Test
  void withoutAReadableUpdatedAtTheModificationTimeDatesTheStatus() throws Exception {
    for (String json :
        java.util.List.of(
            "{\"state\" : \"running\"}",
            "{\"updatedAt\" : \"yesterday\"}",
            "{\"updatedAt\" : 1795557390}")) {
      StreamStatus s = status(json, Duration.ofSeconds(30));
      assertThat(s.freshness(Duration.ofMinutes(1))).as(json).isEqualTo(Freshness.FRESH);
      assertThat(s.freshness(Duration.ofSeconds(20))).as(json).isEqualTo(Freshness.STALE);
      Family age =
          Exposition.parse(text(s.collect(), "text/plain"), Exposition.Format.PROMETHEUS)
              .get("moodstream_stream_status_age_seconds");
      assertThat(age.value(age.name(), Map.of())).as(json).isEqualTo(30.0);
    }
    assertThat(
            status("{\"updatedAt\" : \"2026-11-24T21:56:20Z\"}", Duration.ofHours(1))
                .freshness(Duration.ofSeconds(20)))
        .as("a readable updatedAt wins over the modification time")
        .isEqualTo(Freshness.FRESH);
  }

  @Test
  void aQueryTimeThatIsNotAnInstantIsLeftOut() throws Exception {
    String json =
        """
        {"queries" : {
          "good" : {"timestamp" : "2026-11-24T21:56:19.500Z", "watermark" : 5},
          "bad" : {"timestamp" : "soon", "watermark" : "2026-11-24T21:50:00Z"}
        }}
        """;
    Map<String, Family> m =
        Exposition.parse(
            text(status(json, Duration.ZERO).collect(), "text/plain"),
            Exposition.Format.PROMETHEUS);
    Family progress = m.get("moodstream_stream_last_progress_timestamp_seconds");
    assertThat(progress.value(progress.name(), Map.of("query", "good"))).isEqualTo(1_795_557_379.5);
    assertThat(progress.find(progress.name(), Map.of("query", "bad"))).isEmpty();
    Family watermark = m.get("moodstream_stream_watermark_timestamp_seconds");
    assertThat(watermark.value(watermark.name(), Map.of("query", "bad")))
        .isEqualTo(Instant.parse("2026-11-24T21:50:00Z").getEpochSecond());
    assertThat(watermark.find(watermark.name(), Map.of("query", "good"))).isEmpty();
  }

  @Test
  void theStatusIsReadThroughStorageStatusFilesFromAPathOrAFileUri(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("stream-status.json");
    Files.writeString(f, STATUS);
    for (String location : java.util.List.of(f.toString(), f.toUri().toString())) {
      StatusFiles.Content s = StreamStatusSource.of(location).read().orElseThrow();
      assertThat(new String(s.bytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(STATUS);
    }
    assertThat(StreamStatusSource.of(dir.resolve("none.json").toUri().toString()).read()).isEmpty();
  }
}
