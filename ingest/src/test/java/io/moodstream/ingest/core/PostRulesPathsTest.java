package io.moodstream.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moodstream.ingest.source.bluesky.BlueskySource;
import io.moodstream.ingest.source.replay.FastLineParser;
import io.moodstream.ingest.source.replay.LineOutcome;
import io.moodstream.ingest.source.replay.LineParser;
import io.moodstream.ingest.source.replay.Twitter4jLineParser;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.ParseResult;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Reject.Code;
import io.moodstream.schema.event.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A post that breaks one {@code PostRules} rule gets the same code through every path: the v1.1
 * replay parsers (fast and twitter4j), X v2, Bluesky's Jetstream events and our own post JSONL at
 * ingest, and the streaming job's parse of a record on {@code moodstream.posts}.
 */
class PostRulesPathsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final Instant AN_HOUR_AGO = NOW.minusSeconds(3600);
  private static final DateTimeFormatter V1_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** A post as every format can say it; {@code null} leaves the field out. */
  record Post(String id, Instant createdAt, String text, String authorId) {
    Post withId(String v) {
      return new Post(v, createdAt, text, authorId);
    }

    Post withCreatedAt(Instant v) {
      return new Post(id, v, text, authorId);
    }

    Post withText(String v) {
      return new Post(id, createdAt, v, authorId);
    }

    Post withAuthorId(String v) {
      return new Post(id, createdAt, text, v);
    }
  }

  private static final Post GOOD = new Post("1790", AN_HOUR_AGO, "coffee time", "42");

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of("no id", GOOD.withId(null), Code.MISSING_FIELD),
        Arguments.of("an empty id", GOOD.withId(""), Code.MISSING_FIELD),
        Arguments.of(
            "an id no post_refs row can hold", GOOD.withId("9".repeat(32_768)), Code.UNSTORABLE),
        Arguments.of("no text", GOOD.withText(null), Code.MISSING_FIELD),
        Arguments.of(
            "a text over 100,000 characters",
            GOOD.withText("x".repeat(100_001)),
            Code.TEXT_TOO_LONG),
        Arguments.of("no createdAt", GOOD.withCreatedAt(null), Code.MISSING_FIELD),
        Arguments.of(
            "a createdAt before 1970",
            GOOD.withCreatedAt(Instant.parse("1969-12-31T23:59:59Z")),
            Code.UNSTORABLE),
        Arguments.of(
            "a createdAt after 2106",
            GOOD.withCreatedAt(Instant.parse("2107-01-01T00:00:00Z")),
            Code.UNSTORABLE),
        Arguments.of("no author id", GOOD.withAuthorId(null), Code.MISSING_FIELD),
        Arguments.of("an empty author id", GOOD.withAuthorId(""), Code.MISSING_FIELD));
  }

  /** Each path: the code it gives a post, or null when it accepts it. */
  private static Map<String, Function<Post, Code>> paths() {
    Map<String, Function<Post, Code>> paths = new LinkedHashMap<>();
    paths.put("v1.1 fast", p -> replay(new FastLineParser(), v1(p)));
    paths.put("v1.1 twitter4j", p -> replay(new Twitter4jLineParser(), v1(p)));
    paths.put("X v2", p -> replay(new FastLineParser(), xv2(p)));
    paths.put("own JSONL", p -> replay(new FastLineParser(), own(p)));
    paths.put("Bluesky", PostRulesPathsTest::bluesky);
    paths.put("the job", p -> job(own(p)));
    return paths;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void aPostBreakingARuleGetsTheSameCodeOnEveryPath(String name, Post post, Code code) {
    paths()
        .forEach(
            (path, run) -> {
              // twitter4j reads ids as longs: a longer id is no twitter4j status (the fast
              // parser, which reads id_str, takes it to the rule)
              if (!path.equals("v1.1 twitter4j") || post.id() == null || post.id().length() < 19) {
                assertThat(run.apply(post)).as(path).isEqualTo(code);
              }
            });
  }

  @Test
  void theGoodPostPassesEveryPath() {
    paths().forEach((path, run) -> assertThat(run.apply(GOOD)).as(path).isNull());
  }

  @Test
  void aPostDatedPastTheSkewIsAFutureCreatedAtOnEveryIngestPath() {
    Post future = GOOD.withCreatedAt(NOW.plus(Duration.ofHours(1)));
    paths()
        .forEach(
            (path, run) -> {
              if (!path.equals("the job")) { // the job compares with the Kafka append time instead
                assertThat(run.apply(future)).as(path).isEqualTo(Code.FUTURE_CREATED_AT);
              }
            });
  }

  @Test
  void aTopicThatCannotBeARowKeyIsRejectedAtIngestAndByTheJob() {
    String topic = "é".repeat(128); // 256 UTF-8 bytes
    Ingest in = new Ingest(List.of(topic));
    in.ingestor.post(
        new SourcePost("1", AN_HOUR_AGO, "I say " + topic, "en", "u", "h", null, List.of()),
        () -> "raw");
    assertThat(in.code()).isEqualTo(Code.UNSTORABLE);
    ObjectNode n = ownNode(GOOD);
    n.putArray("topics").add("all").add(topic);
    assertThat(job(n.toString())).isEqualTo(Code.UNSTORABLE);
  }

  // ---------------------------------------------------------------- the paths

  /** An ingestor with its own counters: each run sees one record. */
  private static final class Ingest {
    final Metrics metrics = new Metrics();
    final RecordingSink sink = new RecordingSink();
    final Ingestor ingestor;

    Ingest(List<String> topics) {
      ingestor =
          new Ingestor(
              Source.REPLAY,
              TopicMatcher.of(topics),
              sink,
              metrics,
              Clock.fixed(NOW, ZoneOffset.UTC),
              Duration.ofMinutes(5));
    }

    /** The code of the one dead letter counted, or null when the post went through. */
    Code code() {
      if (!sink.posts.isEmpty()) {
        return null;
      }
      assertThat(sink.dead).hasSize(1);
      String key =
          metrics.snapshot().keySet().stream()
              .filter(k -> k.startsWith("replay/dlq."))
              .findFirst()
              .orElseThrow();
      String counter = key.substring("replay/dlq.".length());
      return Stream.of(Code.values())
          .filter(c -> c.counterName().equals(counter))
          .findFirst()
          .orElseThrow();
    }
  }

  /** A line through a replay parser and into the ingestor, as ReplaySource hands it over. */
  private static Code replay(LineParser parser, String line) {
    Ingest in = new Ingest(List.of("coffee"));
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    LineOutcome r = parser.parse(b, 0, b.length);
    if (r instanceof LineOutcome.AsPost p) {
      in.ingestor.post(p.post(), () -> line);
    } else if (r instanceof LineOutcome.Bad bad) {
      in.ingestor.reject(line, bad.reject(), bad.key());
    } else {
      throw new AssertionError("neither a post nor a reject: " + r);
    }
    return in.code();
  }

  private static Code bluesky(Post p) {
    Ingest in = new Ingest(List.of("coffee"));
    new BlueskySource(
            "ws://unused", Path.of("target/unused-cursor"), Duration.ofSeconds(1), d -> {})
        .handle(in.ingestor, jetstream(p));
    return in.code();
  }

  /** The job's parse of a record on moodstream.posts (streaming's PostParsing.post). */
  private static Code job(String value) {
    ParseResult<PostEvent> r = EventJson.parsePost(value.getBytes(StandardCharsets.UTF_8));
    return r instanceof ParseResult.Rejected<PostEvent> rej ? rej.code() : null;
  }

  // ---------------------------------------------------------------- the formats

  private static boolean numeric(String id) {
    return id != null
        && !id.isEmpty()
        && id.length() < 19
        && id.chars().allMatch(Character::isDigit);
  }

  private static String v1(Post p) {
    ObjectNode n = JSON.createObjectNode();
    if (p.createdAt() != null) {
      n.put("created_at", V1_TIME.format(p.createdAt()));
    }
    if (p.id() != null) {
      n.put("id_str", p.id());
      if (numeric(p.id())) {
        n.put("id", Long.parseLong(p.id()));
      }
    }
    if (p.text() != null) {
      n.put("text", p.text());
    }
    n.put("lang", "en");
    ObjectNode user = n.putObject("user");
    if (p.authorId() != null) {
      user.put("id_str", p.authorId());
      if (numeric(p.authorId())) {
        user.put("id", Long.parseLong(p.authorId()));
      }
    }
    user.put("screen_name", "h");
    return n.toString();
  }

  private static String xv2(Post p) {
    ObjectNode n = JSON.createObjectNode();
    ObjectNode data = n.putObject("data");
    putIf(data, "id", p.id());
    putIf(data, "text", p.text());
    putIf(data, "created_at", p.createdAt() == null ? null : p.createdAt().toString());
    putIf(data, "author_id", p.authorId());
    n.putObject("includes").putArray("users").addObject().put("id", "42").put("username", "h");
    return n.toString();
  }

  private static ObjectNode ownNode(Post p) {
    ObjectNode n = JSON.createObjectNode();
    putIf(n, "id", p.id());
    n.put("source", "replay");
    putIf(n, "createdAt", p.createdAt() == null ? null : p.createdAt().toString());
    putIf(n, "text", p.text());
    ObjectNode author = n.putObject("author");
    putIf(author, "id", p.authorId());
    author.put("handle", "h");
    n.putArray("topics").add("all");
    return n;
  }

  private static String own(Post p) {
    return ownNode(p).toString();
  }

  /** A Jetstream create event: the post id is at://did/collection/rkey, the author its did. */
  private static String jetstream(Post p) {
    ObjectNode n = JSON.createObjectNode();
    putIf(n, "did", p.authorId());
    n.put("kind", "commit");
    ObjectNode c = n.putObject("commit");
    c.put("operation", "create").put("collection", "app.bsky.feed.post");
    putIf(c, "rkey", p.id());
    ObjectNode record = c.putObject("record");
    putIf(record, "text", p.text());
    putIf(record, "createdAt", p.createdAt() == null ? null : p.createdAt().toString());
    return n.toString();
  }

  private static void putIf(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }
}
