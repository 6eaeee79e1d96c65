package io.moodstream.rest.query;

import io.moodstream.rest.api.ExtremesResponse;
import io.moodstream.rest.api.IsoSeconds;
import io.moodstream.rest.api.Post;
import io.moodstream.rest.store.BucketStore;
import io.moodstream.schema.hbase.ExtremePost;
import io.moodstream.storage.Extremes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The most extreme posts of a topic over a range of minutes, most extreme first. */
public final class ExtremesQuery {
  public static final int DEFAULT_LIMIT = 5;
  public static final int MAX_LIMIT = 50;

  /** Longest range of one extremes query (each minute is a row of JSON to decode). */
  public static final Duration MAX_RANGE = Duration.ofDays(7);

  private final BucketStore store;

  public ExtremesQuery(BucketStore store) {
    this.store = store;
  }

  public enum Polarity {
    POSITIVE,
    NEGATIVE,
    BOTH;

    public static Polarity parse(String s) {
      if (s == null || s.isBlank()) {
        return BOTH;
      }
      return switch (s.trim()) {
        case "positive" -> POSITIVE;
        case "negative" -> NEGATIVE;
        case "both" -> BOTH;
        default ->
            throw new BadParameterException(
                "polarity", "unknown polarity '" + s + "': use positive, negative or both");
      };
    }
  }

  public static int parseLimit(String s) {
    if (s == null || s.isBlank()) {
      return DEFAULT_LIMIT;
    }
    int n;
    try {
      n = Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new BadParameterException(
          "limit", "limit '" + s + "' is not an integer between 1 and " + MAX_LIMIT);
    }
    if (n < 1 || n > MAX_LIMIT) {
      throw new BadParameterException("limit", "limit " + n + " is outside 1.." + MAX_LIMIT);
    }
    return n;
  }

  /** Minutes whose start is in [alignDown(from), to). */
  public ExtremesResponse extremes(String topic, long from, long to, int limit, Polarity p) {
    long start = Resolution.M1.alignDown(from);
    long end = Resolution.M1.alignUp(to);
    if (end - start > MAX_RANGE.toSeconds()) {
      throw new BadParameterException(
          "from", "an extremes range may span at most 7 days; narrow from/to");
    }
    List<Extremes> rows = store.extremes(topic, start, end);
    List<Post> positive = p == Polarity.NEGATIVE ? List.of() : top(rows, true, limit);
    List<Post> negative = p == Polarity.POSITIVE ? List.of() : top(rows, false, limit);
    return new ExtremesResponse(
        topic, IsoSeconds.format(start), IsoSeconds.format(end), positive, negative);
  }

  private record Ranked(ExtremePost post, long minute) {}

  /** The {@code limit} most positive (or most negative) posts of the rows, each post once. */
  private static List<Post> top(List<Extremes> rows, boolean positive, int limit) {
    List<Ranked> all = new ArrayList<>();
    for (Extremes e : rows) {
      for (ExtremePost p : positive ? e.positive() : e.negative()) {
        all.add(new Ranked(p, e.minute()));
      }
    }
    all.sort(
        Comparator.comparing(
            Ranked::post,
            positive ? ExtremePost.MOST_POSITIVE_FIRST : ExtremePost.MOST_NEGATIVE_FIRST));
    Set<String> seen = new HashSet<>();
    List<Post> out = new ArrayList<>();
    for (Ranked r : all) {
      if (out.size() == limit) {
        break;
      }
      if (seen.add(r.post().id())) {
        out.add(Post.of(r.post(), r.minute()));
      }
    }
    return out;
  }
}
