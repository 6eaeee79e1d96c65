package io.moodstream.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast post parser against the tree parser it stands in for, on valid and broken records. */
class FastPostTest {
  static final String VALID =
      "{\"id\":\"1\",\"source\":\"synthetic\",\"createdAt\":\"2026-11-24T21:56:35Z\","
          + "\"text\":\"I love this :)\",\"lang\":\"en\",\"author\":{\"id\":\"a1\",\"handle\":\"ann\"},"
          + "\"topics\":[\"all\",\"apple\"],\"url\":null}";

  /** Fragments spliced into records: every field in valid and invalid shapes, and odd JSON. */
  static final String[] FIELDS = {
    "\"id\":\"42\"",
    "\"id\":\"\"",
    "\"id\":42",
    "\"id\":null",
    "\"id\":{\"id\":\"x\"}",
    "\"id\":[\"x\"]",
    "\"source\":\"bluesky\"",
    "\"source\":\"myspace\"",
    "\"source\":1",
    "\"createdAt\":\"2026-02-28T23:59:59.123Z\"",
    "\"createdAt\":\"2026-02-29T00:00:00Z\"",
    "\"createdAt\":\"2024-02-29T00:00:00Z\"",
    "\"createdAt\":\"2026-11-24T21:56Z\"",
    "\"createdAt\":\"2026-11-24T22:56:35+01:00\"",
    "\"createdAt\":\"2026-11-24t21:56:35z\"",
    "\"createdAt\":\"2026-11-24T24:00:00Z\"",
    "\"createdAt\":\"2026-11-24T21:56:60Z\"",
    "\"createdAt\":\"2026-11-24T21:56:35.Z\"",
    "\"createdAt\":\"2026-11-24T21:56:35.1234567891Z\"",
    "\"createdAt\":\"yesterday\"",
    "\"createdAt\":1732485395",
    "\"text\":\"\"",
    "\"text\":\"caf\\u00e9 \\ud83d\\ude0d\"",
    "\"text\":7",
    "\"text\":null",
    "\"lang\":null",
    "\"lang\":\"de\"",
    "\"lang\":3",
    "\"lang\":[]",
    "\"url\":\"https://x\"",
    "\"url\":false",
    "\"author\":{\"id\":\"b\",\"handle\":\"\"}",
    "\"author\":{\"id\":\"\",\"handle\":\"h\"}",
    "\"author\":{\"handle\":\"h\"}",
    "\"author\":{\"id\":\"b\",\"handle\":\"h\",\"x\":{\"y\":[1]}}",
    "\"author\":\"b\"",
    "\"author\":null",
    "\"author\":{\"id\":{\"id\":\"b\"},\"handle\":\"h\"}",
    "\"topics\":[\"all\"]",
    "\"topics\":[\"apple\"]",
    "\"topics\":[\"all\",\"\"]",
    "\"topics\":[\"all\",1]",
    "\"topics\":[\"all\",[\"x\"]]",
    "\"topics\":\"all\"",
    "\"topics\":[]",
    "\"topics\":null",
    "\"extra\":{\"id\":\"nested\",\"topics\":[\"x\"]}",
    "\"extra\":[1,{\"a\":2}]",
  };

  @Test
  void agreesWithTheTreeParserOnEveryVariant() {
    SplittableRandom r = new SplittableRandom(2026);
    List<String> records = new ArrayList<>(List.of(VALID, "", " ", "[]", "null", "1", "\"x\""));
    records.add(VALID + " trailing");
    records.add(VALID.substring(0, VALID.length() - 1)); // truncated
    records.add(VALID.replace("\"text\"", "\"text\":\"a\",\"text\""));
    for (String f : FIELDS) {
      records.add(VALID.replace("{\"id\"", "{" + f + ",\"id\"")); // before (the original wins)
      records.add(VALID.substring(0, VALID.length() - 1) + "," + f + "}"); // after (it wins)
    }
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder(VALID.substring(0, VALID.length() - 1));
      for (int j = r.nextInt(4); j >= 0; j--) {
        b.append(',').append(FIELDS[r.nextInt(FIELDS.length)]);
      }
      records.add(b.append('}').toString());
    }
    int fast = 0;
    for (String json : records) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      ParseResult<PostEvent> expected = EventJson.parsePostReference(bytes);
      assertThat(EventJson.parsePost(bytes)).as(json).isEqualTo(expected);
      if (FastPost.read(bytes) != null) {
        fast++;
        assertThat(expected).as(json).isInstanceOf(ParseResult.Accepted.class);
      }
    }
    assertThat(fast).as("records taken by the fast path").isGreaterThan(records.size() / 10);
  }

  @Test
  void utcInstantsReadAsTheIsoFormatterReadsThem() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      String s =
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02d%sZ",
              r.nextInt(0, 10_000),
              r.nextInt(0, 14),
              r.nextInt(0, 33),
              r.nextInt(0, 26),
              r.nextInt(0, 61),
              r.nextInt(0, 61),
              switch (r.nextInt(4)) {
                case 0 -> "";
                case 1 -> "." + r.nextInt(0, 1000);
                case 2 -> "." + String.format("%09d", r.nextInt(0, 1_000_000_000));
                default -> ".";
              });
      java.time.Instant expected;
      try {
        expected = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        expected = null;
      }
      java.time.Instant fast = FastPost.utcInstant(s);
      if (fast != null) {
        assertThat(fast).as(s).isEqualTo(expected);
      } else {
        // declined: only text the formatter rejects, or a form the fast path leaves to it
        assertThat(expected == null || s.endsWith(".Z")).as(s).isTrue();
      }
    }
  }
}
