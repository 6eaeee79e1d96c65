package io.moodstream.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketChangesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = 1_763_632_800L; // 2025-11-20T10:00:00Z

  private static MoodTransform.BucketRow row(String topic, long minute) {
    return new MoodTransform.BucketRow(topic, minute, null);
  }

  private static String json(BucketChanges c) {
    ArrayNode a = JSON.createArrayNode();
    c.writeTo(a);
    return a.toString();
  }

  @Test
  void aBatchReportsItsMinuteRangeEndExclusiveAndItsTopics() {
    BucketChanges c = new BucketChanges();
    c.add(
        BucketChanges.of(
            7, List.of(row("all", T0 + 120), row("apple", T0), row("all", T0), row("all", T0))));
    assertEquals(
        "[{\"batchId\":7,\"fromEpochSecond\":"
            + T0
            + ",\"untilEpochSecond\":"
            + (T0 + 180)
            + ",\"topics\":[\"all\",\"apple\"]}]",
        json(c));
  }

  @Test
  void aBatchThatWroteNothingHasOnlyItsId() {
    BucketChanges c = new BucketChanges();
    c.add(BucketChanges.of(3, List.of()));
    assertEquals("[{\"batchId\":3}]", json(c));
  }

  @Test
  void manyTopicsAreWrittenAsNoListMeaningAll() {
    List<MoodTransform.BucketRow> rows = new ArrayList<>();
    for (int i = 0; i <= BucketChanges.TOPICS_LISTED; i++) {
      rows.add(row("t" + i, T0));
    }
    BucketChanges.Change change = BucketChanges.of(1, rows);
    assertEquals(List.of(), change.topics());
    BucketChanges c = new BucketChanges();
    c.add(change);
    assertEquals(
        "[{\"batchId\":1,\"fromEpochSecond\":" + T0 + ",\"untilEpochSecond\":" + (T0 + 60) + "}]",
        json(c));
  }

  @Test
  void keepsTheLastBatchesOldestFirst() throws Exception {
    BucketChanges c = new BucketChanges();
    for (long id = 0; id < BucketChanges.KEPT + 10; id++) {
      c.add(BucketChanges.of(id, List.of(row("all", T0 + 60 * id))));
    }
    var a = JSON.readTree(json(c));
    assertEquals(BucketChanges.KEPT, a.size());
    assertEquals(10, a.get(0).get("batchId").asLong());
    assertEquals(BucketChanges.KEPT + 9, a.get(a.size() - 1).get("batchId").asLong());
  }

  @Test
  void aBatchIdGoingBackForgetsTheOlderCheckpointsChanges() throws Exception {
    BucketChanges c = new BucketChanges();
    c.add(BucketChanges.of(41, List.of(row("all", T0))));
    c.add(BucketChanges.of(42, List.of(row("all", T0))));
    c.add(BucketChanges.of(0, List.of(row("all", T0))));
    var a = JSON.readTree(json(c));
    assertEquals(1, a.size());
    assertEquals(0, a.get(0).get("batchId").asLong());
  }
}
