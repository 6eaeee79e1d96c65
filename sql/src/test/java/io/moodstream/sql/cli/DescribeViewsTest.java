package io.moodstream.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The prompt's {@code \d}: each view with its columns, one line each. */
class DescribeViewsTest {

  @Test
  void eachViewIsListedWithItsColumnsInOrder() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    new SqlMain(ArgumentsTest.NO_SPARK, null, stdout, stdout).describeViews();
    String agg =
        " (topic, bucket_start, count, scored, positive, neutral, negative, mean_compound,"
            + " stddev_compound, sum_compound, sum_squares, histogram)\n";
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "  agg_1m"
                + agg
                + "  agg_1h"
                + agg
                + "  agg_1d"
                + agg
                + "  extremes_1m (topic, minute, polarity, rank, post_id, text, author, author_id,"
                + " compound, created_at, url)\n"
                + "  \\d VIEW shows the columns with their meaning; \\q quits.\n");
  }
}
