package io.moodstream.sentiment.bench;

import java.util.SplittableRandom;

/**
 * A deterministic mix of tweet-like posts for the benchmark: emoji (with skin tones and VS16),
 * hashtags, mentions, URLs, negations, ALL CAPS, "but", boosters, "!!!"/"??", idioms, and lengths
 * from a few words to a full 280-character post. Same seed, same posts.
 */
public final class TweetMix {

  private static final String[] WORDS = {
    "the",
    "a",
    "this",
    "that",
    "it",
    "is",
    "was",
    "i",
    "you",
    "we",
    "they",
    "my",
    "our",
    "so",
    "really",
    "very",
    "just",
    "about",
    "with",
    "for",
    "to",
    "of",
    "and",
    "in",
    "on",
    "at",
    "today",
    "tonight",
    "game",
    "show",
    "team",
    "food",
    "movie",
    "service",
    "update",
    "phone",
    "weather",
    "love",
    "hate",
    "great",
    "good",
    "bad",
    "terrible",
    "amazing",
    "awesome",
    "sad",
    "happy",
    "angry",
    "lol",
    "wtf",
    "fun",
    "boring",
    "best",
    "worst",
    "nice",
    "fine",
    "win",
    "lost",
    "thanks",
    "sorry",
    "excited",
    "tired",
    "ugh",
    "meh",
    "okay",
    "cool",
    "fail",
    "broken",
    "yay",
    "not",
    "never",
    "isn't",
    "don't",
    "can't",
    "no",
    "without",
    "hardly",
    "kinda",
    "extremely",
    "but",
    "least",
    "kind",
    "bus",
    "stop",
    "heart",
    "yeah",
    "right",
    "doubt",
    "nothing",
    "pretty",
    "traffic",
    "coffee",
    "monday",
    "weekend",
    "album",
    "concert",
    "flight",
    "delayed",
    "refund",
    "customer",
    "support",
    "release",
    "crash",
    "bug",
    "fix",
    "launch",
    "vote",
    "election",
    "news"
  };

  private static final String[] EMOJI = {
    "😂",
    "❤️",
    "❤",
    "😍",
    "🔥",
    "😭",
    "👍",
    "👍🏽",
    "🙏",
    "😊",
    "😡",
    "🤔",
    "💯",
    "🎉",
    "😢",
    "🙄",
    "😎",
    "✨",
    "💔",
    "🤗",
    "😵",
    "🥰",
    "🥱",
    "👨‍👩‍👧",
    "🇺🇸",
    "😀",
    "😘",
    "🤣"
  };

  private static final String[] HASHTAGS = {
    "#blessed", "#fail", "#MondayMotivation", "#NowPlaying", "#win", "#tbt", "#news", "#sad"
  };

  private static final String[] MENTIONS = {"@happy", "@support", "@jack", "@nasa", "@team_x"};

  private static final String[] URLS = {
    "https://t.co/aBcD3fGh1j", "http://example.com/path?q=1", "https://t.co/Zz9"
  };

  private TweetMix() {}

  /** {@code n} posts from {@code seed}. */
  public static String[] posts(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] posts = new String[n];
    for (int i = 0; i < n; i++) {
      posts[i] = post(random);
    }
    return posts;
  }

  private static String post(SplittableRandom r) {
    int words = lengthInWords(r);
    StringBuilder sb = new StringBuilder(words * 7);
    boolean shouting = r.nextInt(10) == 0;
    for (int w = 0; w < words; w++) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      int kind = r.nextInt(100);
      String token;
      if (kind < 8) {
        token = EMOJI[r.nextInt(EMOJI.length)];
      } else if (kind < 11) {
        token = HASHTAGS[r.nextInt(HASHTAGS.length)];
      } else if (kind < 13) {
        token = MENTIONS[r.nextInt(MENTIONS.length)];
      } else if (kind < 14) {
        token = URLS[r.nextInt(URLS.length)];
      } else {
        token = WORDS[r.nextInt(WORDS.length)];
        if (shouting || r.nextInt(25) == 0) {
          token = token.toUpperCase(java.util.Locale.ROOT);
        } else if (w == 0) {
          token = Character.toUpperCase(token.charAt(0)) + token.substring(1);
        }
      }
      sb.append(token);
      if (r.nextInt(12) == 0) {
        sb.append(r.nextBoolean() ? "," : ".");
      }
    }
    int end = r.nextInt(10);
    if (end == 0) {
      sb.append("!!!");
    } else if (end == 1) {
      sb.append("??");
    } else if (end == 2) {
      sb.append(" 😂😂");
    } else if (end < 6) {
      sb.append('.');
    }
    if (sb.length() > 280) {
      sb.setLength(sb.offsetByCodePoints(0, sb.codePointCount(0, 270)));
    }
    return sb.toString();
  }

  /** Mostly short, a tail of long posts: 3–8 words (45%), 9–20 (40%), 21–50 (15%). */
  private static int lengthInWords(SplittableRandom r) {
    int p = r.nextInt(100);
    if (p < 45) {
      return 3 + r.nextInt(6);
    }
    if (p < 85) {
      return 9 + r.nextInt(12);
    }
    return 21 + r.nextInt(30);
  }
}
