package io.moodstream.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.key.KeyLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The binary post record: its pinned bytes, round trips, and garbage that must be rejected. */
class PostCodecTest {
  static final PostEvent PINNED =
      new PostEvent(
          "1",
          Source.SYNTHETIC,
          Instant.parse("2026-11-24T21:56:35.005Z"),
          "hi 😍",
          "en",
          new Author("a1", "ann"),
          List.of("all", "apple"),
          null);

  /** {@link #PINNED}, byte for byte as the layout in {@link PostCodec}'s Javadoc says. */
  static final String PINNED_HEX =
      "8d01" // magic, version 1
          + "000000006b060813" // createdAt seconds 1,795,557,395
          + "004c4b40" // 5,000,000 ns
          + "04" // synthetic
          + "01" // flags: lang present, no url
          + "0131" // id "1"
          + "07686920f09f988d" // text "hi 😍" (7 bytes of UTF-8)
          + "02656e" // lang "en"
          + "026131" // author.id "a1"
          + "03616e6e" // author.handle "ann"
          + "02" // two topics
          + "03616c6c" // "all"
          + "056170706c65"; // "apple"

  static ParseResult.Rejected<PostEvent> rejected(byte[] value) {
    ParseResult<PostEvent> r = PostCodec.decode(value);
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    return (ParseResult.Rejected<PostEvent>) r;
  }

  static ParseResult.Rejected<PostEvent> rejectedWith(
      Reject.Code code, String field, String reason) {
    return new ParseResult.Rejected<>(new Reject(code, field, reason));
  }

  static PostEvent roundTrip(PostEvent p) {
    byte[] b = PostCodec.encode(p);
    assertThat(b[0]).isEqualTo(PostCodec.MAGIC);
    return PostCodec.parse(b).orThrow();
  }

  @Test
  void encodesThePinnedBytes() {
    assertThat(HexFormat.of().formatHex(PostCodec.encode(PINNED))).isEqualTo(PINNED_HEX);
    assertThat(PostCodec.decode(HexFormat.of().parseHex(PINNED_HEX)).orThrow()).isEqualTo(PINNED);
  }

  @Test
  void roundTripsEveryOptionalFieldAbsentAndPresent() {
    for (String lang : Arrays.asList(null, "", "pt-BR")) {
      for (String url : Arrays.asList(null, "", "https://bsky.app/profile/x/post/3k")) {
        for (Source source : Source.values()) {
          PostEvent p =
              new PostEvent(
                  "id-" + source,
                  source,
                  Instant.parse("2026-01-01T00:00:00Z"),
                  "",
                  lang,
                  new Author("did:plc:x", ""),
                  List.of(),
                  url);
          assertThat(roundTrip(p)).isEqualTo(p);
        }
      }
    }
  }

  @Test
  void roundTripsUnicodeEmojiAndMaximalFields() {
    String emoji = "😍🏳️‍🌈 café ÅÆØ 日本語 \u0000 \uFFFD";
    PostEvent unicode =
        new PostEvent(
            "ü1",
            Source.BLUESKY,
            Instant.parse("2106-02-07T06:28:15.999999999Z"),
            emoji,
            "ja",
            new Author("did:plc:ü", "hándle😀"),
            List.of("all", "#café", "日本"),
            "https://example.org/ü");
    assertThat(roundTrip(unicode)).isEqualTo(unicode);

    String longText = "😍".repeat(PostRules.MAX_TEXT_LENGTH / 2); // 100,000 UTF-16 units
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      topics.add("topic " + i);
    }
    PostEvent max =
        new PostEvent(
            "9".repeat(1000),
            Source.X_V2,
            Instant.ofEpochSecond(KeyLimits.MAX_EPOCH_SECOND, 999_999_999),
            longText,
            "x".repeat(300),
            new Author("a".repeat(70_000), "h".repeat(70_000)),
            topics,
            "u".repeat(200_000));
    assertThat(roundTrip(max)).isEqualTo(max);
    assertThat(roundTrip(max).text()).hasSize(PostRules.MAX_TEXT_LENGTH);

    PostEvent epoch = pinnedAt(Instant.EPOCH);
    assertThat(roundTrip(epoch)).isEqualTo(epoch);
  }

  static PostEvent pinnedAt(Instant at) {
    return new PostEvent(
        PINNED.id(),
        PINNED.source(),
        at,
        PINNED.text(),
        PINNED.lang(),
        PINNED.author(),
        PINNED.topics(),
        PINNED.url());
  }

  @Test
  void parseReadsJsonAndBinaryToTheSamePost() throws Exception {
    for (String name : List.of("post-event.json", "post-event-minimal.json")) {
      byte[] json = EventJsonTest.fixture(name).getBytes(StandardCharsets.UTF_8);
      PostEvent fromJson = PostCodec.parse(json).orThrow();
      assertThat(fromJson).isEqualTo(EventJson.parsePost(json).orThrow());
      assertThat(PostCodec.parse(PostCodec.encode(fromJson)).orThrow()).isEqualTo(fromJson);
    }
    assertThat(PostCodec.isBinary(" {}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(PostCodec.parse(null)).isInstanceOf(ParseResult.Rejected.class);
    assertThat(PostCodec.parse(new byte[0])).isInstanceOf(ParseResult.Rejected.class);
  }

  @Test
  void everyTruncationIsARejectionNamingTheCodec() {
    byte[] full = PostCodec.encode(PINNED);
    for (int n = 0; n < full.length; n++) {
      ParseResult.Rejected<PostEvent> r = rejected(Arrays.copyOf(full, n));
      assertThat(r.reason()).as("cut at %d", n).startsWith("bad-binary: binary post record: ");
    }
    assertThat(rejected(Arrays.copyOf(full, 10)).reason())
        .isEqualTo(
            "bad-binary: binary post record: record is 10 bytes, shorter than its 16-byte"
                + " header");
    assertThat(rejected(Arrays.copyOf(full, full.length - 1)))
        .isEqualTo(
            rejectedWith(
                Reject.Code.BAD_BINARY,
                "topics[1]",
                "bad-binary: binary post record: 'topics[1]' is 5 bytes but the record has 4"
                    + " left"));
    byte[] longer = Arrays.copyOf(full, full.length + 1);
    assertThat(rejected(longer).reason()).endsWith("1 bytes follow the end of the record");
  }

  @Test
  void anUnknownVersionIsRejectedByName() {
    byte[] b = PostCodec.encode(PINNED);
    b[1] = 2;
    assertThat(rejected(b))
        .isEqualTo(
            rejectedWith(
                Reject.Code.BAD_BINARY,
                "$",
                "bad-binary: binary post record: format version 2 is unknown to this reader (it"
                    + " reads version 1)"));
  }

  @Test
  void corruptFieldsAreRejectedWithTheirName() {
    byte[] b = PostCodec.encode(PINNED);
    b[14] = 9;
    assertThat(rejected(b).reason()).contains("source code 9 is unknown");
    b = PostCodec.encode(PINNED);
    b[15] = 4;
    assertThat(rejected(b).reason()).contains("flags byte is 0x4");
    b = PostCodec.encode(PINNED);
    b[10] = 0x7F; // nanoseconds far above 999,999,999
    assertThat(rejected(b).field()).isEqualTo("createdAt");
    b = PostCodec.encode(PINNED);
    b[24] = (byte) 0xFF; // inside the emoji of text: malformed UTF-8
    assertThat(rejected(b))
        .isEqualTo(
            rejectedWith(
                Reject.Code.BAD_BINARY,
                "text",
                "bad-binary: binary post record: 'text' is not valid UTF-8"));
    byte[] varint = HexFormat.of().parseHex(PINNED_HEX.substring(0, 32) + "ffffffff7f");
    assertThat(rejected(varint).reason()).contains("the length of 'id' is not a valid varint");
  }

  @Test
  void decodedPostsPassTheSameRulesAsJson() {
    // each a post the record type would refuse, written by hand the way a foreign producer could
    String header = PINNED_HEX.substring(0, 30) + "00"; // no lang, no url
    assertThat(rejected(hex(header + "00" + "00" + "026131" + "00" + "01" + "03616c6c")))
        .isEqualTo(rejectedWith(Reject.Code.MISSING_FIELD, "id", "field 'id' must not be empty"));
    assertThat(rejected(hex(header + "0131" + "00" + "00" + "00" + "01" + "03616c6c")))
        .isEqualTo(
            rejectedWith(
                Reject.Code.MISSING_FIELD, "author.id", "field 'author.id' must not be empty"));
    assertThat(rejected(hex(header + "0131" + "00" + "026131" + "00" + "01" + "0161")))
        .isEqualTo(
            rejectedWith(
                Reject.Code.INVALID_FIELD, "topics", "field 'topics' must include \"all\""));
    assertThat(rejected(hex(header + "0131" + "00" + "026131" + "00" + "02" + "03616c6c00")))
        .isEqualTo(
            rejectedWith(
                Reject.Code.INVALID_FIELD,
                "topics[1]",
                "field 'topics[1]' must be a non-empty string"));
    String tooLong = "a".repeat(PostRules.MAX_TEXT_LENGTH + 1);
    byte[] b = PostCodec.encode(pinnedAt(Instant.EPOCH));
    byte[] text = tooLong.getBytes(StandardCharsets.UTF_8);
    byte[] forged = new byte[b.length - 8 + 3 + text.length];
    System.arraycopy(b, 0, forged, 0, 18); // header and id
    forged[18] = (byte) 0xA1; // varint 100,001 = 0xA1 0x8D 0x06
    forged[19] = (byte) 0x8D;
    forged[20] = 0x06;
    System.arraycopy(text, 0, forged, 21, text.length);
    System.arraycopy(b, 26, forged, 21 + text.length, b.length - 26);
    assertThat(rejected(forged).field()).isEqualTo("text");
    assertThat(rejected(forged).reason())
        .isEqualTo("field 'text' is 100001 characters, more than the limit of 100000");
  }

  @Test
  void randomGarbageIsRejectedNeverThrown() {
    SplittableRandom random = new SplittableRandom(16);
    byte[] valid = PostCodec.encode(PINNED);
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      byte[] b;
      if (i % 2 == 0) {
        b = new byte[random.nextInt(64)];
        random.nextBytes(b);
        if (b.length > 1) {
          b[0] = PostCodec.MAGIC;
          b[1] = PostCodec.VERSION;
        }
      } else {
        b = valid.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
      }
      ParseResult<PostEvent> r = PostCodec.decode(b); // must not throw
      if (r instanceof ParseResult.Accepted<PostEvent> p) {
        accepted++;
        assertThat(PostCodec.decode(PostCodec.encode(p.value())).orThrow()).isEqualTo(p.value());
      }
    }
    assertThat(accepted).as("some flips keep a valid record (a letter of the text)").isPositive();
  }

  @Test
  void aBinaryRecordIsReadableOnTheDeadLetterTopic() {
    byte[] b = PostCodec.encode(PINNED);
    String raw = PostCodec.readable(b);
    assertThat(raw).startsWith("base64:");
    assertThat(Base64.getDecoder().decode(raw.substring("base64:".length()))).isEqualTo(b);
    assertThat(PostCodec.readable("{\"id\":1}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("{\"id\":1}");
    assertThat(PostCodec.readable(null)).isEmpty();
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
