package io.moodstream.schema.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.schema.event.Reject.Code;
import io.moodstream.schema.key.KeyLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every post rule, once: what breaks it, the code, the field and the sentence of the reject. */
class PostRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final Duration SKEW = Duration.ofMinutes(5);

  static Stream<Arguments> broken() {
    return Stream.of(
        row(
            "id null",
            () -> PostRules.id("id_str", null),
            Code.MISSING_FIELD,
            "id_str",
            "required field 'id_str' is missing"),
        row(
            "id empty",
            () -> PostRules.id("id", ""),
            Code.MISSING_FIELD,
            "id",
            "field 'id' must not be empty"),
        row(
            "id longer than a post_refs row",
            () -> PostRules.id("id", "é".repeat(16_384)),
            Code.UNSTORABLE,
            "id",
            "field 'id' is 32768 UTF-8 bytes, more than the 32767 of a post_refs row key"),
        row(
            "author id null",
            () -> PostRules.required("author.id", null),
            Code.MISSING_FIELD,
            "author.id",
            "required field 'author.id' is missing"),
        row(
            "author id empty",
            () -> PostRules.required("author.id", ""),
            Code.MISSING_FIELD,
            "author.id",
            "field 'author.id' must not be empty"),
        row(
            "text null",
            () -> PostRules.text("text", null),
            Code.MISSING_FIELD,
            "text",
            "required field 'text' is missing"),
        row(
            "text too long",
            () -> PostRules.text("text", "x".repeat(100_001)),
            Code.TEXT_TOO_LONG,
            "text",
            "field 'text' is 100001 characters, more than the limit of 100000"),
        row(
            "createdAt null",
            () -> PostRules.createdAt("created_at", null),
            Code.MISSING_FIELD,
            "created_at",
            "required field 'created_at' is missing"),
        row(
            "createdAt before 1970",
            () -> PostRules.createdAt("createdAt", Instant.parse("1969-12-31T23:59:59Z")),
            Code.UNSTORABLE,
            "createdAt",
            "field 'createdAt' is 1969-12-31T23:59:59Z, outside the storable 1970..2106"),
        row(
            "createdAt after 2106",
            () -> PostRules.createdAt("createdAt", Instant.parse("2106-02-07T06:28:16Z")),
            Code.UNSTORABLE,
            "createdAt",
            "field 'createdAt' is 2106-02-07T06:28:16Z, outside the storable 1970..2106"),
        row(
            "topics null",
            () -> PostRules.topics(null),
            Code.MISSING_FIELD,
            "topics",
            "required field 'topics' is missing"),
        row(
            "a null topic",
            () -> PostRules.topics(Arrays.asList("all", null)),
            Code.MISSING_FIELD,
            "topics[1]",
            "required field 'topics[1]' is missing"),
        row(
            "an empty topic",
            () -> PostRules.topics(List.of("all", "")),
            Code.INVALID_FIELD,
            "topics[1]",
            "field 'topics[1]' is not storable: topic must not be empty"),
        row(
            "a topic over 255 bytes",
            () -> PostRules.topics(List.of("ü".repeat(128))),
            Code.UNSTORABLE,
            "topics[0]",
            "field 'topics[0]' is not storable: topic is 256 UTF-8 bytes, more than 255"),
        row(
            "a topic with U+0000",
            () -> PostRules.topics(List.of("all", "a\0b")),
            Code.UNSTORABLE,
            "topics[1]",
            "field 'topics[1]' is not storable: topic must not contain U+0000"),
        row(
            "a topic with an unpaired surrogate",
            () -> PostRules.topics(List.of("\ud83d")),
            Code.UNSTORABLE,
            "topics[0]",
            "field 'topics[0]' is not storable: topic is not valid Unicode (unpaired surrogate)"),
        row(
            "createdAt past the skew",
            () ->
                PostRules.futureCreatedAt(
                    NOW.plus(SKEW).plusMillis(1), NOW, SKEW, "ingest's clock"),
            Code.FUTURE_CREATED_AT,
            "createdAt",
            "future-created-at: field 'createdAt' is 2026-11-24T10:05:00.001Z, more than 5m after"
                + " ingest's clock 2026-11-24T10:00:00Z"));
  }

  private static Arguments row(
      String name, Supplier<Reject> rule, Code code, String field, String reason) {
    return Arguments.of(name, rule, new Reject(code, field, reason));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void aBrokenRuleIsRejectedWithItsCodeFieldAndSentence(
      String name, Supplier<Reject> rule, Reject expected) {
    assertThat(rule.get()).isEqualTo(expected);
  }

  @Test
  void valuesAtTheLimitsPass() {
    assertThat(PostRules.id("id", "é".repeat(16_383) + "a")).isNull(); // 32767 bytes
    assertThat(PostRules.id("id", "x".repeat(KeyLimits.MAX_ROW_BYTES))).isNull();
    assertThat(PostRules.required("author.id", "u")).isNull();
    assertThat(PostRules.text("text", "")).isNull();
    assertThat(PostRules.text("text", "x".repeat(PostRules.MAX_TEXT_LENGTH))).isNull();
    assertThat(PostRules.createdAt("createdAt", Instant.EPOCH)).isNull();
    assertThat(PostRules.createdAt("createdAt", Instant.parse("2106-02-07T06:28:15Z"))).isNull();
    assertThat(PostRules.topics(List.of("all", "気分", "😀".repeat(63) + "abc"))).isNull();
    assertThat(PostRules.futureCreatedAt(NOW.plus(SKEW), NOW, SKEW, "ingest's clock")).isNull();
    assertThat(PostRules.futureCreatedAt(NOW.minusSeconds(3600), NOW, SKEW, "x")).isNull();
  }

  @Test
  void aPostBreakingSeveralRulesIsRejectedForTheFirstInTheOrderOfItsFields() {
    Reject r = PostRules.post("", Instant.parse("1960-01-01T00:00:00Z"), null, null, null);
    assertThat(r.field()).isEqualTo("id");
    r = PostRules.post("1", Instant.parse("1960-01-01T00:00:00Z"), null, null, null);
    assertThat(r.field()).isEqualTo("createdAt");
    r = PostRules.post("1", NOW, null, null, null);
    assertThat(r.field()).isEqualTo("text");
    r = PostRules.post("1", NOW, "t", "", null);
    assertThat(r.field()).isEqualTo("author.id");
    assertThat(PostRules.post("1", NOW, "t", "u", List.of("all"))).isNull();
  }

  @Test
  void thePostEventConstructorAppliesTheRules() {
    Author author = new Author("u", "h");
    assertThatThrownBy(
            () ->
                new PostEvent(
                    "1",
                    Source.SYNTHETIC,
                    Instant.parse("2200-01-01T00:00:00Z"),
                    "t",
                    null,
                    author,
                    List.of(),
                    null))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> assertThat(e.reject().code()).isEqualTo(Code.UNSTORABLE));
    assertThatThrownBy(
            () -> new PostEvent("", Source.SYNTHETIC, NOW, "t", null, author, List.of(), null))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> assertThat(e.reject()).isEqualTo(PostRules.id("id", "")));
    assertThat(
            new PostEvent("1", Source.SYNTHETIC, NOW, "t", null, author, List.of("a"), null)
                .topics())
        .containsExactly("all", "a");
  }

  @Test
  void codesKeepTheCounterNamesMetricsHaveAlwaysShown() {
    assertThat(Arrays.stream(Code.values()).map(Code::counterName))
        .containsExactly(
            "malformed-json",
            "invalid-utf8",
            "missing-field",
            "invalid-field",
            "text-too-long",
            "cut-short",
            "future-created-at",
            "unstorable",
            "bad-binary");
    assertThat(Arrays.stream(Code.values()).map(Code::toString))
        .containsExactlyElementsOf(Arrays.stream(Code.values()).map(Code::counterName).toList());
  }
}
