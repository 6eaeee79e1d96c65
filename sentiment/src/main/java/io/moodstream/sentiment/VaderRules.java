package io.moodstream.sentiment;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The constants and word lists of vaderSentiment 3.3.2 (VADER-NOTES.md sections 1.4–1.12). */
final class VaderRules {

  /** Booster/dampener step. */
  static final double B_INCR = 0.293;

  static final double B_DECR = -0.293;

  /** ALL-CAPS emphasis. */
  static final double C_INCR = 0.733;

  /** Negation factor. */
  static final double N_SCALAR = -0.74;

  /** "never so/this" factor. */
  static final double NEVER_SO = 1.25;

  /** Booster damping two and three words back. */
  static final double DAMP_2 = 0.95;

  static final double DAMP_3 = 0.9;

  /** Compound normalisation constant. */
  static final double ALPHA = 15.0;

  static final double EXCLAMATION_STEP = 0.292;
  static final int EXCLAMATION_CAP = 4;
  static final double QUESTION_STEP = 0.18;
  static final double QUESTION_MAX = 0.96;

  /** The 59 negation words; any word containing "n't" (ASCII apostrophe) also negates. */
  static final Set<String> NEGATIONS =
      Set.of(
          "aint",
          "arent",
          "cannot",
          "cant",
          "couldnt",
          "darent",
          "didnt",
          "doesnt",
          "ain't",
          "aren't",
          "can't",
          "couldn't",
          "daren't",
          "didn't",
          "doesn't",
          "dont",
          "hadnt",
          "hasnt",
          "havent",
          "isnt",
          "mightnt",
          "mustnt",
          "neither",
          "don't",
          "hadn't",
          "hasn't",
          "haven't",
          "isn't",
          "mightn't",
          "mustn't",
          "neednt",
          "needn't",
          "never",
          "none",
          "nope",
          "nor",
          "not",
          "nothing",
          "nowhere",
          "oughtnt",
          "shant",
          "shouldnt",
          "uhuh",
          "wasnt",
          "werent",
          "oughtn't",
          "shan't",
          "shouldn't",
          "uh-uh",
          "wasn't",
          "weren't",
          "without",
          "wont",
          "wouldnt",
          "won't",
          "wouldn't",
          "rarely",
          "seldom",
          "despite");

  private static final String[] INCREMENTS = {
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flippin",
    "flipping",
    "frackin",
    "fracking",
    "frickin",
    "fricking",
    "friggin",
    "frigging",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "fully",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very"
  };

  private static final String[] DECREMENTS = {
    "almost",
    "barely",
    "hardly",
    "just enough",
    "kind of",
    "kind-of",
    "kinda",
    "kindof",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sort of",
    "sort-of",
    "sorta",
    "sortof"
  };

  /** The 84 booster keys and their values; three keys contain a space. */
  static final Map<String, Double> BOOSTERS = boosters();

  /** Special-case idioms (only those with a lexicon word; the reference applies no others). */
  static final Map<String, Double> SPECIAL_CASES =
      Map.of(
          "the shit", 3.0,
          "the bomb", 3.0,
          "bad ass", 1.5,
          "badass", 1.5,
          "bus stop", 0.0,
          "yeah right", -2.0,
          "kiss of death", -1.5,
          "to die for", 3.0,
          "beating heart", 3.1,
          "broken heart", -2.9);

  private VaderRules() {}

  private static Map<String, Double> boosters() {
    Map<String, Double> map = new HashMap<>();
    for (String w : INCREMENTS) {
      map.put(w, B_INCR);
    }
    for (String w : DECREMENTS) {
      map.put(w, B_DECR);
    }
    return Map.copyOf(map);
  }
}
