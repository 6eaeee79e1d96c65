package io.moodstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTest {

  @Test
  void missingLanguageIsScorable() {
    assertThat(Language.isScorable(null)).isTrue();
    assertThat(Language.isScorable("")).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\" is scorable")
  @ValueSource(strings = {"en", "EN", "en-GB", "en-us", "EN-Latn-US", "und", "UND"})
  void englishAndUndeterminedAreScorable(String tag) {
    assertThat(Language.isScorable(tag)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\" is not scorable")
  @ValueSource(strings = {"de", "es-MX", "fr", "ja", "enm", "eng", "en_US", "qme", "zxx", "pt-BR"})
  void otherLanguagesAreNotScorable(String tag) {
    assertThat(Language.isScorable(tag)).isFalse();
  }
}
