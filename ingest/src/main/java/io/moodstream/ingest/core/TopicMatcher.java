package io.moodstream.ingest.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches post text against the configured track terms with Twitter's {@code statuses/filter} track
 * semantics, identically for every source:
 *
 * <ul>
 *   <li>a term is one or more words separated by spaces; it matches when <em>all</em> its words
 *       occur in the text, in any order ({@code climate change} matches "change the climate");
 *   <li>matching is case-insensitive;
 *   <li>punctuation in the text is ignored around words: {@code twitter} matches {@code Twitter},
 *       {@code twitter.}, {@code #twitter}, {@code @twitter} and {@code http://twitter.com};
 *   <li>punctuation inside a term word is part of it: {@code example.com} matches "visit
 *       example.com" but not "example.com/foobarbaz"; a {@code #hashtag} word matches only the
 *       hashtag, not the bare word.
 * </ul>
 *
 * Each term is a topic named by the term in lower case. Immutable and thread-safe.
 */
public final class TopicMatcher {
  private final String[] topics;
  private final int[] wordCount;

  /** word → its terms, each entry {@code term << 5 | bit of the word within the term}. */
  private final WordTable index;

  private TopicMatcher(List<String> terms) {
    Map<String, List<String>> byTopic = new LinkedHashMap<>();
    for (String t : terms) {
      String norm = normalize(t);
      if (norm.isEmpty() || byTopic.containsKey(norm)) {
        continue;
      }
      byTopic.put(norm, Arrays.stream(norm.split(" ")).distinct().toList());
    }
    topics = byTopic.keySet().toArray(String[]::new);
    wordCount = new int[topics.length];
    Map<String, List<Integer>> idx = new HashMap<>();
    int i = 0;
    for (List<String> words : byTopic.values()) {
      wordCount[i] = Math.min(words.size(), 31);
      for (int b = 0; b < words.size(); b++) {
        idx.computeIfAbsent(words.get(b), k -> new ArrayList<>()).add(i << 5 | Math.min(b, 30));
      }
      i++;
    }
    Map<String, int[]> entries = new HashMap<>();
    idx.forEach((w, l) -> entries.put(w, l.stream().mapToInt(Integer::intValue).toArray()));
    index = new WordTable(entries);
  }

  public static TopicMatcher of(List<String> terms) {
    return new TopicMatcher(terms);
  }

  /** A term as a topic name: lower case, single spaces, trimmed. */
  public static String normalize(String term) {
    return term.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** The topic names, in configuration order. */
  public List<String> topics() {
    return List.of(topics);
  }

  /** The topics whose terms match the text, in configuration order ({@code all} not included). */
  public List<String> match(String text) {
    if (topics.length == 0 || text == null || text.isEmpty()) {
      return List.of();
    }
    int[] seen = null; // per term: bit set of matched words (terms of up to 31 distinct words)
    long single = 0; // fast path for the first 64 terms
    int n = text.length();
    int i = 0;
    String lower = null;
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (start == i) {
        break;
      }
      if (lower == null) {
        lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() != n) { // a case mapping changed the length: match on a per-token basis
          return matchSlow(text);
        }
      }
      // Forms of one whitespace-delimited token: trimmed of punctuation at both ends (keeping a
      // leading # or @), and each run of letters/digits inside it.
      int s = start;
      int e = i;
      while (s < e
          && isPunct(lower.charAt(s))
          && lower.charAt(s) != '#'
          && lower.charAt(s) != '@') {
        s++;
      }
      while (e > s && isPunct(lower.charAt(e - 1))) {
        e--;
      }
      if (s >= e) {
        continue;
      }
      // the trimmed token itself, then each run of letters and digits in it (so #twitter,
      // @twitter, twitter.com hold the word "twitter")
      int[] hit = index.get(lower, s, e);
      int j = s;
      while (true) {
        if (hit != null) {
          for (int entry : hit) {
            int t = entry >>> 5;
            if (wordCount[t] == 1 && t < 64) {
              single |= 1L << t;
            } else {
              seen = mark(seen, t, entry & 31);
            }
          }
        }
        while (j < e && !Character.isLetterOrDigit(lower.charAt(j))) {
          j++;
        }
        if (j == e) {
          break;
        }
        int ws = j;
        while (j < e && (Character.isLetterOrDigit(lower.charAt(j)) || lower.charAt(j) == '\'')) {
          j++;
        }
        boolean whole = ws == s && j == e; // already looked up as the trimmed token
        hit = whole ? null : index.get(lower, ws, j);
        if (hit == null) { // twitter's → twitter
          int apo = lower.indexOf('\'', ws);
          if (apo > ws && apo < j) {
            hit = index.get(lower, ws, apo);
          }
        }
      }
    }
    if (single == 0 && seen == null) { // no word of any term
      return List.of();
    }
    List<String> out = new ArrayList<>(2);
    for (int t = 0; t < topics.length; t++) {
      boolean m;
      if (wordCount[t] == 1) {
        m = t < 64 ? (single & (1L << t)) != 0 : seen != null && seen[t] != 0;
      } else {
        int full = (1 << wordCount[t]) - 1;
        m = seen != null && (seen[t] & full) == full;
      }
      if (m) {
        out.add(topics[t]);
      }
    }
    return out;
  }

  private int[] mark(int[] seen, int term, int bit) {
    if (seen == null) {
      seen = new int[topics.length];
    }
    seen[term] |= 1 << bit;
    return seen;
  }

  /** For the rare text whose lower-case form has another length: match token by token. */
  private List<String> matchSlow(String text) {
    StringBuilder b = new StringBuilder();
    for (String tok : text.split("\\s+")) {
      String l = tok.toLowerCase(Locale.ROOT);
      b.append(l.length() == tok.length() ? tok : "x".repeat(tok.length())).append(' ');
    }
    return match(b.toString());
  }

  private static boolean isPunct(char c) {
    return !Character.isLetterOrDigit(c);
  }

  /** An open-addressing map from words to entries, looked up by a range of a string. */
  private static final class WordTable {
    private final String[] keys;
    private final int[][] values;
    private final int mask;

    WordTable(Map<String, int[]> m) {
      int cap = Integer.highestOneBit(Math.max(4, m.size() * 4) - 1) << 1;
      keys = new String[cap];
      values = new int[cap][];
      mask = cap - 1;
      m.forEach(
          (k, v) -> {
            int i = hash(k, 0, k.length()) & mask;
            while (keys[i] != null) {
              i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = v;
          });
    }

    int[] get(String s, int from, int to) {
      int i = hash(s, from, to) & mask;
      int len = to - from;
      String k;
      while ((k = keys[i]) != null) {
        if (k.length() == len && s.regionMatches(from, k, 0, len)) {
          return values[i];
        }
        i = (i + 1) & mask;
      }
      return null;
    }

    private static int hash(String s, int from, int to) {
      int h = 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + s.charAt(i);
      }
      return h ^ (h >>> 16);
    }
  }
}
