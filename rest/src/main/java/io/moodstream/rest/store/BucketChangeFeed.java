package io.moodstream.rest.store;

import java.util.List;
import java.util.Set;

/**
 * What the streaming job reports it wrote since the last poll, so {@link SettledBucketCache} can
 * refresh exactly those cached buckets instead of waiting for its TTL. Implementations remember
 * what they handed out; {@link #poll} is called by one thread at a time.
 */
@FunctionalInterface
public interface BucketChangeFeed {

  /** The changes reported since the previous call. */
  Changes poll();

  /** No feed: only the TTLs refresh the cache. */
  BucketChangeFeed NONE = () -> Changes.NONE;

  /**
   * Minute buckets [from, until) (epoch seconds) of {@code topics} changed; an empty set means
   * every topic. Rollups containing them changed too.
   */
  record Range(long from, long until, Set<String> topics) {
    public boolean covers(String topic) {
      return topics.isEmpty() || topics.contains(topic);
    }
  }

  /**
   * @param everything the feed cannot tell what changed (it fell behind, the job started over):
   *     every cached bucket may be stale
   * @param ranges what changed otherwise
   */
  record Changes(boolean everything, List<Range> ranges) {
    public static final Changes NONE = new Changes(false, List.of());
    public static final Changes EVERYTHING = new Changes(true, List.of());

    public boolean isEmpty() {
      return !everything && ranges.isEmpty();
    }
  }
}
