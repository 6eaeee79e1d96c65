package io.moodstream.sql.cli;

/**
 * Terminal columns a string takes, so tables stay aligned with CJK text and emoji: wide characters
 * (East Asian Wide/Fullwidth, most emoji) take two, combining marks, variation selectors and
 * zero-width joiners none, everything else one. An approximation of {@code wcwidth}.
 */
final class DisplayWidth {
  private DisplayWidth() {}

  static int of(String s) {
    return s.codePoints().map(DisplayWidth::of).sum();
  }

  static int of(int cp) {
    if (isZeroWidth(cp)) {
      return 0;
    }
    return isWide(cp) ? 2 : 1;
  }

  static boolean isZeroWidth(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT // ZWJ, ZWNJ, directional marks
        || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
        || (cp >= 0x1F3FB && cp <= 0x1F3FF); // skin-tone modifiers join the emoji before them
  }

  static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) // Hangul Jamo
        || (cp >= 0x2E80 && cp <= 0x303E) // CJK radicals, punctuation
        || (cp >= 0x3041 && cp <= 0x33FF) // Hiragana, Katakana, CJK compatibility
        || (cp >= 0x3400 && cp <= 0x4DBF) // CJK extension A
        || (cp >= 0x4E00 && cp <= 0x9FFF) // CJK unified ideographs
        || (cp >= 0xA000 && cp <= 0xA4CF) // Yi
        || (cp >= 0xAC00 && cp <= 0xD7A3) // Hangul syllables
        || (cp >= 0xF900 && cp <= 0xFAFF) // CJK compatibility ideographs
        || (cp >= 0xFE30 && cp <= 0xFE4F) // CJK compatibility forms
        || (cp >= 0xFF00 && cp <= 0xFF60) // fullwidth forms
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x1F300 && cp <= 0x1F64F) // pictographs, emoticons
        || (cp >= 0x1F680 && cp <= 0x1F6FF) // transport and map symbols
        || (cp >= 0x1F900 && cp <= 0x1F9FF) // supplemental symbols and pictographs
        || (cp >= 0x1FA70 && cp <= 0x1FAFF)
        || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B..
  }

  /**
   * {@code s} cut to at most {@code max} columns, ending in an ellipsis when cut; never splits a
   * surrogate pair.
   */
  static String truncate(String s, int max) {
    if (of(s) <= max) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int cw = of(cp);
      if (w + cw > max - 1) {
        break;
      }
      b.appendCodePoint(cp);
      w += cw;
      i += Character.charCount(cp);
    }
    return b.append('…').toString();
  }
}
