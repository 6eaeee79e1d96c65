package io.moodstream.rest.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.rest.health.StreamStatusSource;
import io.moodstream.storage.StatusFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BucketChangeFeed} read from the streaming job's status file: its {@code bucketChanges}
 * list one entry per posts batch (batch id, the minute range written, its topics), the last ones
 * oldest first. Each poll hands out the ranges of the batches after the last one seen. When the
 * list no longer reaches back to that batch (the reader fell behind), when the ids went back (a new
 * checkpoint) or on the first read, the answer is {@link Changes#EVERYTHING}. A missing or
 * unreadable status, or one without the list (an older job), changes nothing: the cache's TTLs
 * still apply.
 */
public final class StatusChangeFeed implements BucketChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(StatusChangeFeed.class);

  private final StreamStatusSource source;
  private final ObjectMapper json;

  private Instant lastModified;
  private long lastBatch = Long.MIN_VALUE;

  public StatusChangeFeed(StreamStatusSource source, ObjectMapper json) {
    this.source = source;
    this.json = json;
  }

  @Override
  public synchronized Changes poll() {
    JsonNode list;
    try {
      Optional<StatusFiles.Content> s = source.read();
      if (s.isEmpty() || s.get().modified().equals(lastModified)) {
        return Changes.NONE;
      }
      lastModified = s.get().modified();
      list = json.readTree(s.get().bytes()).path("bucketChanges");
    } catch (IOException | RuntimeException e) {
      LOG.debug("[cache] stream status unreadable: {}", e.toString());
      return Changes.NONE;
    }
    if (!list.isArray() || list.isEmpty()) {
      return Changes.NONE;
    }
    long oldest = list.get(0).path("batchId").asLong();
    long latest = list.get(list.size() - 1).path("batchId").asLong();
    long seen = lastBatch;
    if (latest == seen) {
      return Changes.NONE;
    }
    lastBatch = latest;
    if (seen == Long.MIN_VALUE || latest < seen || oldest > seen + 1) {
      return Changes.EVERYTHING;
    }
    List<Range> ranges = new ArrayList<>();
    for (JsonNode c : list) {
      if (c.path("batchId").asLong() <= seen || !c.has("fromEpochSecond")) {
        continue;
      }
      Set<String> topics = new LinkedHashSet<>();
      c.path("topics").forEach(t -> topics.add(t.asText()));
      ranges.add(
          new Range(
              c.path("fromEpochSecond").asLong(),
              c.path("untilEpochSecond").asLong(),
              Set.copyOf(topics)));
    }
    return new Changes(false, List.copyOf(ranges));
  }
}
