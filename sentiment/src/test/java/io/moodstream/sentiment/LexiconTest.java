package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled npm lexicon and the reference's loading rules (VADER-NOTES.md 1.1). */
class LexiconTest {

  @Test
  void laterDuplicateLineWinsAndKeysStayCaseSensitive() throws IOException {
    String file = "  ok\t1.6\t0.1\t[1]  \n\n:D\t2.3\t0\t[]\nok\t1.2\t0\t[]\n:d\t1.0\n";
    Map<String, Double> lexicon =
        Lexicon.parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
    assertThat(lexicon).containsExactlyInAnyOrderEntriesOf(Map.of("ok", 1.2, ":D", 2.3, ":d", 1.0));
  }

  @Test
  void bundledNpmFileHasFourteenDuplicatesAndSevenThousandFiveHundredThreeKeys()
      throws IOException {
    int lines = 0;
    Map<String, Integer> seen = new HashMap<>();
    try (InputStream in = Lexicon.class.getResourceAsStream(Lexicon.BUNDLED_RESOURCE)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        lines++;
        seen.merge(line.substring(0, line.indexOf('\t')), 1, Integer::sum);
      }
    }
    assertThat(lines).isEqualTo(7_517); // the reference file has 7,520: heart, hearts, flawed
    assertThat(seen.values().stream().filter(n -> n > 1).count()).isEqualTo(14);
    assertThat(Lexicon.bundled()).hasSize(7_503);
    assertThat(Lexicon.bundledWithOverrides()).hasSize(7_506); // as the reference
  }

  @Test
  void duplicatedKeysTakeTheirLaterValues() {
    Map<String, Double> lexicon = Lexicon.bundledWithOverrides();
    Map<String, Double> expected =
        Map.ofEntries(
            Map.entry(":-p", 1.5),
            Map.entry("d:", 1.2),
            Map.entry("d=", 1.5),
            Map.entry("fav", 2.0),
            Map.entry("lmao", 2.9),
            Map.entry("lol", 1.8),
            Map.entry("muah", 2.3),
            Map.entry("o.o", -0.8),
            Map.entry("ok", 1.2),
            Map.entry("sob", -1.0),
            Map.entry("x-d", 2.6),
            Map.entry("x-p", 1.7),
            Map.entry("xd", 2.8),
            Map.entry("xp", 1.6));
    assertThat(lexicon).containsAllEntriesOf(expected);
  }

  @Test
  void lexiconFactsTheRulesDependOnHold() {
    Map<String, Double> lexicon = Lexicon.bundledWithOverrides();
    assertThat(lexicon)
        .containsAllEntriesOf(
            Map.of("no", -1.2, "kind", 2.4, "doubt", -1.5, "yeah", 1.2, "stop", -1.2))
        .containsAllEntriesOf(Map.of("die", -2.9, "kiss", 1.8));
    assertThat(lexicon)
        .doesNotContainKeys(
            "never", "least", "so", "this", "but", "without", "not", "or", "nor", "at", "very",
            "of");
    assertThat(lexicon).doesNotContainKeys(VaderRules.BOOSTERS.keySet().toArray(String[]::new));
    assertThat(lexicon).doesNotContainKeys(VaderRules.NEGATIONS.toArray(String[]::new));
  }
}
