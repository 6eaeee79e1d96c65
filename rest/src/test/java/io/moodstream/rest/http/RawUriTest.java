package io.moodstream.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawUriTest {
  @Test
  void wellFormedUrisPass() {
    assertThat(RawUri.check("/api/v1/series", "topic=apple&from=now-6h&step=5m")).isEmpty();
    assertThat(RawUri.check("/api/v1/score", "text=I%20love%20it+%F0%9F%98%8D")).isEmpty();
    assertThat(RawUri.check("/", null)).isEmpty();
    assertThat(RawUri.check("/app.js", "")).isEmpty();
    assertThat(RawUri.check("/api/v1/topics", "a&b=&=c")).isEmpty();
  }

  @Test
  void badEscapesNameTheParameter() {
    assertThat(RawUri.check("/api/v1/series", "topic=%ZZ").orElseThrow().parameter())
        .isEqualTo("topic");
    assertThat(RawUri.check("/api/v1/series", "from=now&topic=%4").orElseThrow().parameter())
        .isEqualTo("topic");
    assertThat(RawUri.check("/api/v1/series", "topic=%C3%28").orElseThrow().detail())
        .contains("UTF-8");
    assertThat(RawUri.check("/api/v1/series", "%ZZ=1").orElseThrow().parameter()).isNull();
    assertThat(RawUri.check("/%zz", null).orElseThrow().detail()).contains("percent escape");
  }

  @Test
  void traversalAndAmbiguousPathsAreRefused() {
    for (String p :
        new String[] {"/a/../b", "/a/%2e%2e/b", "/a/./b", "/a%2fb", "/a%5cb", "/a%00b", "x", ""}) {
      assertThat(RawUri.check(p, null)).as(p).isPresent();
    }
  }

  @Test
  void decodingIsStrict() {
    assertThat(RawUri.decode("a%20b+c", true)).isEqualTo("a b c");
    assertThat(RawUri.decode("a+b", false)).isEqualTo("a+b");
    assertThat(RawUri.decode("%F0%9F%98%8D", true)).isEqualTo("😍");
  }
}
