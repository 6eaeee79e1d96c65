package io.moodstream.streaming;

import static io.moodstream.streaming.MoodTransformTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.ParseResult;
import io.moodstream.schema.event.PostCodec;
import io.moodstream.schema.event.PostEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.Tuple5;

/** The job's reading of a record: JSON and the binary record are one post to it. */
class PostParsingTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  static final List<String> JSON =
      List.of(
          post("1", T0.plusSeconds(5), "I love it 😍", "en", "apple"),
          post("2", T0.plusSeconds(59), "awful, just awful", "en", "apple", "pear"),
          post("3", T0.plusSeconds(12), "fine", null),
          post("4", T0.plusSeconds(60), "great!", "en", "pear"),
          post("5", T0.plusSeconds(61), "hola, qué tal", "es", "pear"),
          post("6", T0.plusSeconds(62), "", "en"));

  static byte[] binary(String json) {
    return PostCodec.encode(EventJson.parsePost(json).orThrow());
  }

  static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void bothEncodingsOfAPostGiveTheSameScoredPost() {
    for (String json : JSON) {
      byte[] bin = binary(json);
      assertThat(PostCodec.isBinary(bin)).isTrue();
      PostEvent fromJson = PostParsing.post(utf8(json)).orThrow();
      PostEvent fromBinary = PostParsing.post(bin).orThrow();
      assertThat(fromBinary).isEqualTo(fromJson);
      assertThat(PostParsing.score(fromBinary)).isEqualTo(PostParsing.score(fromJson));
    }
  }

  @Test
  void aPartitionOfBinaryRecordsFoldsToTheBytesOfItsJsonTwin() {
    assertThat(fold(JSON, PostParsingTest::binary)).isEqualTo(fold(JSON, PostParsingTest::utf8));
  }

  @Test
  void theRowKeyRulesHoldForBinaryRecordsToo() {
    String early = post("7", Instant.parse("1969-12-31T23:59:59Z"), "old", "en");
    ParseResult<PostEvent> json = PostParsing.post(utf8(early));
    assertThat(json).isInstanceOf(ParseResult.Rejected.class);
    // the same post in binary, its createdAt (bytes 2..9, big-endian seconds) set to -1 by hand
    byte[] bin = binary(post("7", T0, "old", "en"));
    Arrays.fill(bin, 2, 10, (byte) 0xFF);
    assertThat(PostParsing.post(bin)).isEqualTo(json);
  }

  @Test
  void aCorruptBinaryRecordIsADeadLetterCarryingItsBytesInBase64() {
    byte[] bin = binary(JSON.get(0));
    byte[] cut = Arrays.copyOf(bin, bin.length - 3);
    ParseResult<PostEvent> r = PostParsing.post(cut);
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    DeadLetter d =
        EventJson.parseDeadLetter(PostParsing.deadLetter(cut, (ParseResult.Rejected<?>) r))
            .orThrow();
    assertThat(d.reason()).startsWith("bad-binary: binary post record: ");
    assertThat(d.raw()).startsWith("base64:");
    assertThat(Base64.getDecoder().decode(d.raw().substring("base64:".length()))).isEqualTo(cut);
    assertThat(d.source()).isEqualTo(PostParsing.STAGE);
  }

  /** The partition's outputs with their byte payloads as lists, so that they compare by value. */
  private static List<List<Object>> fold(List<String> records, Function<String, byte[]> encoding) {
    Timestamp appended = Timestamp.from(T0.plusSeconds(3600));
    List<Tuple2<byte[], Timestamp>> in = new ArrayList<>();
    records.forEach(r -> in.add(new Tuple2<>(encoding.apply(r), appended)));
    List<List<Object>> out = new ArrayList<>();
    new PartialBuckets(
            new StreamingConfig.Transform(Duration.ofMinutes(2), 5, Duration.ofMinutes(5)))
        .call(in.iterator())
        .forEachRemaining(
            (Tuple5<Integer, String, Long, Timestamp, byte[]> t) ->
                out.add(Arrays.asList(t._1(), t._2(), t._3(), t._4(), toList(t._5()))));
    return out;
  }

  private static List<Byte> toList(byte[] b) {
    List<Byte> l = new ArrayList<>(b.length);
    for (byte x : b) {
      l.add(x);
    }
    return l;
  }
}
