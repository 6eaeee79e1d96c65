package io.moodstream.ingest.source.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.ingest.core.SourcePost;
import io.moodstream.schema.event.PostRules;
import io.moodstream.schema.event.Reject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the X API v2 filtered stream: {@code {"data":{id,text,created_at,author_id,lang},
 * "includes":{"users":[{id,username}]},"matching_rules":[{id,tag}]}}. The full text of a long post
 * is {@code data.note_tweet.text}; rule tags become topics. Used by replay and the x-v2 source.
 */
public final class XV2LineParser implements LineParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public LineOutcome parse(byte[] buf, int off, int len) {
    if (!Utf8.valid(buf, off, len)) {
      return new LineOutcome.Bad(Reject.invalidUtf8(), null);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(buf, off, len);
    } catch (JsonProcessingException e) {
      return new LineOutcome.Bad(Reject.malformed(e.getOriginalMessage()), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      return new LineOutcome.Bad(Reject.malformed("record is not a JSON object"), null);
    }
    return parse(root);
  }

  public LineOutcome parse(JsonNode root) {
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      if (root.has("errors")) {
        return new LineOutcome.Skip("notice.errors");
      }
      return new LineOutcome.Bad(Reject.missing("data"), null);
    }
    String id = text(data, "id");
    Reject noId = PostRules.id("data.id", id);
    if (noId != null) {
      return new LineOutcome.Bad(noId, null);
    }
    String text = text(data, "text");
    JsonNode note = data.get("note_tweet");
    if (note != null && note.isObject() && text(note, "text") != null) {
      text = text(note, "text");
    }
    Instant created = null;
    String c = text(data, "created_at");
    if (c != null) {
      try {
        created = Instant.parse(c);
      } catch (DateTimeParseException e) {
        return new LineOutcome.Bad(
            Reject.invalid(
                "data.created_at",
                "field 'data.created_at' is '" + c + "', expected an ISO-8601 instant"),
            id);
      }
    }
    String author = text(data, "author_id");
    String handle = null;
    JsonNode users = root.path("includes").path("users");
    for (JsonNode u : users) {
      if (author != null && author.equals(text(u, "id"))) {
        handle = text(u, "username");
      }
    }
    List<String> tags = new ArrayList<>();
    for (JsonNode r : root.path("matching_rules")) {
      String tag = text(r, "tag");
      if (tag != null && !tag.isEmpty()) {
        tags.add(tag);
      }
    }
    return new LineOutcome.AsPost(
        new SourcePost(
            id,
            created,
            text,
            text(data, "lang"),
            author,
            handle,
            handle == null
                ? "https://x.com/i/web/status/" + id
                : "https://x.com/" + handle + "/status/" + id,
            tags));
  }

  private static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
