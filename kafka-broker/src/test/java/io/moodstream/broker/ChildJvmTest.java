package io.moodstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChildJvmTest {
  @Test
  void aClasspathTheBuildWroteIsReadBesideItsOwnerWithoutSurroundingSpace() {
    assertThat(ChildJvm.classpath(ChildJvmTest.class, "child-classpath.txt", "moodstream-x"))
        .isEqualTo("/a/one.jar:/b/two.jar");
    assertThat(KafkaBroker.classpath()).contains("kafka_2.13").doesNotEndWith("\n");
  }

  @Test
  void aMissingClasspathSaysWhichArtifactToBuild() {
    assertThatThrownBy(() -> ChildJvm.classpath(ChildJvmTest.class, "nothing.txt", "moodstream-x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("nothing.txt missing: build moodstream-x with Maven");
  }
}
