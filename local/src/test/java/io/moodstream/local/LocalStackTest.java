package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.local.LocalStack.Part;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalStackTest {

  @Test
  void everyPartStartsInExactlyOneWaveAndStopOrderIsTheIssues() {
    assertThat(LocalStack.START_WAVES.stream().flatMap(List::stream))
        .containsExactlyInAnyOrder(Part.values());
    // Kafka and HBase before the schema, the schema before anything that reads or writes data
    assertThat(LocalStack.START_WAVES.get(0)).containsExactlyInAnyOrder(Part.KAFKA, Part.HBASE);
    assertThat(LocalStack.START_WAVES.get(1)).containsExactly(Part.SCHEMA);
    assertThat(LocalStack.STOP_ORDER)
        .containsExactly(Part.INGEST, Part.STREAM, Part.REST, Part.HBASE, Part.KAFKA);
  }

  @Test
  void startsAWaveConcurrently() throws Exception {
    // each starter waits for the other two: this only finishes if all three run at once
    CountDownLatch all = new CountDownLatch(3);
    Set<Part> started = ConcurrentHashMap.newKeySet();
    LocalStack.inParallel(
        List.of(Part.STREAM, Part.REST, Part.INGEST),
        p -> {
          all.countDown();
          assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
          started.add(p);
        });
    assertThat(started).containsExactlyInAnyOrder(Part.STREAM, Part.REST, Part.INGEST);
  }

  @Test
  void anEmptyWaveStartsNothing() throws Exception {
    // `up --only kafka,hbase,schema` leaves the last wave empty
    LocalStack.inParallel(
        List.of(),
        p -> {
          throw new AssertionError("nothing to start, yet " + p + " was started");
        });
  }

  @Test
  void theFirstFailureInterruptsTheOthersAndIsRethrown() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    assertThatThrownBy(
            () ->
                LocalStack.inParallel(
                    Arrays.asList(Part.KAFKA, Part.HBASE),
                    p -> {
                      if (p == Part.HBASE) {
                        throw new IOException("hbase exited during start; see hbase.log");
                      }
                      try {
                        Thread.sleep(60_000);
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                      }
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("hbase exited during start; see hbase.log");
    assertThat(interrupted.await(10, TimeUnit.SECONDS))
        .as("the slow starter was interrupted")
        .isTrue();
  }
}
