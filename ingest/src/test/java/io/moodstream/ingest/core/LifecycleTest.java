package io.moodstream.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stop signal: what a source registered is closed once, on stop or at once when stopping. */
class LifecycleTest {
  @Test
  void stopClosesEveryRegisteredCloserEvenWhenOneFails() throws Exception {
    Lifecycle life = new Lifecycle();
    List<String> closed = new ArrayList<>();
    life.onStop(() -> closed.add("a"));
    life.onStop(
        () -> {
          closed.add("b");
          throw new IllegalStateException("b cannot close");
        });
    life.onStop(() -> closed.add("c"));
    AutoCloseable unregister = life.onStop(() -> closed.add("gone"));
    unregister.close();
    assertThat(life.stopping()).isFalse();
    assertThat(closed).isEmpty();

    life.stop();
    life.stop(); // a second stop closes nothing again
    assertThat(life.stopping()).isTrue();
    assertThat(closed).containsExactly("a", "b", "c");
  }

  @Test
  void aCloserRegisteredWhileStoppingIsClosedAtOnce() {
    Lifecycle life = new Lifecycle();
    life.stop();
    List<String> closed = new ArrayList<>();
    life.onStop(() -> closed.add("late"));
    life.onStop(
        () -> {
          throw new IllegalStateException("late and failing");
        });
    assertThat(closed).containsExactly("late");
  }
}
