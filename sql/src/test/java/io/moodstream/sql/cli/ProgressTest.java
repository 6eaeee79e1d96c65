package io.moodstream.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  final AtomicLong clock = new AtomicLong(1_000_000);
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Progress progress(boolean terminal) {
    return new Progress(
        new PrintStream(err, true, StandardCharsets.UTF_8), 10_000, terminal, clock::get);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aShortRunPrintsNothing() {
    Progress p = progress(false);
    p.update(0);
    clock.addAndGet(5_000);
    p.update(0); // nothing read yet, however long planning takes
    p.update(10);
    clock.addAndGet(1_000);
    p.update(10_000);
    p.finish();
    assertThat(err()).isEmpty();
  }

  @Test
  void aLongRunPrintsALineEveryInterval() {
    Progress p = progress(false);
    p.update(100);
    clock.addAndGet(2_500);
    p.update(2_500);
    clock.addAndGet(500);
    p.update(3_000);
    clock.addAndGet(2_000);
    p.update(5_000);
    assertThat(err())
        .isEqualTo(
            "export: 2,500 buckets of at most 10,000 (25%), 3 s\n"
                + "export: 5,000 buckets of at most 10,000 (50%), 5 s\n");
  }

  @Test
  void onATerminalLinesOverwriteEachOtherAndFinishEndsThem() {
    Progress p = progress(true);
    p.update(1);
    clock.addAndGet(3_000);
    p.update(4_000);
    p.finish();
    assertThat(err()).isEqualTo("\rexport: 4,000 buckets of at most 10,000 (40%), 3 s   \n");
  }
}
