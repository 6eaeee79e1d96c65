package io.moodstream.sentiment;

import java.util.Locale;

/**
 * Which posts VADER may score. VADER's lexicon, negations and idioms are English only, so a post
 * tagged with any other language would be scored as if its words were unknown English words (mostly
 * 0.0, with a few false hits such as "no" or "die"), which is noise, not a neutral score.
 *
 * <p>The rule, on a BCP 47 / ISO 639 tag as sources deliver it (X, Bluesky and Mastodon use such
 * tags; Twitter v1.1 uses "und" for unknown):
 *
 * <ul>
 *   <li>scorable: {@code null}, the empty or blank string, {@code "und"} (undetermined), {@code
 *       "en"} and any {@code "en-*"} subtag such as {@code "en-GB"}, case-insensitive;
 *   <li>not scorable: every other tag, e.g. {@code "de"}, {@code "es-MX"}, {@code "enm"} (Middle
 *       English), Twitter's pseudo-codes {@code "qme"}, {@code "qht"}, {@code "zxx"}, and
 *       underscore forms such as {@code "en_US"} (not BCP 47).
 * </ul>
 *
 * <p>Unknown and missing tags count as scorable because most sources leave short posts untagged.
 */
public final class Language {

  private Language() {}

  /** True when VADER may score a post tagged {@code lang} (see the class comment). */
  public static boolean isScorable(String lang) {
    if (lang == null) {
      return true;
    }
    String tag = lang.strip().toLowerCase(Locale.ROOT);
    return tag.isEmpty() || tag.equals("und") || tag.equals("en") || tag.startsWith("en-");
  }
}
