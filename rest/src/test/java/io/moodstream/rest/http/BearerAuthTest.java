package io.moodstream.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerAuthTest {
  final BearerAuth auth = new BearerAuth(Optional.of("s3cret-token"));

  @Test
  void theApiAndMetricsNeedTheTokenTheProbesAndFilesDoNot() {
    assertThat(auth.protects("/api/v1/topics")).isTrue();
    assertThat(auth.protects("/api/openapi.json")).isTrue();
    assertThat(auth.protects("/metrics")).isTrue();
    assertThat(auth.protects("/health/live")).isFalse();
    assertThat(auth.protects("/health/ready")).isFalse();
    assertThat(auth.protects("/")).isFalse();
    assertThat(auth.protects("/app.js")).isFalse();
  }

  @Test
  void onlyTheExactBearerTokenPasses() {
    assertThat(auth.allows("Bearer s3cret-token")).isTrue();
    assertThat(auth.allows("bearer s3cret-token")).as("the scheme is case-insensitive").isTrue();
    assertThat(auth.allows("Bearer s3cret-token2")).isFalse();
    assertThat(auth.allows("Bearer s3cret-toke")).isFalse();
    assertThat(auth.allows("Basic s3cret-token")).isFalse();
    assertThat(auth.allows("s3cret-token")).isFalse();
    assertThat(auth.allows(null)).isFalse();
    assertThat(auth.allows("")).isFalse();
  }

  @Test
  void noTokenMeansNoAuthentication() {
    BearerAuth off = new BearerAuth(Optional.empty());
    assertThat(off.enabled()).isFalse();
    assertThat(off.protects("/api/v1/topics")).isFalse();
    assertThat(off.allows(null)).isTrue();
    assertThat(new BearerAuth(Optional.of("  ")).enabled()).as("a blank token is none").isFalse();
  }
}
