package io.moodstream.local;

import static io.moodstream.local.ReplayCheck.MINUTES;
import static io.moodstream.local.ReplayCheck.T0;
import static io.moodstream.local.ReplayCheck.assertDeadLetters;
import static io.moodstream.local.ReplayCheck.awaitAnswer;
import static io.moodstream.local.ReplayCheck.expected;
import static io.moodstream.local.ReplayCheck.totalCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end proof of the local stack: {@code moodstream up} with the replay source over a
 * generated v1.1 archive (50,000 posts over 30 minutes, known content, deletes, malformed lines),
 * on real Kafka, HBase standalone, Spark and the REST service; every minute bucket the REST API
 * serves is compared with an independent computation that scores the same posts with the scorer
 * directly. A second run kills the streaming job with SIGKILL mid-replay; the stack restarts it
 * from its checkpoint and the final answer must be the same.
 */
class PipelineEndToEndIT {
  static final int POSTS = 50_000;

  @TempDir Path work;

  @Test
  void replayedArchiveMatchesAnIndependentComputationAndSurvivesKillingTheStream()
      throws Exception {
    Path file = work.resolve("archive.json");
    ArchiveFixture archive = ArchiveFixture.write(file, POSTS, MINUTES, T0, 7);
    Map<String, Map<Instant, ReplayCheck.Expected>> expected = expected(archive);
    assertThat(archive.deleted).as("the archive has deletes").isNotEmpty();
    assertThat(archive.malformed).as("the archive has malformed lines").isNotEmpty();

    try (ReplayCheck.Stack run = ReplayCheck.Stack.up(work.resolve("run1"), file, Map.of())) {
      awaitAnswer("first run", run, expected, archive);
      assertDeadLetters(run, archive);
      assertBucketChangesReported(run);
    }

    // Second run: small batches, and the streaming job is killed with SIGKILL mid-replay.
    try (ReplayCheck.Stack run =
        ReplayCheck.Stack.up(
            work.resolve("run2"),
            file,
            Map.of("MOODSTREAM_STREAMING_MAX_OFFSETS_PER_TRIGGER", "2500"))) {
      long seen = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (seen == 0 && System.nanoTime() < deadline) {
        seen = totalCount(run);
        Thread.sleep(250);
      }
      assertThat(seen)
          .as("second run: some posts processed before the kill")
          .isPositive()
          .isLessThan(POSTS);
      long pid = ChildProcess.running("stream", run.paths).orElseThrow().pid();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      run.awaitOutput("stream  exited unexpectedly with status 137", Duration.ofSeconds(30));
      run.awaitOutput("stream  ready again", Duration.ofSeconds(60));
      awaitAnswer("second run, after the stream's SIGKILL", run, expected, archive);
    }
  }

  /**
   * The job's status lists the minute range each batch wrote (what REST's cache refreshes from):
   * present, and within the archive's hour.
   */
  static void assertBucketChangesReported(ReplayCheck.Stack run) throws Exception {
    JsonNode changes =
        new ObjectMapper().readTree(StackPlan.statusFile(run.paths).toFile()).path("bucketChanges");
    assertThat(changes.isArray()).as("first run: bucketChanges in the job's status").isTrue();
    int ranged = 0;
    for (JsonNode c : changes) {
      if (c.has("fromEpochSecond")) {
        ranged++;
        long from = c.get("fromEpochSecond").asLong();
        long until = c.get("untilEpochSecond").asLong();
        assertThat(from)
            .as("first run: bucket change %s", c)
            .isLessThan(until)
            .isGreaterThanOrEqualTo(T0.getEpochSecond() - 3_600);
        assertThat(until)
            .as("first run: bucket change %s", c)
            .isLessThanOrEqualTo(T0.getEpochSecond() + 7_200);
      }
    }
    assertThat(ranged).as("first run: batches that wrote buckets, in %s", changes).isPositive();
  }
}
