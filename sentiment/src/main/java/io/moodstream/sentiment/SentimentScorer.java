package io.moodstream.sentiment;

import static io.moodstream.sentiment.VaderRules.ALPHA;
import static io.moodstream.sentiment.VaderRules.C_INCR;
import static io.moodstream.sentiment.VaderRules.DAMP_2;
import static io.moodstream.sentiment.VaderRules.DAMP_3;
import static io.moodstream.sentiment.VaderRules.EXCLAMATION_CAP;
import static io.moodstream.sentiment.VaderRules.EXCLAMATION_STEP;
import static io.moodstream.sentiment.VaderRules.NEVER_SO;
import static io.moodstream.sentiment.VaderRules.N_SCALAR;
import static io.moodstream.sentiment.VaderRules.QUESTION_MAX;
import static io.moodstream.sentiment.VaderRules.QUESTION_STEP;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * VADER sentiment scores with exact parity to vaderSentiment 3.3.2 (see {@code
 * sentiment/VADER-NOTES.md}; section numbers in comments refer to it).
 *
 * <p>Immutable and thread-safe: one instance serves any number of threads. {@link #standard()}
 * loads the bundled lexicon and the emoji map once per JVM.
 */
public final class SentimentScorer {

  private static final class Standard {
    static final SentimentScorer INSTANCE =
        new SentimentScorer(Lexicon.bundledWithOverrides(), EmojiDescriptions.reference());
  }

  private final Map<String, Word> words;
  private final EmojiDescriptions emoji;

  SentimentScorer(Map<String, Double> lexicon, EmojiDescriptions emoji) {
    this.words = Word.index(lexicon);
    this.emoji = Objects.requireNonNull(emoji, "emoji");
  }

  /** The scorer with the bundled lexicon (3.3.2 values) and the reference emoji map. */
  public static SentimentScorer standard() {
    return Standard.INSTANCE;
  }

  /** Scores {@code text} (null is treated as empty). */
  public Scores score(String text) {
    Tokens t = tokens(text);
    if (t.n == 0) {
      return Scores.ZERO;
    }
    double[] v = valences(t);
    return scores(v, t.exclamations, t.questions);
  }

  /** Token valences after the "but" step (1.5–1.11), for tests. */
  double[] valences(String text) {
    return valences(tokens(text));
  }

  // ---- 1.2 and 1.3: emoji replacement, trimming, tokenisation --------------------------------

  /** The tokens of one text and what the rules need to know about them. */
  private static final class Tokens {
    int n;
    String[] original;
    String[] lower;
    Word[] word; // null when the lower-case token is in no list
    boolean[] upper;
    boolean capDiff;
    int exclamations;
    int questions;

    Tokens(int capacity) {
      original = new String[capacity];
    }

    void add(String token) {
      if (n == original.length) {
        original = java.util.Arrays.copyOf(original, n * 2);
      }
      original[n++] = token;
    }
  }

  private Tokens tokens(String raw) {
    String text = emoji.replace(raw == null ? "" : raw);
    int len = text.length();
    Tokens t = new Tokens(Math.max(4, len / 4));
    int i = 0;
    while (i < len) {
      char c = text.charAt(i);
      if (Text.isPythonWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < len && !Text.isPythonWhitespace(c = text.charAt(i))) {
        if (c == '!') {
          t.exclamations++;
        } else if (c == '?') {
          t.questions++;
        }
        i++;
      }
      t.add(token(text, start, i));
    }
    int n = t.n;
    t.lower = new String[n];
    t.word = new Word[n];
    t.upper = new boolean[n];
    int upperCount = 0;
    for (int k = 0; k < n; k++) {
      String lower = t.original[k].toLowerCase(Locale.ROOT);
      t.lower[k] = lower;
      t.word[k] = words.get(lower);
      if (Text.isPythonUpper(t.original[k])) {
        t.upper[k] = true;
        upperCount++;
      }
    }
    t.capDiff = upperCount > 0 && upperCount < n; // 1.4
    return t;
  }

  /** 1.3: strip ASCII punctuation from both ends unless that leaves at most 2 code points. */
  private static String token(String text, int start, int end) {
    int s = start;
    int e = end;
    while (s < e && Text.isAsciiPunctuation(text.charAt(s))) {
      s++;
    }
    while (e > s && Text.isAsciiPunctuation(text.charAt(e - 1))) {
      e--;
    }
    boolean keepPiece = e - s <= 2 || (e - s <= 4 && Character.codePointCount(text, s, e) <= 2);
    return keepPiece ? text.substring(start, end) : text.substring(s, e);
  }

  // ---- 1.5 to 1.11: valences ---------------------------------------------------------------

  private double[] valences(Tokens t) {
    int n = t.n;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      Word w = t.word[i];
      if (w == null || w.isBooster()) {
        continue; // 1.5 (a), (c)
      }
      if (w.is(Word.KIND) && i < n - 1 && is(t, i + 1, Word.OF)) {
        continue; // 1.5 (b)
      }
      if (w.inLexicon) {
        v[i] = valence(t, i, w);
      }
    }
    butRescale(t, v);
    return v;
  }

  /** 1.6: V1–V5 for the lexicon token at {@code i}. */
  private double valence(Tokens t, int i, Word w) {
    int n = t.n;
    double raw = w.valence;
    double v = raw;
    // V2 "no"
    if (w.is(Word.NO) && i != n - 1 && inLexicon(t, i + 1)) {
      v = 0.0;
    }
    if ((i > 0 && is(t, i - 1, Word.NO))
        || (i > 1 && is(t, i - 2, Word.NO))
        || (i > 2 && is(t, i - 3, Word.NO) && is(t, i - 1, Word.OR_OR_NOR))) {
      v = raw * N_SCALAR;
    }
    // V3 caps
    if (t.upper[i] && t.capDiff) {
      v = v > 0 ? v + C_INCR : v - C_INCR;
    }
    // V4 look-back
    for (int d = 1; d <= 3; d++) {
      if (i < d || inLexicon(t, i - d)) {
        continue;
      }
      double s = boosterScalar(t, i - d, v);
      if (d == 2) {
        s = s * DAMP_2;
      } else if (d == 3) {
        s = s * DAMP_3;
      }
      v = v + s;
      v = negation(t, i, d, v);
      if (d == 3) {
        v = idioms(t, i, v);
      }
    }
    // V5 "least" (1.9)
    if (i >= 2 && is(t, i - 1, Word.LEAST)) {
      if (!is(t, i - 2, Word.AT_OR_VERY)) {
        v = v * N_SCALAR;
      }
    } else if (i == 1 && is(t, 0, Word.LEAST)) {
      v = v * N_SCALAR;
    }
    return v;
  }

  /** 1.6 V4 step 1: the booster scalar of the word at {@code k} for current valence {@code v}. */
  private static double boosterScalar(Tokens t, int k, double v) {
    Word w = t.word[k];
    if (w == null || !w.isBooster()) {
      return 0.0;
    }
    double s = w.booster;
    if (v < 0) {
      s = s * -1;
    }
    if (t.upper[k] && t.capDiff) {
      s = v > 0 ? s + C_INCR : s - C_INCR;
    }
    return s;
  }

  /** 1.7: the negation rule for look-back distance {@code d}. */
  private static double negation(Tokens t, int i, int d, double v) {
    switch (d) {
      case 1:
        return negating(t, i - 1) ? v * N_SCALAR : v;
      case 2:
        if (is(t, i - 2, Word.NEVER) && is(t, i - 1, Word.SO_OR_THIS)) {
          return v * NEVER_SO;
        }
        if (is(t, i - 2, Word.WITHOUT) && is(t, i - 1, Word.DOUBT)) {
          return v;
        }
        return negating(t, i - 2) ? v * N_SCALAR : v;
      default:
        if ((is(t, i - 3, Word.NEVER) && is(t, i - 2, Word.SO_OR_THIS))
            || is(t, i - 1, Word.SO_OR_THIS)) {
          return v * NEVER_SO; // the reference's precedence quirk: "so"/"this" alone suffices
        }
        if (is(t, i - 3, Word.WITHOUT) && (is(t, i - 2, Word.DOUBT) || is(t, i - 1, Word.DOUBT))) {
          return v;
        }
        return negating(t, i - 3) ? v * N_SCALAR : v;
    }
  }

  /** 1.8: special-case idioms, then the multi-word dampeners; only called at d = 3. */
  private static double idioms(Tokens t, int i, double v) {
    double found = firstSpecialCase(t, i);
    if (!Double.isNaN(found)) {
      v = found;
    }
    int n = t.n;
    if (n - 1 > i) {
      double after = ngram(t, VaderRules.SPECIAL_CASES, i, i + 1);
      if (!Double.isNaN(after)) {
        v = after;
      }
    }
    if (n - 1 > i + 1) {
      double after = ngram(t, VaderRules.SPECIAL_CASES, i, i + 2);
      if (!Double.isNaN(after)) {
        v = after;
      }
    }
    double[] boosts = {
      ngram(t, VaderRules.BOOSTERS, i - 3, i - 1),
      ngram(t, VaderRules.BOOSTERS, i - 3, i - 2),
      ngram(t, VaderRules.BOOSTERS, i - 2, i - 1)
    };
    for (double b : boosts) {
      if (!Double.isNaN(b)) {
        v = v + b;
      }
    }
    return v;
  }

  private static double firstSpecialCase(Tokens t, int i) {
    int[][] spans = {{i - 1, i}, {i - 2, i}, {i - 2, i - 1}, {i - 3, i - 1}, {i - 3, i - 2}};
    for (int[] span : spans) {
      double value = ngram(t, VaderRules.SPECIAL_CASES, span[0], span[1]);
      if (!Double.isNaN(value)) {
        return value;
      }
    }
    return Double.NaN;
  }

  /**
   * The value in {@code table} of the lower-case tokens {@code from..to} joined by single spaces,
   * or NaN. The string is built only when every token is part of some multi-word key.
   */
  private static double ngram(Tokens t, Map<String, Double> table, int from, int to) {
    for (int k = from; k <= to; k++) {
      if (!is(t, k, Word.NGRAM_PART)) {
        return Double.NaN;
      }
    }
    StringBuilder key = new StringBuilder(t.lower[from]);
    for (int k = from + 1; k <= to; k++) {
      key.append(' ').append(t.lower[k]);
    }
    Double value = table.get(key.toString());
    return value == null ? Double.NaN : value;
  }

  /**
   * 1.11: rescales around the first "but", reproducing the reference's first-equal-value lookup: at
   * each position the first slot holding an equal value is the one rescaled.
   */
  private static void butRescale(Tokens t, double[] v) {
    int n = t.n;
    int b = -1;
    for (int k = 0; k < n; k++) {
      if (is(t, k, Word.BUT)) {
        b = k;
        break;
      }
    }
    if (b < 0) {
      return;
    }
    for (int k = 0; k < n; k++) {
      double x = v[k];
      int j = 0;
      while (v[j] != x) { // primitive ==: 0.0 and -0.0 are equal, as in Python
        j++;
      }
      if (j < b) {
        v[j] = x * 0.5;
      } else if (j > b) {
        v[j] = x * 1.5;
      }
    }
  }

  private static boolean is(Tokens t, int k, int flag) {
    Word w = t.word[k];
    return w != null && (w.flags & flag) != 0;
  }

  private static boolean inLexicon(Tokens t, int k) {
    Word w = t.word[k];
    return w != null && w.inLexicon;
  }

  private static boolean negating(Tokens t, int k) {
    Word w = t.word[k];
    return w != null ? w.negating : t.lower[k].contains("n't");
  }

  // ---- 1.12: scores ------------------------------------------------------------------------

  private static Scores scores(double[] v, int exclamations, int questions) {
    double sum = 0.0;
    for (double x : v) {
      sum += x; // plain left-to-right order, no compensation (section 3)
    }
    double amp = amplifier(exclamations, questions);
    if (sum > 0) {
      sum += amp;
    } else if (sum < 0) {
      sum -= amp;
    }
    double compound = sum / Math.sqrt(sum * sum + ALPHA);
    if (compound < -1.0) {
      compound = -1.0;
    } else if (compound > 1.0) {
      compound = 1.0;
    }
    double posSum = 0.0;
    double negSum = 0.0;
    int neutral = 0;
    for (double x : v) {
      if (x > 0) {
        posSum += x + 1.0;
      } else if (x < 0) {
        negSum += x - 1.0;
      } else {
        neutral++;
      }
    }
    if (posSum > Math.abs(negSum)) {
      posSum += amp;
    } else if (posSum < Math.abs(negSum)) {
      negSum -= amp;
    }
    double total = posSum + Math.abs(negSum) + neutral;
    double pos = Math.abs(posSum / total);
    double neg = Math.abs(negSum / total);
    double neu = Math.abs(neutral / total);
    return new Scores(
        PythonRound.round(neg, 3),
        PythonRound.round(neu, 3),
        PythonRound.round(pos, 3),
        PythonRound.round(compound, 4));
  }

  private static double amplifier(int exclamations, int questions) {
    double ep = Math.min(exclamations, EXCLAMATION_CAP) * EXCLAMATION_STEP;
    double qm = 0.0;
    if (questions > 1) {
      qm = questions <= 3 ? questions * QUESTION_STEP : QUESTION_MAX;
    }
    return ep + qm;
  }
}
