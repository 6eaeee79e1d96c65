package io.moodstream.schema.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link EventJson#parsePost}: one pass of Jackson's streaming parser instead of a
 * tree, and UTC instants read without {@code DateTimeFormatter}. It accepts only records that are
 * plainly valid and returns {@code null} at the first irregularity of any kind (an error, a missing
 * field, a wrong type, an offset other than Z…), leaving the verdict and its reason to the tree
 * parser, which stays the reference. Parsing was half of the streaming job's CPU when every record
 * went through the tree parser.
 */
final class FastPost {
  private static final JsonFactory FACTORY = new JsonFactory();

  private FastPost() {}

  /** The post, or {@code null} to let the reference parser decide. */
  static PostEvent read(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return read(p);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static PostEvent read(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String id = null;
    String source = null;
    String createdAt = null;
    String text = null;
    String lang = null;
    String url = null;
    String authorId = null;
    String authorHandle = null;
    boolean hasAuthor = false;
    List<String> topics = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "id" -> id = string(p, v);
        case "source" -> source = string(p, v);
        case "createdAt" -> createdAt = string(p, v);
        case "text" -> text = string(p, v);
        case "lang" -> lang = nullableString(p, v);
        case "url" -> url = nullableString(p, v);
        case "author" -> {
          if (v != JsonToken.START_OBJECT) {
            return null;
          }
          hasAuthor = true;
          authorId = null; // a repeated key replaces the whole value, as in the tree
          authorHandle = null;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken a = p.nextToken();
            switch (field) {
              case "id" -> authorId = string(p, a);
              case "handle" -> authorHandle = string(p, a);
              default -> p.skipChildren();
            }
          }
        }
        case "topics" -> {
          if (v != JsonToken.START_ARRAY) {
            return null;
          }
          topics = new ArrayList<>(4);
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            String topic = string(p, e);
            if (topic.isEmpty()) {
              return null;
            }
            topics.add(topic);
          }
        }
        default -> p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT
        || !hasAuthor
        || authorId == null
        || authorHandle == null
        || topics == null
        || !topics.contains(PostEvent.ALL)) {
      return null;
    }
    Source src = source == null ? null : Source.fromWireName(source).orElse(null);
    Instant at = createdAt == null ? null : utcInstant(createdAt);
    if (src == null || at == null) {
      return null;
    }
    // PostRules, applied by the constructor: a broken rule throws, and the catch above hands the
    // record to the reference parser, which names the fault
    return new PostEvent(id, src, at, text, lang, new Author(authorId, authorHandle), topics, url);
  }

  /** The string value; anything else (even a nested object) ends the fast path. */
  private static String string(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw new IOException("not a string");
    }
    return p.getText();
  }

  /** {@code lang} and {@code url}: a string or null; anything else fails the fast path. */
  private static String nullableString(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw new IOException("not a string");
    }
    return p.getText();
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a valid date and time, as an instant; {@code null}
   * for any other text (other offsets, a missing second, lower case, an invalid date…), which the
   * ISO formatter then reads or rejects.
   */
  static Instant utcInstant(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21; // between the '.' and the 'Z'
      if (s.charAt(19) != '.' || fraction < 1) {
        return null;
      }
      int f = digits(s, 20, fraction);
      if (f < 0) {
        return null;
      }
      nanos = f;
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    LocalDate date = LocalDate.of(year, month, 1);
    if (day > date.lengthOfMonth()) {
      return null;
    }
    long seconds = (date.toEpochDay() + day - 1) * 86_400L + hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
