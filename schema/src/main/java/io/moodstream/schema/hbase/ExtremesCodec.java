package io.moodstream.schema.hbase;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.schema.event.Author;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of {@code e:p} and {@code e:n}: a UTF-8 JSON array of posts, best first: {@code
 * [{"id":..,"text":..,"author":{"id":..,"handle":..},"createdAt":..,"compound":..,"url":..}]}.
 */
public final class ExtremesCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private ExtremesCodec() {}

  public static byte[] encode(List<ExtremePost> posts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 * (posts.size() + 1));
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartArray();
      for (ExtremePost p : posts) {
        g.writeStartObject();
        g.writeStringField("id", p.id());
        g.writeStringField("text", p.text());
        g.writeObjectFieldStart("author");
        g.writeStringField("id", p.author().id());
        g.writeStringField("handle", p.author().handle());
        g.writeEndObject();
        g.writeStringField("createdAt", p.createdAt().toString());
        g.writeNumberField("compound", p.compound());
        if (p.url() != null) {
          g.writeStringField("url", p.url());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static List<ExtremePost> decode(byte[] bytes) {
    try {
      JsonNode arr = MAPPER.readTree(bytes);
      if (arr == null || !arr.isArray()) {
        throw new IllegalArgumentException("extremes cell is not a JSON array");
      }
      List<ExtremePost> posts = new ArrayList<>(arr.size());
      for (JsonNode n : arr) {
        JsonNode url = n.get("url");
        posts.add(
            new ExtremePost(
                n.get("id").asText(),
                n.get("text").asText(),
                new Author(
                    n.get("author").get("id").asText(), n.get("author").get("handle").asText()),
                Instant.parse(n.get("createdAt").asText()),
                n.get("compound").asDouble(),
                url == null || url.isNull() ? null : url.asText()));
      }
      return posts;
    } catch (IOException e) {
      throw new IllegalArgumentException("extremes cell is not valid JSON: " + e.getMessage(), e);
    }
  }
}
