package io.moodstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestArgsTest {
  @Test
  void replayTakesPathsAsSubcommandOrOption() throws Exception {
    IngestArgs a = IngestArgs.parse("replay", "a.json.bz2", "dir", "--speed", "max");
    assertThat(a.source()).isEqualTo("replay");
    assertThat(a.paths()).containsExactly("a.json.bz2", "dir");
    assertThat(a.speed()).isZero();
    IngestArgs b = IngestArgs.parse("--source", "replay", "--speed=10", "x.jsonl");
    assertThat(b.paths()).containsExactly("x.jsonl");
    assertThat(b.speed()).isEqualTo(10.0);
    assertThat(IngestArgs.parse("--source=replay", "--speed", "1", "f").speed()).isEqualTo(1.0);
  }

  @Test
  void syntheticBackfillParsesDatesAndInstants() throws Exception {
    IngestArgs a =
        IngestArgs.parse(
            "--source",
            "synthetic",
            "--from",
            "2026-11-24",
            "--to",
            "2026-11-24T06:00:00Z",
            "--rate",
            "200",
            "--seed",
            "7",
            "--topics",
            "coffee, climate change ,#ai");
    assertThat(a.from()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(a.to()).isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
    assertThat(a.rate()).isEqualTo(200.0);
    assertThat(a.seed()).isEqualTo(7L);
    assertThat(a.topics()).isEqualTo(List.of("coffee", "climate change", "#ai"));
    assertThat(a.steady()).isFalse();
    assertThat(IngestArgs.parse("synthetic", "--rate=100", "--steady").steady()).isTrue();
  }

  @Test
  void theProgressBarIsOnOffOrLeftToTheTerminal() throws Exception {
    assertThat(IngestArgs.parse("replay", "f").progress()).isNull();
    assertThat(IngestArgs.parse("replay", "f", "--progress").progress()).isTrue();
    assertThat(IngestArgs.parse("replay", "f", "--no-progress").progress()).isFalse();
    assertThatThrownBy(() -> IngestArgs.parse("replay", "f", "--progress", "--no-progress"))
        .hasMessageContaining("should be specified only once");
  }

  @Test
  void badCommandLinesSayWhatToChange() {
    assertThatThrownBy(() -> IngestArgs.parse("--source", "myspace"))
        .hasMessageContaining("unknown source 'myspace'");
    assertThatThrownBy(() -> IngestArgs.parse("replay")).hasMessageContaining("at least one PATH");
    assertThatThrownBy(() -> IngestArgs.parse("synthetic", "file.json"))
        .hasMessageContaining("only replay takes paths");
    assertThatThrownBy(() -> IngestArgs.parse("--from", "2026-01-02"))
        .hasMessageContaining("--from and --to go together");
    assertThatThrownBy(() -> IngestArgs.parse("--from", "2026-01-02", "--to", "2026-01-01"))
        .hasMessageContaining("before");
    assertThatThrownBy(() -> IngestArgs.parse("--from", "yesterday", "--to", "2026-01-01"))
        .hasMessage(
            "--from must be a date (2026-11-24) or an instant (2026-11-24T10:00:00Z),"
                + " got 'yesterday'");
    assertThatThrownBy(() -> IngestArgs.parse("--from", "2026-01-01", "--to", "soon"))
        .hasMessage(
            "--to must be a date (2026-11-24) or an instant (2026-11-24T10:00:00Z), got 'soon'");
    assertThatThrownBy(() -> IngestArgs.parse("replay", "f", "--speed", "fast"))
        .hasMessageContaining("--speed must be");
    assertThatThrownBy(() -> IngestArgs.parse("replay", "f", "--speed", "0"))
        .hasMessageContaining("--speed must be");
    assertThatThrownBy(() -> IngestArgs.parse("--rate", "-1")).hasMessageContaining("--rate");
    assertThatThrownBy(() -> IngestArgs.parse("--bogus"))
        .hasMessageContaining("Unknown option: '--bogus'");
    assertThatThrownBy(() -> IngestArgs.parse("--rate"))
        .hasMessageContaining("Missing required parameter for option '--rate'");
    assertThatThrownBy(() -> IngestArgs.parse("--topics", " , ")).hasMessageContaining("--topics");
    assertThatThrownBy(() -> IngestArgs.parse("replay", "f", "--steady"))
        .hasMessageContaining("--steady applies to the synthetic source only");
  }

  @Test
  void helpWinsOverEverythingElse() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream o =
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(
            IngestMain.run(
                new String[] {"replay", "--help"},
                keys -> {
                  throw new AssertionError("help loads no configuration");
                },
                new io.moodstream.ingest.core.Lifecycle(),
                o,
                o))
        .isZero();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("--source", "--topics", "--speed", "--rate");
  }
}
