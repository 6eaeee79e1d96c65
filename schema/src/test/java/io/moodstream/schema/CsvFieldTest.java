package io.moodstream.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvFieldTest {
  @Test
  void plainFieldsStayAsTheyAre() {
    assertThat(CsvField.of("apple")).isEqualTo("apple");
    assertThat(CsvField.of("")).isEqualTo("");
    assertThat(CsvField.of("semi;colon 'single'")).isEqualTo("semi;colon 'single'");
  }

  @Test
  void commasQuotesAndLineEndsAreQuotedWithQuotesDoubled() {
    assertThat(CsvField.of("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvField.of("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvField.of("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvField.of("cr\r")).isEqualTo("\"cr\r\"");
  }
}
