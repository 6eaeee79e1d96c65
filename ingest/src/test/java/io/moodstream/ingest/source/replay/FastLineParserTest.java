package io.moodstream.ingest.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.ingest.core.SourcePost;
import io.moodstream.schema.event.Reject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FastLineParserTest {
  private final FastLineParser p = new FastLineParser();

  private LineOutcome parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return p.parse(b, 0, b.length);
  }

  private static List<String> fixture(String name) throws Exception {
    return Files.readAllLines(Path.of("src/test/resources/replay/" + name));
  }

  @Test
  void aStatusKeepsItsIdTimeLangAuthorAndUnescapedText() throws Exception {
    SourcePost post = ((LineOutcome.AsPost) parse(fixture("v1-statuses.jsonl").get(0))).post();
    assertThat(post.id()).isEqualTo("1050118621198921728");
    assertThat(post.createdAt()).isEqualTo(Instant.parse("2018-10-10T20:19:24Z"));
    assertThat(post.text()).isEqualTo("I love coffee & tea <3 #coffee");
    assertThat(post.lang()).isEqualTo("en");
    assertThat(post.authorId()).isEqualTo("6253282");
    assertThat(post.handle()).isEqualTo("twitterapi");
    assertThat(post.url()).isEqualTo("https://twitter.com/twitterapi/status/1050118621198921728");
  }

  @Test
  void extendedTweetsRetweetsAndQuotesGetTheRightText() throws Exception {
    List<String> l = fixture("v1-statuses.jsonl");
    SourcePost ext = ((LineOutcome.AsPost) parse(l.get(1))).post();
    assertThat(ext.text()).endsWith("here it is whole 🌍");
    SourcePost rt = ((LineOutcome.AsPost) parse(l.get(2))).post();
    assertThat(rt.id()).isEqualTo("1050311000000000002");
    assertThat(rt.handle()).isEqualTo("retweeter");
    assertThat(rt.text()).isEqualTo(ext.text());
    SourcePost quote = ((LineOutcome.AsPost) parse(l.get(3))).post();
    assertThat(quote.text()).isEqualTo("So true! https://t.co/xyz");
  }

  @Test
  void deletesNoticesAndBadRecordsAreSorted() throws Exception {
    List<String> l =
        Files.readAllLines(
            Path.of("src/test/resources/replay/v1-mixed.jsonl"), StandardCharsets.ISO_8859_1);
    assertThat(parse(l.get(1))).isEqualTo(new LineOutcome.AsDelete("1050118621198921728"));
    assertThat(parse(l.get(2))).isEqualTo(new LineOutcome.Skip("notice.limit"));
    assertThat(parse(l.get(4))).isEqualTo(new LineOutcome.Skip("notice.scrub_geo"));
    assertThat(((LineOutcome.Bad) parse(l.get(6))).reject().code())
        .isEqualTo(Reject.Code.MALFORMED_JSON);
    assertThat(((LineOutcome.Bad) parse(l.get(7))).reject()).isEqualTo(Reject.missing("id_str"));
    LineOutcome.Bad badTime = (LineOutcome.Bad) parse(l.get(8));
    assertThat(badTime.reject().reason()).contains("created_at", "yesterday");
    assertThat(badTime.key()).isEqualTo("18");
    // no user: parsed as a post without author, which the Ingestor rejects (author.id missing)
    assertThat(((LineOutcome.AsPost) parse(l.get(9))).post().authorId()).isNull();
    byte[] invalid = l.get(10).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(((LineOutcome.Bad) p.parse(invalid, 0, invalid.length)).reject().code())
        .isEqualTo(Reject.Code.INVALID_UTF8);
    assertThat(((LineOutcome.Bad) parse("[1,2]")).reject().code())
        .isEqualTo(Reject.Code.MALFORMED_JSON);
    assertThat(((LineOutcome.Bad) parse("{\"a\":1} x")).reject().code())
        .isEqualTo(Reject.Code.MALFORMED_JSON);
  }

  @Test
  void xV2LinesTakeNoteTextHandlesAndRuleTags() throws Exception {
    List<String> l = fixture("x-v2.jsonl");
    SourcePost a = ((LineOutcome.AsPost) parse(l.get(0))).post();
    assertThat(a.id()).isEqualTo("1600000000000000001");
    assertThat(a.handle()).isEqualTo("XDevelopers");
    assertThat(a.createdAt()).isEqualTo(Instant.parse("2022-12-06T10:00:00Z"));
    assertThat(a.tags()).containsExactly("coffee");
    SourcePost b = ((LineOutcome.AsPost) parse(l.get(1))).post();
    assertThat(b.text()).startsWith("A long note that is longer");
    assertThat(b.tags()).containsExactly("election");
    assertThat(parse("{\"errors\":[{\"title\":\"operational-disconnect\"}]}"))
        .isEqualTo(new LineOutcome.Skip("notice.errors"));
  }

  @Test
  void ownPostLinesAreReadWithTheContractParser() throws Exception {
    List<String> l = fixture("own-posts.jsonl");
    SourcePost a = ((LineOutcome.AsPost) parse(l.get(0))).post();
    assertThat(a.id()).isEqualTo("b-1");
    assertThat(a.handle()).isEqualTo("alice.bsky.social");
    LineOutcome.Bad bad = (LineOutcome.Bad) parse(l.get(1));
    assertThat(bad.reject().code()).isEqualTo(Reject.Code.MISSING_FIELD);
  }

  @Test
  void twitterTimesParseFastAndCorrectly() {
    assertThat(TwitterTime.parse("Wed Oct 10 20:19:24 +0000 2018"))
        .isEqualTo(Instant.parse("2018-10-10T20:19:24Z"));
    assertThat(TwitterTime.parse("Thu Feb 29 00:00:00 +0000 2024"))
        .isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    assertThat(TwitterTime.parse("Wed Oct 10 22:19:24 +0200 2018"))
        .isEqualTo(Instant.parse("2018-10-10T20:19:24Z"));
    assertThat(TwitterTime.parse("nope")).isNull();
    Instant t = Instant.parse("1999-12-31T23:59:59Z");
    assertThat(TwitterTime.parse(TwitterTime.format(t))).isEqualTo(t);
  }

  @Test
  void utf8ValidationRejectsWhatJavaWouldReplace() {
    byte[] ok = "héllo 😍 日本".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.valid(ok, 0, ok.length)).isTrue();
    assertThat(Utf8.valid(new byte[] {(byte) 0xc0, (byte) 0x80}, 0, 2)).isFalse(); // overlong
    assertThat(Utf8.valid(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, 0, 3))
        .isFalse(); // surrogate
    assertThat(Utf8.valid(new byte[] {(byte) 0xe2, (byte) 0x82}, 0, 2)).isFalse(); // cut short
    assertThat(Utf8.valid(new byte[] {'a', (byte) 0xff}, 0, 2)).isFalse();
  }
}
