package io.moodstream.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

class TablePrinterTest {
  static final StructType SCHEMA =
      new StructType()
          .add("topic", DataTypes.StringType)
          .add("bucket_start", DataTypes.TimestampType)
          .add("count", DataTypes.LongType)
          .add("mean", DataTypes.DoubleType)
          .add("histogram", DataTypes.createArrayType(DataTypes.LongType));

  static String print(List<Row> rows, int width) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    TablePrinter.print(SCHEMA, rows, width, new PrintStream(b, true, StandardCharsets.UTF_8));
    return b.toString(StandardCharsets.UTF_8);
  }

  static Row row(String topic, long count, Double mean, List<Long> h) {
    return RowFactory.create(
        topic,
        Instant.parse("2026-11-24T14:00:00Z"),
        count,
        mean,
        h == null ? null : JavaConverters.asScalaBuffer(h).toSeq());
  }

  @Test
  void columnsAlignNumbersRightAndShowNull() {
    assertThat(
            print(
                List.of(
                    row("apple", 12, 0.123456, List.of(0L, 1L, 2L)), row("気分", 1234, null, null)),
                48))
        .isEqualTo(
            """
             topic | bucket_start         | count | mean   | histogram
            -------+----------------------+-------+--------+-----------
             apple | 2026-11-24T14:00:00Z |    12 | 0.1235 | [0,1,2]
             気分  | 2026-11-24T14:00:00Z |  1234 |   NULL | NULL
            """);
  }

  @Test
  void longAndMultiLineTextIsCutAndMadeVisible() {
    String out =
        print(List.of(row("a very long topic name\nwith a second line", 1, -0.5, List.of())), 12);
    assertThat(out).contains(" a very long… |").contains("-0.5000").contains("| []");
  }

  @Test
  void wideCharactersCountTwoColumnsAndCutsNeverSplitThem() {
    assertThat(DisplayWidth.of("気分")).isEqualTo(4);
    assertThat(DisplayWidth.of("I love it 😍")).isEqualTo(12);
    assertThat(DisplayWidth.of("é")).isEqualTo(1);
    assertThat(DisplayWidth.of("👍🏽")).isEqualTo(2);
    assertThat(DisplayWidth.truncate("気分気分", 6)).isEqualTo("気分…");
    assertThat(DisplayWidth.truncate("😍😍😍", 4)).isEqualTo("😍…");
  }

  @Test
  void decimalsAlignRightAsOtherNumbers() {
    StructType schema =
        new StructType().add("name", DataTypes.StringType).add("amount", "decimal(10,2)");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    TablePrinter.print(
        schema,
        List.of(
            RowFactory.create("a", new java.math.BigDecimal("1.50")),
            RowFactory.create("bb", new java.math.BigDecimal("12345.00"))),
        48,
        new PrintStream(b, true, StandardCharsets.UTF_8));
    assertThat(b.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            """
             name | amount
            ------+----------
             a    |     1.50
             bb   | 12345.00
            """);
  }

  @Test
  void doublesShowFourDecimalsOrScientificNotation() {
    assertThat(Cells.number(0.0)).isEqualTo("0.0000");
    assertThat(Cells.number(-0.0)).isEqualTo("0.0000");
    assertThat(Cells.number(12.0)).isEqualTo("12.0000");
    assertThat(Cells.number(0.00001234)).isEqualTo("1.2340e-05");
    assertThat(Cells.number(Double.NaN)).isEqualTo("NaN");
  }
}
