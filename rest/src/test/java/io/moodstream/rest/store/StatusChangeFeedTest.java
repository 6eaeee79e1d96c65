package io.moodstream.rest.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moodstream.rest.store.BucketChangeFeed.Changes;
import io.moodstream.rest.store.BucketChangeFeed.Range;
import io.moodstream.storage.StatusFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusChangeFeedTest {
  String status;
  Instant modified = Instant.parse("2026-11-29T10:00:00Z");

  final StatusChangeFeed feed =
      new StatusChangeFeed(
          () ->
              status == null
                  ? Optional.empty()
                  : Optional.of(
                      new StatusFiles.Content(status.getBytes(StandardCharsets.UTF_8), modified)),
          new ObjectMapper());

  /** The job's status after batches whose entries are given (as its ProgressReporter writes). */
  void write(String... entries) {
    status = "{\"state\":\"running\",\"bucketChanges\":[" + String.join(",", entries) + "]}";
    modified = modified.plusMillis(500);
  }

  static String batch(long id, long from, long until, String... topics) {
    String t = topics.length == 0 ? "" : ",\"topics\":[\"" + String.join("\",\"", topics) + "\"]";
    return "{\"batchId\":%d,\"fromEpochSecond\":%d,\"untilEpochSecond\":%d%s}"
        .formatted(id, from, until, t);
  }

  static String empty(long id) {
    return "{\"batchId\":" + id + "}";
  }

  @Test
  void theFirstStatusSeenMayHaveChangedEverything() {
    write(batch(4, 600, 660, "all"));
    assertThat(feed.poll()).isEqualTo(Changes.EVERYTHING);
  }

  @Test
  void laterPollsHandOutTheBatchesSinceTheLastOneSeenOnce() {
    write(batch(4, 600, 660, "all"));
    feed.poll();
    write(batch(4, 600, 660, "all"), batch(5, 60, 180, "all", "apple"), empty(6), batch(7, 0, 60));
    assertThat(feed.poll())
        .isEqualTo(
            new Changes(
                false,
                List.of(new Range(60, 180, Set.of("all", "apple")), new Range(0, 60, Set.of()))));
    assertThat(feed.poll()).isEqualTo(Changes.NONE); // file unchanged
    write(batch(4, 600, 660, "all"), batch(5, 60, 180, "all"), empty(6), batch(7, 0, 60));
    assertThat(feed.poll()).isEqualTo(Changes.NONE); // rewritten, no new batch
  }

  @Test
  void fallingBehindTheListOrANewCheckpointChangesEverything() {
    write(batch(4, 600, 660, "all"));
    feed.poll();
    write(batch(6, 600, 660, "all"), batch(7, 600, 660, "all")); // batch 5 no longer listed
    assertThat(feed.poll()).isEqualTo(Changes.EVERYTHING);
    write(batch(0, 600, 660, "all")); // a fresh checkpoint
    assertThat(feed.poll()).isEqualTo(Changes.EVERYTHING);
    write(batch(0, 600, 660, "all"), batch(1, 0, 60, "all"));
    assertThat(feed.poll()).isEqualTo(new Changes(false, List.of(new Range(0, 60, Set.of("all")))));
  }

  @Test
  void noStatusAnOlderJobOrAnUnreadableFileChangeNothing() {
    assertThat(feed.poll()).isEqualTo(Changes.NONE);
    status = "{\"state\":\"running\",\"queries\":{}}";
    assertThat(feed.poll()).isEqualTo(Changes.NONE);
    status = "{not json";
    modified = modified.plusSeconds(1);
    assertThat(feed.poll()).isEqualTo(Changes.NONE);
  }
}
