package io.moodstream.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestorTest {
  final RecordingSink sink = new RecordingSink();
  final Metrics metrics = new Metrics();
  final Ingestor in =
      new Ingestor(
          Source.REPLAY,
          TopicMatcher.of(List.of("coffee", "tea")),
          sink,
          metrics,
          Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));
  final Instant t = Instant.parse("2026-11-24T11:00:00Z");

  @Test
  void aPostGetsItsTopicsPlusAll() {
    in.post(
        new SourcePost("1", t, "Coffee time ☕", "en", "u1", "alice", null, List.of()), () -> "raw");
    PostEvent e = sink.posts.get(0);
    assertThat(e.topics()).containsExactly("all", "coffee");
    assertThat(e.author().handle()).isEqualTo("alice");
    assertThat(metrics.get("replay", "posts")).isEqualTo(1);
  }

  @Test
  void platformTagsAddOnlyConfiguredTopics() {
    in.post(
        new SourcePost("1", t, "nothing here", "und", "u1", null, null, List.of("TEA", "other")),
        () -> "");
    assertThat(sink.posts.get(0).topics()).containsExactly("all", "tea");
    assertThat(sink.posts.get(0).lang()).isNull();
  }

  @Test
  void invalidPostsBecomeDeadLettersWithTheirReason() {
    in.post(new SourcePost(null, t, "x", "en", "u", "h", null, List.of()), () -> "{no id}");
    in.post(new SourcePost("2", t, "x", "en", null, "h", null, List.of()), () -> "{no author}");
    in.post(
        new SourcePost("3", t, "x".repeat(1_000_001), "en", "u", "h", null, List.of()),
        () -> "big");
    in.post(new SourcePost("4", null, "x", "en", "u", "h", null, List.of()), () -> "{no time}");
    assertThat(sink.posts).isEmpty();
    assertThat(sink.dead)
        .extracting(d -> d.reason())
        .containsExactly(
            "required field 'id' is missing",
            "required field 'author.id' is missing",
            "field 'text' is 1000001 characters, more than the limit of 100000",
            "required field 'created_at' is missing");
    assertThat(sink.dead.get(0).raw()).isEqualTo("{no id}");
    assertThat(sink.dead.get(0).source()).isEqualTo("replay");
    assertThat(metrics.get("replay", "dlq.missing-field")).isEqualTo(3);
    assertThat(metrics.get("replay", "dlq.text-too-long")).isEqualTo(1);
  }

  @Test
  void aPostDatedAheadOfIngestsClockByMoreThanTheSkewIsADeadLetter() {
    Instant now = Instant.parse("2026-11-24T12:00:00Z"); // the fixed clock
    in.post(
        new SourcePost("5", now.plusSeconds(300), "just inside", "en", "u", "h", null, List.of()),
        () -> "ok");
    in.post(
        new SourcePost(
            "6",
            Instant.parse("2100-01-01T00:00:00Z"),
            "hello 2100",
            "en",
            "u",
            "h",
            null,
            List.of()),
        () -> "{2100}");
    assertThat(sink.posts).extracting(PostEvent::id).containsExactly("5");
    assertThat(sink.dead).hasSize(1);
    assertThat(sink.dead.get(0).reason())
        .isEqualTo(
            "future-created-at: field 'createdAt' is 2100-01-01T00:00:00Z, more than 5m after"
                + " ingest's clock 2026-11-24T12:00:00Z");
    assertThat(sink.dead.get(0).raw()).isEqualTo("{2100}");
    assertThat(metrics.get("replay", "dlq.future-created-at")).isEqualTo(1);

    Ingestor strict =
        new Ingestor(
            Source.REPLAY,
            TopicMatcher.of(List.of()),
            sink,
            metrics,
            Clock.fixed(now, ZoneOffset.UTC),
            java.time.Duration.ZERO);
    strict.post(
        new SourcePost(
            "7", now.plusMillis(1), "a millisecond ahead", "en", "u", "h", null, List.of()),
        () -> "");
    assertThat(sink.posts).extracting(PostEvent::id).containsExactly("5");
  }

  @Test
  void deletesAreCounted() {
    in.delete("42");
    assertThat(sink.deletes).hasSize(1);
    assertThat(sink.deletes.get(0).id()).isEqualTo("42");
    assertThat(metrics.get("replay", "deletes")).isEqualTo(1);
  }
}
