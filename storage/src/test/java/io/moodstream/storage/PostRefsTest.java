package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.hbase.RowKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.junit.jupiter.api.Test;

/** The bytes {@code post_refs} holds, pinned: what the job writes and reads must never drift. */
class PostRefsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long NOV_24_2026_2156 =
      Instant.parse("2026-11-24T21:56:00Z").getEpochSecond();

  private static String cell(Put put) {
    List<Cell> cells = put.getFamilyCellMap().values().stream().flatMap(List::stream).toList();
    assertThat(cells).hasSize(1);
    Cell c = cells.get(0);
    return HEX.formatHex(CellUtil.cloneRow(c))
        + " "
        + HEX.formatHex(CellUtil.cloneFamily(c))
        + ":"
        + HEX.formatHex(CellUtil.cloneQualifier(c))
        + " = "
        + HEX.formatHex(CellUtil.cloneValue(c));
  }

  @Test
  void aReferenceIsTheExtremesRowKeyAsQualifierUnderRWithAnEmptyValue() {
    byte[] extremesRow = new RowKey("apple", NOV_24_2026_2156).toBytes();
    assertThat(cell(PostRefs.reference("1790", extremesRow)))
        .isEqualTo(
            "31373930" // "1790": the post id in UTF-8
                + " 72:" // r
                + "50"
                + "6170706c65"
                + "00"
                + "6b0607f0" // the extremes row key of apple 21:56
                + " = ");
  }

  @Test
  void aDeletionIsTheIsoTimeUnderDT() {
    assertThat(cell(PostRefs.deletion("at://did:plc:x/é", Instant.parse("2026-11-24T21:56:35Z"))))
        .isEqualTo(
            HEX.formatHex("at://did:plc:x/é".getBytes(StandardCharsets.UTF_8))
                + " 64:74 = " // d:t
                + HEX.formatHex("2026-11-24T21:56:35Z".getBytes(StandardCharsets.US_ASCII)));
    assertThat(HEX.formatHex(PostRefs.row("é"))).isEqualTo("c3a9");
  }

  /** What a Get asks for, in hex: {@code row family:qualifier}, or {@code row family:*}. */
  private static List<String> asked(Get get) {
    String row = HEX.formatHex(get.getRow());
    return get.getFamilyMap().entrySet().stream()
        .flatMap(
            e ->
                e.getValue() == null
                    ? Stream.of(row + " " + HEX.formatHex(e.getKey()) + ":*")
                    : e.getValue().stream()
                        .map(q -> row + " " + HEX.formatHex(e.getKey()) + ":" + HEX.formatHex(q)))
        .toList();
  }

  @Test
  void readsAskForExactlyTheCellsTheWritesPut() {
    assertThat(asked(PostRefs.deletionMarker("1790"))).containsExactly("31373930 64:74"); // d:t
    assertThat(asked(PostRefs.references("1790"))).containsExactly("31373930 72:*"); // all of r
  }
}
