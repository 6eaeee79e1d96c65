package io.moodstream.ingest.source.twitter;

import io.moodstream.ingest.core.SourcePost;
import java.util.List;
import twitter4j.Status;
import twitter4j.User;

/**
 * A twitter4j {@link Status} as a {@link SourcePost}: the full text (twitter4j merges {@code
 * extended_tweet.full_text}), for a retweet the retweeted post's full text, the post's own id,
 * time, {@code lang} and author. Quotes keep their own text.
 */
public final class StatusPosts {
  private StatusPosts() {}

  public static SourcePost toPost(Status s) {
    Status content = s.isRetweet() && s.getRetweetedStatus() != null ? s.getRetweetedStatus() : s;
    User u = s.getUser();
    String id = s.getId() > 0 ? Long.toString(s.getId()) : null;
    String handle = u == null ? null : u.getScreenName();
    return new SourcePost(
        id,
        s.getCreatedAt() == null ? null : s.getCreatedAt().toInstant(),
        content.getText(),
        s.getLang(),
        u == null || u.getId() <= 0 ? null : Long.toString(u.getId()),
        handle,
        id == null || handle == null ? null : "https://twitter.com/" + handle + "/status/" + id,
        List.of());
  }
}
