package io.moodstream.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

class CsvJsonTest {
  static final StructType SCHEMA =
      new StructType()
          .add("topic", DataTypes.StringType)
          .add("minute", DataTypes.TimestampType)
          .add("compound", DataTypes.DoubleType)
          .add("h", DataTypes.createArrayType(DataTypes.LongType));

  static final List<Row> ROWS =
      List.of(
          RowFactory.create(
              "apple, \"pie\"",
              Instant.parse("2026-11-24T14:00:00.250Z"),
              0.1 + 0.2,
              JavaConverters.asScalaBuffer(List.of(1L, 2L)).toSeq()),
          RowFactory.create("line\nbreak", Instant.parse("2026-11-24T14:01:00Z"), null, null));

  @Test
  void csvQuotesWhatNeedsItAndKeepsEveryDigit() throws Exception {
    StringWriter w = new StringWriter();
    long n = CsvOut.write(SCHEMA, ROWS.iterator(), w, x -> {});
    assertThat(n).isEqualTo(2);
    assertThat(w.toString())
        .isEqualTo(
            "topic,minute,compound,h\r\n"
                + "\"apple, \"\"pie\"\"\",2026-11-24T14:00:00.250Z,0.30000000000000004,\"[1,2]\"\r\n"
                + "\"line\nbreak\",2026-11-24T14:01:00Z,,\r\n");
  }

  @Test
  void jsonLinesHaveOneObjectPerRow() throws Exception {
    StringWriter w = new StringWriter();
    JsonOut.write(SCHEMA, ROWS.iterator(), w, x -> {});
    assertThat(w.toString())
        .isEqualTo(
            "{\"topic\":\"apple, \\\"pie\\\"\",\"minute\":\"2026-11-24T14:00:00.250Z\","
                + "\"compound\":0.30000000000000004,\"h\":[1,2]}\n"
                + "{\"topic\":\"line\\nbreak\",\"minute\":\"2026-11-24T14:01:00Z\","
                + "\"compound\":null,\"h\":null}\n");
  }
}
