package io.moodstream.ingest.source.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.moodstream.ingest.core.SourcePost;
import io.moodstream.ingest.source.synthetic.SyntheticPosts;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * Writes v1.1 status JSON lines (the shape of the streaming API: user object, entities, source,
 * timestamp_ms; every 10th a retweet, every 20th an extended tweet, 0.3% deletes) from synthetic
 * posts, for tests and the replay benchmark. About 1 KB per status.
 */
public final class V1Generator {
  private static final JsonFactory FACTORY = new JsonFactory();

  private V1Generator() {}

  /**
   * Writes lines starting at {@code from}, one every {@code gapMs}, until {@code n} statuses are
   * written (deletes come on top).
   */
  public static long write(OutputStream out, long seed, int n, Instant from, long gapMs)
      throws IOException {
    SyntheticPosts posts =
        new SyntheticPosts(
            seed, List.of("coffee", "climate change", "#worldcup", "election", "ai"));
    long bytes = 0;
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setRootValueSeparator(null);
      int statuses = 0;
      for (int i = 0; statuses < n; i++) {
        Instant t = from.plusMillis(i * gapMs);
        SyntheticPosts.Next next = posts.next(t);
        if (next.deleteId() != null) {
          g.writeStartObject();
          g.writeObjectFieldStart("delete");
          g.writeObjectFieldStart("status");
          g.writeNumberField("id", Long.parseLong(next.deleteId()));
          g.writeStringField("id_str", next.deleteId());
          g.writeNumberField("user_id", 1000);
          g.writeStringField("user_id_str", "1000");
          g.writeEndObject();
          g.writeStringField("timestamp_ms", Long.toString(t.toEpochMilli()));
          g.writeEndObject();
          g.writeEndObject();
        } else {
          status(g, next.post(), t, i);
          statuses++;
        }
        g.writeRaw('\n');
      }
      g.flush();
      bytes = g.getOutputBuffered();
    }
    return bytes;
  }

  private static void status(JsonGenerator g, SourcePost p, Instant t, int i) throws IOException {
    boolean retweet = i % 10 == 3;
    boolean extended = i % 20 == 7;
    g.writeStartObject();
    g.writeStringField("created_at", TwitterTime.format(t));
    g.writeNumberField("id", Long.parseLong(p.id()));
    g.writeStringField("id_str", p.id());
    String text = p.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    g.writeStringField(
        "text",
        extended ? text.substring(0, Math.min(text.length(), 20)) + "… https://t.co/x" : text);
    g.writeStringField(
        "source",
        "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>");
    g.writeBooleanField("truncated", extended);
    g.writeNullField("in_reply_to_status_id");
    g.writeNullField("in_reply_to_user_id");
    user(g, p.authorId(), p.handle());
    g.writeNullField("geo");
    g.writeNullField("coordinates");
    g.writeNullField("place");
    if (retweet) {
      g.writeFieldName("retweeted_status");
      g.writeStartObject();
      g.writeStringField("created_at", TwitterTime.format(t.minusSeconds(600)));
      long rid = Long.parseLong(p.id()) - 12345;
      g.writeNumberField("id", rid);
      g.writeStringField("id_str", Long.toString(rid));
      g.writeStringField("text", text + " (original)");
      g.writeBooleanField("truncated", false);
      user(g, "42", "original_author");
      g.writeNumberField("retweet_count", 17);
      g.writeStringField("lang", p.lang());
      g.writeEndObject();
    }
    if (extended) {
      g.writeObjectFieldStart("extended_tweet");
      g.writeStringField("full_text", text + " — and the rest of a long post");
      g.writeArrayFieldStart("display_text_range");
      g.writeNumber(0);
      g.writeNumber(text.length());
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeBooleanField("is_quote_status", false);
    g.writeNumberField("quote_count", 0);
    g.writeNumberField("reply_count", 0);
    g.writeNumberField("retweet_count", 0);
    g.writeNumberField("favorite_count", 0);
    g.writeObjectFieldStart("entities");
    g.writeArrayFieldStart("hashtags");
    g.writeEndArray();
    g.writeArrayFieldStart("urls");
    g.writeEndArray();
    g.writeArrayFieldStart("user_mentions");
    g.writeEndArray();
    g.writeArrayFieldStart("symbols");
    g.writeEndArray();
    g.writeEndObject();
    g.writeBooleanField("favorited", false);
    g.writeBooleanField("retweeted", false);
    g.writeStringField("filter_level", "low");
    g.writeStringField("lang", p.lang());
    g.writeStringField("timestamp_ms", Long.toString(t.toEpochMilli()));
    g.writeEndObject();
  }

  private static void user(JsonGenerator g, String id, String handle) throws IOException {
    g.writeObjectFieldStart("user");
    g.writeNumberField("id", Long.parseLong(id));
    g.writeStringField("id_str", id);
    g.writeStringField("name", handle.replace('_', ' '));
    g.writeStringField("screen_name", handle);
    g.writeStringField("location", "Somewhere");
    g.writeNullField("url");
    g.writeStringField("description", "Just a synthetic person who posts about things");
    g.writeBooleanField("protected", false);
    g.writeBooleanField("verified", false);
    g.writeNumberField("followers_count", 123);
    g.writeNumberField("friends_count", 45);
    g.writeNumberField("statuses_count", 6789);
    g.writeStringField("created_at", "Mon Jan 02 10:00:00 +0000 2012");
    g.writeStringField(
        "profile_image_url_https", "https://pbs.twimg.com/profile_images/1/x_normal.jpg");
    g.writeBooleanField("default_profile", true);
    g.writeEndObject();
  }
}
