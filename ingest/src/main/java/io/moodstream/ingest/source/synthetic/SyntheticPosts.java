package io.moodstream.ingest.source.synthetic;

import io.moodstream.ingest.core.SourcePost;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Generates realistic posts, reproducibly: the same seed and the same event times give the same
 * posts. Texts use real sentiment words (VADER's lexicon), negations, intensifiers, emoji,
 * hashtags, mentions, URLs and retweets; a share is not English. Each topic has its own mood curve
 * (a slow wave around a base mood) and bursts: windows where its volume spikes and its mood shifts,
 * decided by the seed per topic and 6-hour window, so a backfill shows them where a live run does.
 */
public final class SyntheticPosts {
  /** Twitter's snowflake epoch, so ids look like and sort like tweet ids. */
  static final long EPOCH_MS = 1288834974657L;

  static final String[] POS_ADJ = {
    "great",
    "amazing",
    "awesome",
    "wonderful",
    "fantastic",
    "excellent",
    "good",
    "lovely",
    "brilliant",
    "perfect",
    "beautiful",
    "nice"
  };
  static final String[] NEG_ADJ = {
    "terrible",
    "awful",
    "horrible",
    "bad",
    "disappointing",
    "sad",
    "broken",
    "boring",
    "ugly",
    "worst",
    "stupid",
    "pathetic"
  };
  static final String[] POS_VERB = {"love", "adore", "like", "enjoy", "appreciate"};
  static final String[] NEG_VERB = {"hate", "despise", "dislike", "can't stand"};
  static final String[] INTENS = {"", "", "very ", "really ", "so ", "extremely ", "totally "};
  static final String[] POS_EMOJI = {"😍", "😂", "🎉", "👍", "❤️", "🔥", "😊", "🙌"};
  static final String[] NEG_EMOJI = {"😡", "😢", "💔", "👎", "😞", "🤬", "😩"};
  static final String[] NEUTRAL = {
    "Reading about %s today",
    "Anyone following %s?",
    "New article on %s",
    "Thoughts on %s",
    "Just saw the news about %s",
    "Talking about %s at lunch",
    "%s update thread"
  };
  static final String[] CHATTER = {
    "good morning everyone",
    "so tired today",
    "what a day",
    "lunch time",
    "can't wait for the" + " weekend",
    "traffic is horrible again",
    "happy friday!",
    "this rain is depressing",
    "watching a movie tonight",
    "best pizza ever",
    "my phone is broken",
    "love this song"
  };
  static final String[] NAMES = {
    "sunny", "blue", "happy", "quiet", "wild", "urban", "lazy", "brave", "cosmic", "little"
  };
  static final String[] NOUNS = {
    "fox", "coder", "panda", "rider", "cook", "owl", "writer", "tiger", "gardener", "dreamer"
  };

  /** Non-English templates: language tag, positive and negative forms (%s = topic). */
  static final String[][] FOREIGN = {
    {"es", "Me encanta %s, es genial 😍", "Odio %s, es horrible 😡"},
    {"fr", "J'adore %s, c'est magnifique", "%s c'est nul, vraiment décevant"},
    {"de", "Ich liebe %s, einfach toll", "%s ist schrecklich 😞"},
    {"pt", "Eu amo %s, muito bom!", "%s é péssimo, que raiva"},
    {"ja", "%sが大好き！😊", "%sは最悪だ…"},
  };

  private final long seed;
  private final List<String> topics;
  private final double[] base;
  private final double[] period;
  private final double[] phase;
  private final double[] weight;
  private long lastMs = Long.MIN_VALUE;
  private long seq;

  public SyntheticPosts(long seed, List<String> topics) {
    this.seed = seed;
    this.topics = List.copyOf(topics);
    SplittableRandom r = new SplittableRandom(seed);
    int n = topics.size();
    base = new double[n];
    period = new double[n];
    phase = new double[n];
    weight = new double[n];
    for (int i = 0; i < n; i++) {
      base[i] = r.nextDouble(-0.3, 0.4);
      period[i] = r.nextDouble(6, 72) * 3600.0; // a mood wave of 6 hours to 3 days
      phase[i] = r.nextDouble(0, 2 * Math.PI);
      weight[i] = r.nextDouble(0.5, 2.0);
    }
  }

  public long seed() {
    return seed;
  }

  /** A burst of a topic: volume multiplier and mood shift over [start, end). */
  record Burst(long startS, long endS, double volume, double moodShift) {}

  /** The burst of topic {@code i} in the 6-hour window holding {@code t}, or null. */
  Burst burst(int i, long epochS) {
    long window = Math.floorDiv(epochS, 6 * 3600L);
    SplittableRandom r = new SplittableRandom(mix(seed, i, window));
    if (r.nextDouble() >= 0.35) { // about one burst per topic every 17 hours
      return null;
    }
    long start = window * 6 * 3600L + r.nextLong(0, 5 * 3600L);
    long duration = r.nextLong(10 * 60L, 60 * 60L);
    double volume = r.nextDouble(3, 10);
    double shift = r.nextBoolean() ? r.nextDouble(0.4, 0.8) : -r.nextDouble(0.4, 0.8);
    return new Burst(start, start + duration, volume, shift);
  }

  private Burst activeBurst(int i, long epochS) {
    Burst b = burst(i, epochS);
    return b != null && epochS >= b.startS() && epochS < b.endS() ? b : null;
  }

  /** The mood of topic {@code i} at a time, in [-1, 1]. */
  public double mood(int i, Instant t) {
    long s = t.getEpochSecond();
    double m = base[i] + 0.35 * Math.sin(2 * Math.PI * s / period[i] + phase[i]);
    Burst b = activeBurst(i, s);
    if (b != null) {
      m += b.moodShift();
    }
    return Math.max(-1, Math.min(1, m));
  }

  /**
   * The volume factor at a time: diurnal (peak around 15:00 UTC, trough around 03:00, 0.4–1.6)
   * times the bursts in progress.
   */
  public double volume(Instant t) {
    double hour =
        t.atOffset(ZoneOffset.UTC).getHour() + t.atOffset(ZoneOffset.UTC).getMinute() / 60.0;
    double diurnal = 1 + 0.6 * Math.sin(2 * Math.PI * (hour - 9) / 24);
    long s = t.getEpochSecond();
    double extra = 0;
    double total = 0;
    for (int i = 0; i < topics.size(); i++) {
      total += weight[i];
      Burst b = activeBurst(i, s);
      if (b != null) {
        extra += weight[i] * (b.volume() - 1);
      }
    }
    double burstFactor = total == 0 ? 1 : 1 + 0.8 * extra / total;
    return diurnal * burstFactor;
  }

  /** Whether a generated event is a delete of an earlier post, and which. */
  public record Next(SourcePost post, String deleteId) {}

  /** The next event at time {@code t}: usually a post, sometimes (0.3%) a delete. */
  public Next next(Instant t) {
    long ms = t.toEpochMilli();
    if (ms != lastMs) {
      lastMs = ms;
      seq = 0;
    }
    long id = ((ms - EPOCH_MS) << 22) | (seq++ & 0x3FFFFF);
    SplittableRandom r = new SplittableRandom(mix(seed, ms, seq));
    if (r.nextDouble() < 0.003 && ms - EPOCH_MS > 60_000) {
      long earlier = ((ms - EPOCH_MS - r.nextLong(1_000, 60_000)) << 22) | r.nextLong(0, 4);
      return new Next(null, Long.toString(earlier));
    }
    long user = 1_000_000L + r.nextLong(0, 50_000);
    String handle = handle(user);
    // topic choice, weighted by volume incl. bursts; 20% general chatter
    int topic = -1;
    if (!topics.isEmpty() && r.nextDouble() < 0.8) {
      double[] w = new double[topics.size()];
      double sum = 0;
      for (int i = 0; i < w.length; i++) {
        Burst b = activeBurst(i, t.getEpochSecond());
        w[i] = weight[i] * (b == null ? 1 : b.volume());
        sum += w[i];
      }
      double x = r.nextDouble(sum);
      for (topic = 0; topic < w.length - 1 && x >= w[topic]; topic++) {
        x -= w[topic];
      }
    }
    double mood = topic >= 0 ? mood(topic, t) : 0.1;
    String lang = "en";
    String text;
    if (r.nextDouble() < 0.12) {
      String[] f = FOREIGN[r.nextInt(FOREIGN.length)];
      lang = f[0];
      String subject = topic >= 0 ? subject(topics.get(topic), r) : "la vie";
      text = String.format(Locale.ROOT, r.nextDouble() < (1 + mood) / 2 ? f[1] : f[2], subject);
    } else if (topic < 0) {
      text = CHATTER[r.nextInt(CHATTER.length)];
      if (r.nextDouble() < 0.5) {
        text += " " + pick(r.nextBoolean() ? POS_EMOJI : NEG_EMOJI, r);
      }
    } else {
      text = english(subject(topics.get(topic), r), mood, r);
    }
    if (r.nextDouble() < 0.2) {
      text = "@" + handle(1_000_000L + r.nextLong(0, 50_000)) + " " + text;
    }
    if (r.nextDouble() < 0.15) {
      text += " https://t.co/" + token(r, 10);
    }
    if (r.nextDouble() < 0.08) {
      text = "RT @" + handle(1_000_000L + r.nextLong(0, 50_000)) + ": " + text;
    }
    String sid = Long.toString(id);
    return new Next(
        new SourcePost(
            sid,
            t,
            text,
            lang,
            Long.toString(user),
            handle,
            "https://twitter.com/" + handle + "/status/" + sid,
            List.of()),
        null);
  }

  /** How a topic appears in text: as written, capitalised, or as a hashtag. */
  static String subject(String topic, SplittableRandom r) {
    if (topic.startsWith("#")) {
      return topic;
    }
    double x = r.nextDouble();
    if (x < 0.25 && !topic.contains(" ")) {
      return "#" + topic;
    } else if (x < 0.5) {
      return Character.toUpperCase(topic.charAt(0)) + topic.substring(1);
    }
    return topic;
  }

  static String english(String s, double mood, SplittableRandom r) {
    double p = r.nextDouble();
    double positive = (1 + mood) / 2 * 0.85; // 15% neutral
    if (p > 0.85) {
      return String.format(Locale.ROOT, pick(NEUTRAL, r), s);
    }
    boolean pos = p < positive;
    String in = pick(INTENS, r);
    String e = r.nextDouble() < 0.5 ? " " + pick(pos ? POS_EMOJI : NEG_EMOJI, r) : "";
    String bang = r.nextDouble() < 0.3 ? "!!" : r.nextDouble() < 0.3 ? "." : "";
    return switch (r.nextInt(6)) {
      case 0 -> s + " is " + in + pick(pos ? POS_ADJ : NEG_ADJ, r) + bang + e;
      case 1 -> "I " + pick(pos ? POS_VERB : NEG_VERB, r) + " " + s + bang + e;
      case 2 -> // negation: not + the opposite word
          s + " is not " + pick(pos ? NEG_ADJ : POS_ADJ, r) + (pos ? " at all" : "") + bang + e;
      case 3 -> "I don't " + pick(pos ? NEG_VERB : POS_VERB, r) + " " + s + bang + e;
      case 4 ->
          (pos ? "Honestly, " : "Ugh, ")
              + s
              + " "
              + (pos ? "made my day" : "ruined my day")
              + bang
              + e;
      default ->
          (pos ? "So " : "Really ")
              + pick(pos ? POS_ADJ : NEG_ADJ, r)
              + " news about "
              + s
              + (pos ? " today " : " again ")
              + e;
    };
  }

  static String handle(long user) {
    SplittableRandom r = new SplittableRandom(user * 0x9E3779B97F4A7C15L);
    return pick(NAMES, r) + "_" + pick(NOUNS, r) + (user % 1000);
  }

  private static String token(SplittableRandom r, int n) {
    String a = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(a.charAt(r.nextInt(a.length())));
    }
    return b.toString();
  }

  private static String pick(String[] a, SplittableRandom r) {
    return a[r.nextInt(a.length)];
  }

  static long mix(long a, long b, long c) {
    long h = a * 0x9E3779B97F4A7C15L + b;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + c;
    return (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
  }

  /** Topics for logs: names with their base mood, comma-separated. */
  public String describe() {
    return IntStream.range(0, topics.size())
        .mapToObj(i -> String.format(Locale.ROOT, "%s (base mood %+.2f)", topics.get(i), base[i]))
        .collect(Collectors.joining(", "));
  }
}
