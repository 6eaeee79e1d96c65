package io.moodstream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmTest {
  @Test
  void aChildRunsG1UnlessItsFlagsChooseAnotherCollector() {
    List<String> g1 =
        ChildJvm.command("1g", List.of("-XX:CompileThresholdScaling=3"), "cp", "M", List.of());
    assertThat(g1).contains("-XX:+UseG1GC", "-Xmx1g", "-XX:CompileThresholdScaling=3");

    List<String> serial =
        ChildJvm.command("1g", List.of("-XX:+UseSerialGC"), "cp", "M", List.of("a"));
    assertThat(serial).contains("-XX:+UseSerialGC").doesNotContain("-XX:+UseG1GC");
    assertThat(serial.subList(serial.size() - 4, serial.size()))
        .containsExactly("-cp", "cp", "M", "a");
  }
}
