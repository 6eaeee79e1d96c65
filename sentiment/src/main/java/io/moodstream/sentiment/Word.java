package io.moodstream.sentiment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything the rules need to know about one lower-case word, found with a single hash lookup per
 * token. Words absent from the index are neither lexicon, booster nor special words; they negate
 * only if they contain "n't".
 */
final class Word {

  static final int NO = 1;
  static final int BUT = 1 << 1;
  static final int KIND = 1 << 2;
  static final int OF = 1 << 3;
  static final int LEAST = 1 << 4;
  static final int NEVER = 1 << 5;
  static final int SO_OR_THIS = 1 << 6;
  static final int WITHOUT = 1 << 7;
  static final int DOUBT = 1 << 8;
  static final int OR_OR_NOR = 1 << 9;
  static final int AT_OR_VERY = 1 << 10;

  /** Part of a multi-word special case or booster ("bus stop", "kind of"). */
  static final int NGRAM_PART = 1 << 11;

  final boolean inLexicon;
  final double valence;
  final double booster;
  final boolean negating;
  final int flags;

  private Word(boolean inLexicon, double valence, double booster, boolean negating, int flags) {
    this.inLexicon = inLexicon;
    this.valence = valence;
    this.booster = booster;
    this.negating = negating;
    this.flags = flags;
  }

  boolean is(int flag) {
    return (flags & flag) != 0;
  }

  boolean isBooster() {
    return booster != 0.0;
  }

  /** Builds the index over the lexicon keys, the booster keys, the negations and the rule words. */
  static Map<String, Word> index(Map<String, Double> lexicon) {
    Map<String, Integer> flags = new HashMap<>();
    addFlag(flags, NO, "no");
    addFlag(flags, BUT, "but");
    addFlag(flags, KIND, "kind");
    addFlag(flags, OF, "of");
    addFlag(flags, LEAST, "least");
    addFlag(flags, NEVER, "never");
    addFlag(flags, SO_OR_THIS, "so", "this");
    addFlag(flags, WITHOUT, "without");
    addFlag(flags, DOUBT, "doubt");
    addFlag(flags, OR_OR_NOR, "or", "nor");
    addFlag(flags, AT_OR_VERY, "at", "very");
    for (String key : VaderRules.SPECIAL_CASES.keySet()) {
      addFlag(flags, NGRAM_PART, key.split(" "));
    }
    for (String key : VaderRules.BOOSTERS.keySet()) {
      if (key.indexOf(' ') >= 0) {
        addFlag(flags, NGRAM_PART, key.split(" "));
      }
    }
    Map<String, Word> words = new HashMap<>(lexicon.size() * 2);
    Set<String> keys = new HashSet<>(lexicon.keySet());
    keys.addAll(VaderRules.BOOSTERS.keySet());
    keys.addAll(VaderRules.NEGATIONS);
    keys.addAll(flags.keySet());
    for (String key : keys) {
      Double valence = lexicon.get(key);
      words.put(
          key,
          new Word(
              valence != null,
              valence != null ? valence : 0.0,
              VaderRules.BOOSTERS.getOrDefault(key, 0.0),
              negates(key),
              flags.getOrDefault(key, 0)));
    }
    return words; // never modified after this point: safe to share between threads
  }

  /** The reference's negation test on a lower-case word. */
  static boolean negates(String lower) {
    return VaderRules.NEGATIONS.contains(lower) || lower.contains("n't");
  }

  private static void addFlag(Map<String, Integer> flags, int flag, String... words) {
    for (String w : words) {
      flags.merge(w, flag, (a, b) -> a | b);
    }
  }
}
