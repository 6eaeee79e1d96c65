package io.moodstream.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A generated Twitter v1.1 archive with known content: statuses spread over {@code minutes}
 * minutes, some non-English, some deleted later in the file, and some malformed lines. The posts
 * are kept in memory so a test can compute the expected buckets independently of the pipeline.
 */
final class ArchiveFixture {
  /** One generated status. */
  record Post(
      String id, Instant createdAt, String text, String lang, String userId, String handle) {}

  static final DateTimeFormatter TWITTER_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  static final List<String> TOPICS = List.of("apple", "climate");

  private static final String[] OPENERS = {
    "I love the new", "I hate the new", "Not bad, the", "This is NOT good:", "So happy about the",
    "Terrible news on the", "Honestly the", "Wow!!! the", "meh, the", "Can't stand the",
    "Really great work on the", "The worst", "kind of nice", "Hardly a good idea, the", "😂 the",
    "Thank you for the", "no problem with the", "the best 😍", "sad about the", "Absolutely amazing"
  };
  private static final String[] SUBJECTS = {
    "apple", "climate", "weather", "game", "#apple", "Climate", "APPLE"
  };
  private static final String[] ENDINGS = {
    "",
    " today",
    " :)",
    " :(",
    "!!",
    " http://t.co/abc",
    " @friend",
    " #blessed",
    " lol",
    " but it is fine"
  };

  final List<Post> posts = new ArrayList<>();
  final Set<String> deleted = new HashSet<>();
  final List<String> malformed = new ArrayList<>();
  final Instant start;

  private ArchiveFixture(Instant start) {
    this.start = start;
  }

  /** Writes the archive to {@code file} and returns what it holds. */
  static ArchiveFixture write(Path file, int count, int minutes, Instant start, long seed)
      throws IOException {
    ArchiveFixture f = new ArchiveFixture(start);
    Random r = new Random(seed);
    long span = minutes * 60_000L;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < count; i++) {
        Instant at = start.plusMillis(span * i / count);
        String id = Long.toString(1_600_000_000_000_000_000L + i);
        String text =
            OPENERS[r.nextInt(OPENERS.length)]
                + " "
                + SUBJECTS[r.nextInt(SUBJECTS.length)]
                + ENDINGS[r.nextInt(ENDINGS.length)];
        String lang = r.nextInt(50) == 0 ? "es" : "en";
        Post p =
            new Post(
                id, at, text, lang, Long.toString(1000 + r.nextInt(500)), "user" + r.nextInt(500));
        f.posts.add(p);
        line(out, status(p));
        if (r.nextInt(200) == 0) {
          f.deleted.add(id);
          line(out, delete(id, p.userId(), at.toEpochMilli() + 1000));
        }
        if (r.nextInt(500) == 0) {
          String bad =
              i % 2 == 0
                  ? status(p).substring(0, 40)
                  : "{\"created_at\":\"" + TWITTER_TIME.format(at) + "\",\"text\":\"no id\"}";
          f.malformed.add(bad);
          line(out, bad);
        }
      }
    }
    return f;
  }

  private static void line(OutputStream out, String json) throws IOException {
    out.write(json.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }

  static String status(Post p) {
    return json(
        g -> {
          g.writeStringField("created_at", TWITTER_TIME.format(p.createdAt()));
          g.writeNumberField("id", Long.parseLong(p.id()));
          g.writeStringField("id_str", p.id());
          g.writeStringField("text", p.text());
          g.writeObjectFieldStart("user");
          g.writeNumberField("id", Long.parseLong(p.userId()));
          g.writeStringField("id_str", p.userId());
          g.writeStringField("screen_name", p.handle());
          g.writeEndObject();
          g.writeStringField("lang", p.lang());
          g.writeStringField("timestamp_ms", Long.toString(p.createdAt().toEpochMilli()));
        });
  }

  static String delete(String id, String userId, long timestampMs) {
    return json(
        g -> {
          g.writeObjectFieldStart("delete");
          g.writeObjectFieldStart("status");
          g.writeNumberField("id", Long.parseLong(id));
          g.writeStringField("id_str", id);
          g.writeNumberField("user_id", Long.parseLong(userId));
          g.writeStringField("user_id_str", userId);
          g.writeEndObject();
          g.writeStringField("timestamp_ms", Long.toString(timestampMs));
          g.writeEndObject();
        });
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String json(Fields f) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      f.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** The topics a text matches under Twitter track semantics for single words (plus "all"). */
  static List<String> topicsOf(String text) {
    List<String> topics = new ArrayList<>(List.of("all"));
    String lower = text.toLowerCase(Locale.ROOT);
    for (String t : TOPICS) {
      for (String token : lower.split("[^\\p{L}\\p{N}_#@]+")) {
        String word = token.startsWith("#") || token.startsWith("@") ? token.substring(1) : token;
        if (word.equals(t)) {
          topics.add(t);
          break;
        }
      }
    }
    return topics;
  }
}
