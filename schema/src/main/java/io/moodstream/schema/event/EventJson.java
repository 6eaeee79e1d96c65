package io.moodstream.schema.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON wire form of the events: a strict parser (unknown fields tolerated; a missing or invalid
 * required field rejected with a reason that names it) and a writer. Thread-safe.
 */
public final class EventJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private EventJson() {}

  // ---------------------------------------------------------------- parsing

  public static ParseResult<PostEvent> parsePost(byte[] json) {
    PostEvent fast = json == null ? null : FastPost.read(json);
    return fast != null ? ParseResult.accepted(fast) : parse(json, EventJson::readPost);
  }

  /** The tree parser alone: the reference the fast path is tested against. */
  static ParseResult<PostEvent> parsePostReference(byte[] json) {
    return parse(json, EventJson::readPost);
  }

  public static ParseResult<PostEvent> parsePost(String json) {
    return parsePost(json.getBytes(StandardCharsets.UTF_8));
  }

  public static ParseResult<DeleteEvent> parseDelete(byte[] json) {
    return parse(json, EventJson::readDelete);
  }

  public static ParseResult<DeadLetter> parseDeadLetter(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8), EventJson::readDeadLetter);
  }

  private static <T> ParseResult<T> parse(byte[] json, Function<JsonNode, T> reader) {
    if (json == null) {
      return ParseResult.rejected(
          new Reject(Reject.Code.MALFORMED_JSON, "record is empty (null value)"));
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return ParseResult.rejected(Reject.malformed(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      return ParseResult.rejected(
          new Reject(Reject.Code.MALFORMED_JSON, "record is not a JSON object"));
    }
    try {
      return ParseResult.accepted(reader.apply(root));
    } catch (InvalidEventException e) {
      return ParseResult.rejected(e.reject());
    }
  }

  /**
   * The {@link PostRules} are applied as the fields are read (id, createdAt and text here, the
   * author id by {@link Author}, the topics by {@link PostEvent}), so the first fault is the one
   * named.
   */
  private static PostEvent readPost(JsonNode n) {
    String id = string(n, "id", "id", false);
    PostRules.orThrow(PostRules.id("id", id));
    Source source = source(n);
    Instant createdAt = n.hasNonNull("createdAt") ? instant(n, "createdAt") : null;
    PostRules.orThrow(PostRules.createdAt("createdAt", createdAt));
    String text = string(n, "text", "text", false);
    PostRules.orThrow(PostRules.text("text", text));
    String lang = string(n, "lang", "lang", true);
    JsonNode a = n.get("author");
    if (a == null || a.isNull()) {
      throw missing("author");
    }
    if (!a.isObject()) {
      throw invalid("author", "field 'author' must be an object {id, handle}");
    }
    Author author = // applies PostRules.required to the id
        new Author(
            string(a, "id", "author.id", false),
            requiredString(a, "handle", "author.handle", true));
    List<String> topics = topics(n);
    String url = string(n, "url", "url", true);
    return new PostEvent(id, source, createdAt, text, lang, author, topics, url);
  }

  private static DeleteEvent readDelete(JsonNode n) {
    Source source = source(n);
    return new DeleteEvent(source, string(n, "id", "id", false)); // applies PostRules.id
  }

  private static DeadLetter readDeadLetter(JsonNode n) {
    return new DeadLetter(
        requiredString(n, "raw", "raw", true),
        requiredString(n, "reason", "reason", false),
        requiredString(n, "source", "source", false),
        instant(n, "at"));
  }

  private static Source source(JsonNode n) {
    String s = requiredString(n, "source", "source", false);
    return Source.fromWireName(s)
        .orElseThrow(
            () ->
                invalid(
                    "source",
                    "field 'source' is '"
                        + s
                        + "', expected one of twitter-v1, x-v2, bluesky, synthetic, replay"));
  }

  private static List<String> topics(JsonNode n) {
    JsonNode t = n.get("topics");
    if (t == null || t.isNull()) {
      throw missing("topics");
    }
    if (!t.isArray()) {
      throw invalid("topics", "field 'topics' must be an array of strings");
    }
    List<String> topics = new ArrayList<>(t.size());
    for (int i = 0; i < t.size(); i++) {
      JsonNode e = t.get(i);
      if (!e.isTextual()) {
        throw invalid("topics[" + i + "]", "field 'topics[" + i + "]' must be a non-empty string");
      }
      topics.add(e.asText());
    }
    PostRules.orThrow(PostRules.topicList(topics));
    return topics;
  }

  private static Instant instant(JsonNode n, String field) {
    String s = requiredString(n, field, field, false);
    Instant fast = FastPost.utcInstant(s);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(
          field,
          "field '"
              + field
              + "' is '"
              + s
              + "', expected an ISO-8601 instant such as 2026-11-24T21:56:35Z");
    }
  }

  private static String requiredString(JsonNode n, String name, String path, boolean emptyOk) {
    String s = string(n, name, path, false);
    if (s == null) {
      throw missing(path);
    }
    if (!emptyOk && s.isEmpty()) {
      throw invalid(path, "field '" + path + "' must not be empty");
    }
    return s;
  }

  /**
   * The string value, or {@code null} when the field is absent or null; {@code optional}: the error
   * for another type says that null is allowed too.
   */
  private static String string(JsonNode n, String name, String path, boolean optional) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      String expected = optional ? "a string or null" : "a string";
      throw invalid(
          path, "field '" + path + "' must be " + expected + ", found " + v.getNodeType());
    }
    return v.asText();
  }

  private static InvalidEventException missing(String path) {
    return new InvalidEventException(Reject.missing(path));
  }

  private static InvalidEventException invalid(String path, String reason) {
    return new InvalidEventException(Reject.invalid(path, reason));
  }

  // ---------------------------------------------------------------- writing

  public static byte[] toJson(PostEvent p) {
    return write(
        g -> {
          g.writeStringField("id", p.id());
          g.writeStringField("source", p.source().wireName());
          g.writeStringField("createdAt", p.createdAt().toString());
          g.writeStringField("text", p.text());
          g.writeStringField("lang", p.lang());
          g.writeObjectFieldStart("author");
          g.writeStringField("id", p.author().id());
          g.writeStringField("handle", p.author().handle());
          g.writeEndObject();
          g.writeArrayFieldStart("topics");
          for (String t : p.topics()) {
            g.writeString(t);
          }
          g.writeEndArray();
          if (p.url() != null) {
            g.writeStringField("url", p.url());
          }
        });
  }

  public static byte[] toJson(DeleteEvent d) {
    return write(
        g -> {
          g.writeStringField("source", d.source().wireName());
          g.writeStringField("id", d.id());
        });
  }

  public static byte[] toJson(DeadLetter d) {
    return write(
        g -> {
          g.writeStringField("raw", d.raw());
          g.writeStringField("reason", d.reason());
          g.writeStringField("source", d.source());
          g.writeStringField("at", d.at().toString());
        });
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
