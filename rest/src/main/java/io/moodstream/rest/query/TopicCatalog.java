package io.moodstream.rest.query;

import io.moodstream.rest.store.BucketStore;
import io.moodstream.rest.store.BucketStore.TopicSpan;
import io.moodstream.rest.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The topics with data, read from the store at most every {@link #MAX_AGE} (and at most every
 * {@link #MISS_REFRESH} when asked about a topic it does not know yet), and the validation of
 * {@code topic} parameters against it.
 */
public final class TopicCatalog {
  public static final Duration MAX_AGE = Duration.ofSeconds(5);
  public static final Duration MISS_REFRESH = Duration.ofSeconds(1);
  public static final int MAX_TOPICS_PER_CALL = 5;

  private final BucketStore store;
  private final Clock clock;
  private volatile Snapshot snapshot;
  private final AtomicBoolean refreshing = new AtomicBoolean();

  private record Snapshot(Instant at, List<TopicSpan> spans, Map<String, TopicSpan> byName) {}

  public TopicCatalog(BucketStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The topics with data. A snapshot older than {@link #MAX_AGE} is still answered while one
   * background read refreshes it, so no request waits for the topic scans once the first is done.
   */
  public List<TopicSpan> topics() {
    Snapshot s = snapshot;
    if (s == null) {
      return current(MAX_AGE).spans();
    }
    if (age(s).compareTo(MAX_AGE) > 0) {
      refreshInBackground(MAX_AGE);
    }
    return s.spans();
  }

  /** Whether the topics have been read at least once. */
  public boolean loaded() {
    return snapshot != null;
  }

  /** Starts one background read of the topics if none is running (never more than one). */
  private void refreshInBackground(Duration maxAge) {
    if (!refreshing.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                current(maxAge);
              } catch (RuntimeException e) {
                // storage down: the next request retries, and reports it if it must read
              } finally {
                refreshing.set(false);
              }
            },
            "topic-catalog-refresh");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Like {@link #validate}, against the topics already known, never reading the store on the
   * calling thread (for the live endpoint, whose answer is committed before any store read could
   * finish). An unknown topic starts a background refresh, so a new topic is found within {@link
   * #MISS_REFRESH} or so.
   *
   * @throws StoreUnavailableException when the topics have never been read yet
   */
  public List<String> validateKnown(List<String> topics, int max) {
    Snapshot s = snapshot;
    if (s == null) {
      refreshInBackground(MAX_AGE);
      throw new StoreUnavailableException("the topics have not been read from HBase yet", null);
    }
    if (age(s).compareTo(MAX_AGE) > 0) {
      refreshInBackground(MAX_AGE);
    }
    return check(
        topics,
        max,
        t -> {
          if (s.byName().containsKey(t)) {
            return true;
          }
          if (age(s).compareTo(MISS_REFRESH) > 0) {
            refreshInBackground(MISS_REFRESH);
          }
          return false;
        });
  }

  /** A snapshot at most {@code maxAge} old, read now if needed (one reader at a time). */
  private Snapshot current(Duration maxAge) {
    Snapshot s = snapshot;
    if (s != null && age(s).compareTo(maxAge) <= 0) {
      return s;
    }
    synchronized (this) {
      s = snapshot;
      if (s != null && age(s).compareTo(maxAge) <= 0) {
        return s;
      }
      return refresh();
    }
  }

  /**
   * The distinct topics of {@code topic} parameters, in order: 1..{@value #MAX_TOPICS_PER_CALL},
   * each with data.
   */
  public List<String> validate(List<String> topics, int max) {
    return check(topics, max, this::known);
  }

  private static List<String> check(List<String> topics, int max, Predicate<String> known) {
    if (topics == null || topics.isEmpty()) {
      throw new BadParameterException("topic", "topic is required, e.g. topic=apple");
    }
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(topics));
    if (distinct.size() > max) {
      throw new BadParameterException(
          "topic", distinct.size() + " topics asked, at most " + max + " per call");
    }
    for (String t : distinct) {
      if (!known.test(t)) {
        throw new BadParameterException(
            "topic", "unknown topic '" + t + "': no data for it (see /api/v1/topics)");
      }
    }
    return distinct;
  }

  private boolean known(String topic) {
    topics();
    if (snapshot.byName().containsKey(topic)) {
      return true;
    }
    return current(MISS_REFRESH).byName().containsKey(topic);
  }

  private Snapshot refresh() {
    List<TopicSpan> spans = List.copyOf(store.topics());
    Snapshot s =
        new Snapshot(
            clock.instant(),
            spans,
            spans.stream().collect(Collectors.toMap(TopicSpan::topic, Function.identity())));
    snapshot = s;
    return s;
  }

  private Duration age(Snapshot s) {
    return Duration.between(s.at(), clock.instant());
  }
}
