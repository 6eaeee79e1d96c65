package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.RowKey;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
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

  /**
   * PostRefs over a post_refs table holding the cells of {@code puts}: each Get of a batch answers
   * the cells of its row in the families it asks for. {@code opened} records each table opened.
   */
  private static PostRefs over(List<TableName> opened, Put... puts) {
    List<Cell> cells =
        Arrays.stream(puts)
            .flatMap(p -> p.getFamilyCellMap().values().stream().flatMap(List::stream))
            .toList();
    Table table =
        proxy(
            Table.class,
            (m, args) -> {
              if (m.getName().equals("close")) {
                return null;
              }
              @SuppressWarnings("unchecked")
              List<Get> gets = (List<Get>) args[0];
              return gets.stream()
                  .map(
                      g ->
                          Result.create(
                              cells.stream()
                                  .filter(c -> Arrays.equals(CellUtil.cloneRow(c), g.getRow()))
                                  .filter(
                                      c -> g.getFamilyMap().containsKey(CellUtil.cloneFamily(c)))
                                  .toList()))
                  .toArray(Result[]::new);
            });
    Connection connection =
        proxy(
            Connection.class,
            (m, args) -> {
              opened.add((TableName) args[0]);
              return table;
            });
    return new PostRefs(connection, HBaseLayout.of("GZ", Duration.ofDays(90), 1));
  }

  /** An implementation of {@code type} whose every method {@code answer} answers. */
  private static <T> T proxy(Class<T> type, BiFunction<Method, Object[], Object> answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> answer.apply(m, args)));
  }

  @Test
  void deletedAmongNamesTheIdsWithADeletionMarkerAndNeverOthers() throws Exception {
    List<TableName> opened = new ArrayList<>();
    PostRefs refs =
        over(
            opened,
            PostRefs.deletion("2", Instant.EPOCH),
            PostRefs.reference("3", new RowKey("apple", NOV_24_2026_2156).toBytes()),
            PostRefs.deletion("4", Instant.EPOCH));
    assertThat(refs.deletedAmong(List.of("1", "2", "3", "4"))).containsExactlyInAnyOrder("2", "4");
    assertThat(refs.deletedAmong(List.of("1", "3"))).isEmpty();
    assertThat(opened).extracting(TableName::getNameAsString).containsOnly("moodstream:post_refs");
    opened.clear();
    assertThat(refs.deletedAmong(List.of())).isEmpty();
    assertThat(opened).isEmpty();
  }

  @Test
  void extremesRowsListingGivesEachListingRowOnceInTheOrderFound() throws Exception {
    byte[] a = new RowKey("apple", NOV_24_2026_2156).toBytes();
    byte[] b = new RowKey("apple", NOV_24_2026_2156 + 60).toBytes();
    byte[] c = new RowKey("banana", NOV_24_2026_2156).toBytes();
    List<TableName> opened = new ArrayList<>();
    PostRefs refs =
        over(
            opened,
            PostRefs.reference("1", b),
            PostRefs.reference("1", a),
            PostRefs.deletion("2", Instant.EPOCH),
            PostRefs.reference("3", c),
            PostRefs.reference("3", b));
    assertThat(refs.extremesRowsListing(List.of("3", "2", "1")).stream().map(HEX::formatHex))
        .containsExactly(HEX.formatHex(b), HEX.formatHex(c), HEX.formatHex(a));
    assertThat(opened).extracting(TableName::getNameAsString).containsOnly("moodstream:post_refs");
    opened.clear();
    assertThat(refs.extremesRowsListing(List.of())).isEmpty();
    assertThat(opened).isEmpty();
  }
}
