package io.moodstream.schema.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static String fixture(String name) throws IOException {
    try (InputStream in = EventJsonTest.class.getResourceAsStream("/fixtures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonSchema schema(String name) {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(EventJson.class.getResourceAsStream("/io/moodstream/schema/" + name));
  }

  @Test
  void parsesTheFullFixture() throws IOException {
    PostEvent p = EventJson.parsePost(fixture("post-event.json")).orThrow();
    assertThat(p.id()).isEqualTo("1790000000000000001");
    assertThat(p.source()).isEqualTo(Source.X_V2);
    assertThat(p.createdAt()).isEqualTo(Instant.parse("2026-11-24T21:56:35Z"));
    assertThat(p.text()).contains("😍");
    assertThat(p.lang()).isEqualTo("en");
    assertThat(p.author()).isEqualTo(new Author("2244994945", "moodstream"));
    assertThat(p.topics()).containsExactly("all", "apple");
    assertThat(p.url()).isEqualTo("https://x.com/moodstream/status/1790000000000000001");
  }

  @Test
  void toleratesUnknownFieldsNullLangAndOffsets() throws IOException {
    PostEvent p = EventJson.parsePost(fixture("post-event-minimal.json")).orThrow();
    assertThat(p.lang()).isNull();
    assertThat(p.url()).isNull();
    assertThat(p.text()).isEmpty();
    assertThat(p.createdAt()).isEqualTo(Instant.parse("2026-11-24T20:56:35.123Z"));
  }

  @Test
  void writeThenParseIsIdentity() throws IOException {
    PostEvent p = EventJson.parsePost(fixture("post-event.json")).orThrow();
    assertThat(EventJson.parsePost(EventJson.toJson(p)).orThrow()).isEqualTo(p);
    DeleteEvent d =
        EventJson.parseDelete(fixture("delete-event.json").getBytes(StandardCharsets.UTF_8))
            .orThrow();
    assertThat(d).isEqualTo(new DeleteEvent(Source.TWITTER_V1, "1790000000000000001"));
    assertThat(EventJson.parseDelete(EventJson.toJson(d)).orThrow()).isEqualTo(d);
    DeadLetter dl = EventJson.parseDeadLetter(fixture("dead-letter.json")).orThrow();
    assertThat(
            EventJson.parseDeadLetter(new String(EventJson.toJson(dl), StandardCharsets.UTF_8))
                .orThrow())
        .isEqualTo(dl);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing id | {\"source\":\"x-v2\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"text\":\"\",\"author\":{\"id\":\"1\",\"handle\":\"h\"},\"topics\":[\"all\"]} | id | required field 'id' is missing | MISSING_FIELD",
        "numeric id | {\"id\":5,\"source\":\"x-v2\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"text\":\"\",\"author\":{\"id\":\"1\",\"handle\":\"h\"},\"topics\":[\"all\"]} | id | must be a string, found NUMBER | INVALID_FIELD",
        "unknown source | {\"id\":\"1\",\"source\":\"myspace\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"text\":\"\",\"author\":{\"id\":\"1\",\"handle\":\"h\"},\"topics\":[\"all\"]} | source | 'myspace' | INVALID_FIELD",
        "bad time | {\"id\":\"1\",\"source\":\"x-v2\",\"createdAt\":\"yesterday\",\"text\":\"\",\"author\":{\"id\":\"1\",\"handle\":\"h\"},\"topics\":[\"all\"]} | createdAt | ISO-8601 | INVALID_FIELD",
        "missing text | {\"id\":\"1\",\"source\":\"x-v2\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"author\":{\"id\":\"1\",\"handle\":\"h\"},\"topics\":[\"all\"]} | text | 'text' is missing | MISSING_FIELD",
        "author id | {\"id\":\"1\",\"source\":\"x-v2\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"text\":\"\",\"author\":{\"handle\":\"h\"},\"topics\":[\"all\"]} | author.id | 'author.id' is missing | MISSING_FIELD",
        "author type | {\"id\":\"1\",\"source\":\"x-v2\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"text\":\"\",\"author\":\"h\",\"topics\":[\"all\"]} | author | must be an object | INVALID_FIELD",
        "no all | {\"id\":\"1\",\"source\":\"x-v2\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"text\":\"\",\"author\":{\"id\":\"1\",\"handle\":\"h\"},\"topics\":[\"apple\"]} | topics | include \"all\" | INVALID_FIELD",
        "empty topic | {\"id\":\"1\",\"source\":\"x-v2\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"text\":\"\",\"author\":{\"id\":\"1\",\"handle\":\"h\"},\"topics\":[\"all\",\"\"]} | topics[1] | non-empty | INVALID_FIELD",
        "lang type | {\"id\":\"1\",\"source\":\"x-v2\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"text\":\"\",\"lang\":7,\"author\":{\"id\":\"1\",\"handle\":\"h\"},\"topics\":[\"all\"]} | lang | must be a string or null, found NUMBER | INVALID_FIELD",
        "not an object | [1,2] | $ | not a JSON object | MALFORMED_JSON",
        "not json | {\"id\": | $ | not valid JSON | MALFORMED_JSON",
      })
  void rejectsWithACodeAndAReasonNamingTheField(
      String name, String json, String field, String reason, Reject.Code code) {
    ParseResult<PostEvent> r = EventJson.parsePost(json);
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    ParseResult.Rejected<PostEvent> rej = (ParseResult.Rejected<PostEvent>) r;
    assertThat(rej.field()).isEqualTo(field);
    assertThat(rej.reason()).contains(reason);
    assertThat(rej.code()).isEqualTo(code);
    assertThatThrownBy(r::orThrow).isInstanceOf(InvalidEventException.class);
    // the JSON Schema agrees that the record is invalid (where it is JSON at all)
    if (!field.equals("$")) {
      assertThat(validate("post-event.schema.json", json)).isNotEmpty();
    }
  }

  @Test
  void rejectsInvalidUtf8AndAMegabyteText() {
    byte[] bad = "{\"id\":\"1\",\"text\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(((ParseResult.Rejected<PostEvent>) EventJson.parsePost(bad)).reason())
        .contains("not valid JSON");
    String big = "a".repeat(1 << 20);
    String json =
        "{\"id\":\"1\",\"source\":\"x-v2\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"text\":\""
            + big
            + "\",\"author\":{\"id\":\"1\",\"handle\":\"h\"},\"topics\":[\"all\"]}";
    ParseResult.Rejected<PostEvent> r = (ParseResult.Rejected<PostEvent>) EventJson.parsePost(json);
    assertThat(r.field()).isEqualTo("text");
    assertThat(r.reason()).contains("1048576 characters");
  }

  @Test
  void fixturesAndWrittenEventsSatisfyTheJsonSchemas() throws IOException {
    for (String f : List.of("post-event.json", "post-event-minimal.json")) {
      assertThat(validate("post-event.schema.json", fixture(f))).as(f).isEmpty();
      PostEvent p = EventJson.parsePost(fixture(f)).orThrow();
      assertThat(
              validate(
                  "post-event.schema.json",
                  new String(EventJson.toJson(p), StandardCharsets.UTF_8)))
          .isEmpty();
    }
    assertThat(validate("delete-event.schema.json", fixture("delete-event.json"))).isEmpty();
    assertThat(validate("dead-letter.schema.json", fixture("dead-letter.json"))).isEmpty();
  }

  @Test
  void deadLettersTruncateHugeRawRecordsAndSaySo() {
    DeadLetter d = new DeadLetter("x".repeat(100_000), "too big", "replay", Instant.EPOCH);
    assertThat(d.raw()).hasSize(DeadLetter.MAX_RAW_LENGTH);
    assertThat(d.reason()).contains("truncated");
  }

  private static java.util.Set<?> validate(String schema, String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      return schema(schema).validate(node);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
