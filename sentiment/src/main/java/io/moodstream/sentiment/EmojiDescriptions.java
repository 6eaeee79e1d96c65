package io.moodstream.sentiment;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import net.fellbaum.jemoji.Emoji;
import net.fellbaum.jemoji.EmojiManager;

/**
 * Emoji → English description, applied before tokenising (VADER-NOTES.md 1.2).
 *
 * <p>The reference replaces the 1,212 single-code-point keys of its {@code emoji_utf8_lexicon.txt}
 * (Emoji 11.0 and older, CLDR names). We build the same map from jemoji: every single-code-point
 * emoji whose emoji version is at most {@value #REFERENCE_EMOJI_VERSION}, named by {@link
 * Emoji#getDescription()} (the CLDR short name; case and punctuation as in CLDR, e.g. "ON! arrow",
 * "Mrs. Claus"). Newer emoji (Emoji 12.0+, e.g. 🥱 🫠) are left in the text as raw code points,
 * exactly as the reference leaves them, so scores stay identical to the reference.
 *
 * <p>{@link #REFERENCE_NAMES} restores the reference's names where CLDR has renamed an emoji since
 * and the new name would score differently.
 */
final class EmojiDescriptions {

  /** Newest emoji version the reference's emoji lexicon covers. */
  static final double REFERENCE_EMOJI_VERSION = 11.0;

  /**
   * The reference's names where jemoji (current CLDR) renamed an emoji of Emoji 11.0 or older. The
   * renames change scores: different lexicon words ("enraged" -1.7 instead of "pouting", "smiling"
   * 2.0 inside "smiling face with open hands") or a different number of tokens (which moves neu,
   * pos and neg). The first three are the known ones; the next were found by comparing jemoji with
   * the reference's emoji_utf8_lexicon.txt (faces and people), the last by EmojiSweepTest, which
   * scores every key of that file against the reference's own output (README.md, "Emoji").
   */
  static final Map<Integer, String> REFERENCE_NAMES =
      Map.ofEntries(
          Map.entry(0x1F917, "hugging face"), // 🤗 jemoji: smiling face with open hands
          Map.entry(0x1F635, "dizzy face"), // 😵 jemoji: face with crossed-out eyes
          Map.entry(0x1F621, "pouting face"), // 😡 jemoji: enraged face
          Map.entry(0x1F970, "smiling face with 3 hearts"), // 🥰 jemoji: smiling face with hearts
          Map.entry(0x1F916, "robot face"), // 🤖 jemoji: robot
          Map.entry(0x1F63A, "grinning cat face"), // 😺 jemoji: grinning cat
          Map.entry(0x1F638, "grinning cat face with smiling eyes"), // 😸
          Map.entry(0x1F639, "cat face with tears of joy"), // 😹
          Map.entry(0x1F63B, "smiling cat face with heart-eyes"), // 😻
          Map.entry(0x1F63C, "cat face with wry smile"), // 😼
          Map.entry(0x1F63D, "kissing cat face"), // 😽
          Map.entry(0x1F640, "weary cat face"), // 🙀
          Map.entry(0x1F63F, "crying cat face"), // 😿
          Map.entry(0x1F63E, "pouting cat face"), // 😾
          Map.entry(0x1F9D1, "adult"), // 🧑 jemoji: person
          Map.entry(0x1F9D3, "older adult"), // 🧓 jemoji: older person
          Map.entry(0x1F472, "man with Chinese cap"), // 👲 jemoji: person with skullcap
          Map.entry(0x1F9D4, "bearded person"), // 🧔 jemoji: person: beard
          Map.entry(0x1F471, "blond-haired person"), // 👱 jemoji: person: blond hair
          Map.entry(0x1F935, "man in tuxedo"), // 🤵 jemoji: person in tuxedo
          Map.entry(0x1F470, "bride with veil"), // 👰 jemoji: person with veil
          Map.entry(0x1F574, "man in suit levitating"), // 🕴 jemoji: person in suit levitating
          Map.entry(0x1F46B, "man and woman holding hands"), // 👫
          Map.entry(0x1F46C, "two men holding hands"), // 👬 jemoji: men holding hands
          Map.entry(0x1F46D, "two women holding hands"), // 👭 jemoji: women holding hands
          Map.entry(0x1F9B0, "red-haired"), // 🦰 jemoji: red hair
          Map.entry(0x1F9B1, "curly-haired"), // 🦱 jemoji: curly hair
          Map.entry(0x1F9B3, "white-haired"), // 🦳 jemoji: white hair
          Map.entry(0x2763, "heavy heart exclamation"), // ❣ jemoji: heart exclamation
          Map.entry(0x1F984, "unicorn face"), // 🦄 jemoji: unicorn
          Map.entry(0x1F97F, "woman’s flat shoe"), // 🥿 jemoji: flat shoe
          Map.entry(0x1F43A, "wolf face"), // 🐺 jemoji: wolf
          Map.entry(0x1F98A, "fox face"), // 🦊 jemoji: fox
          Map.entry(0x1F981, "lion face"), // 🦁 jemoji: lion
          Map.entry(0x1F439, "hamster face"), // 🐹 jemoji: hamster
          Map.entry(0x1F43B, "bear face"), // 🐻 jemoji: bear
          Map.entry(0x1F43C, "panda face"), // 🐼 jemoji: panda
          Map.entry(0x1F438, "frog face"), // 🐸 jemoji: frog
          Map.entry(0x1F392, "school backpack"), // 🎒 jemoji: backpack
          // found by EmojiSweepTest (every key of the reference lexicon in three contexts)
          Map.entry(0x1F4A4, "zzz"), // 💤 jemoji: ZZZ (capitals: the ALL-CAPS rule moves compound)
          Map.entry(0x1F3AF, "direct hit"), // 🎯 jemoji: bullseye
          Map.entry(0x1F9E9, "jigsaw"), // 🧩 jemoji: puzzle piece
          Map.entry(0x1F4BB, "laptop computer"), // 💻 jemoji: laptop
          Map.entry(0x1F52B, "pistol"), // 🔫 jemoji: water pistol
          Map.entry(0x2705, "white heavy check mark"), // ✅ jemoji: check mark button
          Map.entry(0x2714, "heavy check mark"), // ✔ jemoji: check mark
          Map.entry(0x2716, "heavy multiplication x"), // ✖ jemoji: multiply
          Map.entry(0x2795, "heavy plus sign"), // ➕ jemoji: plus
          Map.entry(0x2796, "heavy minus sign"), // ➖ jemoji: minus
          Map.entry(0x2797, "heavy division sign"), // ➗ jemoji: divide
          Map.entry(0x2753, "question mark"), // ❓ jemoji: red question mark
          Map.entry(0x2757, "exclamation mark")); // ❗ jemoji: red exclamation mark

  private static final int SMALLEST_KEY = 0xA9; // ©

  private final int[] codePoints;
  private final String[] descriptions;

  private EmojiDescriptions(Map<Integer, String> byCodePoint) {
    codePoints = new int[byCodePoint.size()];
    descriptions = new String[byCodePoint.size()];
    int i = 0;
    for (Map.Entry<Integer, String> e : new TreeMap<>(byCodePoint).entrySet()) {
      codePoints[i] = e.getKey();
      descriptions[i] = e.getValue();
      i++;
    }
  }

  /** The reference-equivalent map described in the class comment. */
  static EmojiDescriptions reference() {
    Map<Integer, String> map = new TreeMap<>();
    for (Emoji emoji : EmojiManager.getAllEmojis()) {
      String s = emoji.getEmoji();
      if (s.codePointCount(0, s.length()) == 1 && emoji.getVersion() <= REFERENCE_EMOJI_VERSION) {
        map.put(s.codePointAt(0), emoji.getDescription());
      }
    }
    map.putAll(REFERENCE_NAMES);
    return new EmojiDescriptions(map);
  }

  int size() {
    return codePoints.length;
  }

  /** The description of {@code codePoint}, or null when it is not a key. */
  String describe(int codePoint) {
    if (codePoint < SMALLEST_KEY) {
      return null;
    }
    int i = Arrays.binarySearch(codePoints, codePoint);
    return i >= 0 ? descriptions[i] : null;
  }

  /**
   * Replaces every key code point by its description, spaced off from the text before it
   * (VADER-NOTES.md 1.2). Returns {@code text} itself when it holds no key.
   */
  String replace(String text) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char ch = text.charAt(i);
      if (ch >= SMALLEST_KEY) {
        int c = text.codePointAt(i);
        String description = describe(c);
        if (description != null) {
          return replaceFrom(text, i, c, description);
        }
        i += Character.charCount(c);
      } else {
        i++;
      }
    }
    return text;
  }

  private String replaceFrom(String text, int first, int firstCodePoint, String firstDescription) {
    StringBuilder out = new StringBuilder(text.length() + 32);
    out.append(text, 0, first);
    boolean lastWasSpace = first == 0 || text.charAt(first - 1) == ' ';
    int i = first;
    int c = firstCodePoint;
    String description = firstDescription;
    int n = text.length();
    while (true) {
      if (description != null) {
        if (!lastWasSpace) {
          out.append(' ');
        }
        out.append(description);
        lastWasSpace = false;
      } else {
        out.appendCodePoint(c);
        lastWasSpace = c == ' ';
      }
      i += Character.charCount(c);
      if (i >= n) {
        return out.toString();
      }
      c = text.codePointAt(i);
      description = describe(c);
    }
  }
}
