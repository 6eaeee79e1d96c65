package io.moodstream.ingest.source.replay;

import io.moodstream.ingest.source.twitter.StatusPosts;
import io.moodstream.schema.event.Reject;
import java.nio.charset.StandardCharsets;
import twitter4j.JSONException;
import twitter4j.JSONObject;
import twitter4j.Status;
import twitter4j.TwitterException;
import twitter4j.TwitterObjectFactory;

/**
 * The reference v1.1 parser: twitter4j's own JSON support ({@link
 * TwitterObjectFactory#createStatus}), which the live {@code twitter-v1} source uses too. Deletes
 * and notices are recognised with twitter4j's {@link JSONObject}; other formats go to the fast
 * parser.
 */
public final class Twitter4jLineParser implements LineParser {
  private final FastLineParser other = new FastLineParser();

  @Override
  public LineOutcome parse(byte[] buf, int off, int len) {
    if (!Utf8.valid(buf, off, len)) {
      return new LineOutcome.Bad(Reject.invalidUtf8(), null);
    }
    String line = new String(buf, off, len, StandardCharsets.UTF_8);
    JSONObject json;
    try {
      json = new JSONObject(line);
    } catch (JSONException e) {
      return new LineOutcome.Bad(Reject.malformed(e.getMessage()), null);
    }
    if (json.has("data") || json.has("createdAt") || json.has("author")) {
      return other.parse(buf, off, len);
    }
    try {
      if (json.has("delete")) {
        JSONObject st = json.getJSONObject("delete").optJSONObject("status");
        String id =
            st == null
                ? ""
                : st.optString("id_str", st.has("id") ? String.valueOf(st.getLong("id")) : "");
        return id.isEmpty()
            ? new LineOutcome.Bad(Reject.missing("delete.status.id_str"), null)
            : new LineOutcome.AsDelete(id);
      }
      for (String n : FastLineParser.NOTICES) {
        if (json.has(n) && !json.has("id_str")) {
          return new LineOutcome.Skip("notice." + n);
        }
      }
      if (!json.has("id_str") && !json.has("id")) {
        return new LineOutcome.Bad(Reject.missing("id_str"), null);
      }
      Status s = TwitterObjectFactory.createStatus(line);
      return new LineOutcome.AsPost(StatusPosts.toPost(s));
    } catch (TwitterException | RuntimeException e) {
      return new LineOutcome.Bad(
          new Reject(
              Reject.Code.INVALID_FIELD, "twitter4j cannot read the status: " + e.getMessage()),
          json.optString("id_str", null));
    }
  }
}
