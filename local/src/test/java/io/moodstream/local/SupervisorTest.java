package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.local.ChildSpec.Readiness;
import io.moodstream.local.ChildSpec.Restart;
import io.moodstream.local.ChildSpec.Start;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The generic supervisor with an injected clock and fake processes: no process is started. */
class SupervisorTest {
  static final RestartPolicy POLICY =
      new RestartPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(10));

  /** A clock the test (and the supervisor's sleeper) moves. */
  static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** A process the test kills, ends and makes ready. */
  static class FakeProcess implements Supervisor.Running {
    final long pid;
    volatile boolean alive = true;
    volatile int exit;
    volatile boolean ready;
    final List<String> stops = new ArrayList<>();

    FakeProcess(long pid) {
      this.pid = pid;
    }

    void exit(int status) {
      exit = status;
      alive = false;
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public boolean isAlive() {
      return alive;
    }

    @Override
    public int exitValue() {
      return exit;
    }

    @Override
    public boolean logContains(String text) {
      return ready;
    }

    @Override
    public String logTail(int lines) {
      return "line 1\nboom: out of memory";
    }

    @Override
    public Path logFile() {
      return Path.of("var/log/x.log");
    }

    @Override
    public boolean stop(Duration grace) {
      stops.add(grace.toString());
      alive = false;
      return true;
    }
  }

  final TestClock clock = new TestClock();
  final List<String> events = Collections.synchronizedList(new ArrayList<>());
  final List<String> launches = Collections.synchronizedList(new ArrayList<>());
  final Map<String, List<FakeProcess>> procs = new ConcurrentHashMap<>();
  volatile boolean readyOnLaunch = true;

  Supervisor supervisor(List<ChildSpec> plan) {
    return supervisor(plan, clock::advance);
  }

  Supervisor supervisor(List<ChildSpec> plan, Supervisor.Sleeper sleeper) {
    return new Supervisor(
        plan,
        (spec, cmd) -> {
          launches.add(spec.id());
          List<FakeProcess> l = procs.computeIfAbsent(spec.id(), k -> new ArrayList<>());
          FakeProcess p = new FakeProcess(100 + launches.size());
          p.ready = readyOnLaunch;
          l.add(p);
          return p;
        },
        POLICY,
        clock,
        sleeper,
        (id, msg) -> events.add(id + ": " + msg),
        status -> {});
  }

  static ChildSpec server(String id, Restart restart, String... needs) {
    return new ChildSpec(
        id,
        id,
        new Start.Command(List.of("java", id), Map.of()),
        new Readiness.LogLine("started"),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        restart,
        List.of(needs),
        null,
        List.of());
  }

  FakeProcess current(String id) {
    List<FakeProcess> l = procs.get(id);
    return l.get(l.size() - 1);
  }

  Supervisor.Status status(Supervisor s, String id) {
    return s.status().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void startsEachChildOnceWhatItNeedsIsReady() throws Exception {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    ChildSpec schema =
        new ChildSpec(
            "schema",
            "schema",
            new Start.Step("applying", () -> order.add("schema"), ChildSpec.Action.NONE),
            new Readiness.Alive(),
            Duration.ofSeconds(30),
            Duration.ZERO,
            Restart.TEMPORARY,
            List.of("kafka", "hbase"),
            null,
            List.of());
    Supervisor s =
        supervisor(
            List.of(
                server("kafka", Restart.PERMANENT),
                server("hbase", Restart.PERMANENT),
                schema,
                server("stream", Restart.PERMANENT, "schema")));
    s.startAll();
    assertThat(launches.subList(0, 2)).containsExactlyInAnyOrder("kafka", "hbase");
    assertThat(launches.get(2)).isEqualTo("stream");
    assertThat(order).containsExactly("schema");
    assertThat(s.status())
        .extracting(Supervisor.Status::state)
        .containsExactly(
            Supervisor.State.UP, Supervisor.State.UP, Supervisor.State.DONE, Supervisor.State.UP);
  }

  @Test
  void independentChildrenStartAtTheSameTime() throws Exception {
    // each step waits for the other two: this only finishes if all three run at once
    CountDownLatch all = new CountDownLatch(3);
    List<ChildSpec> plan = new ArrayList<>();
    for (String id : List.of("a", "b", "c")) {
      plan.add(
          new ChildSpec(
              id,
              id,
              new Start.Step(
                  "x",
                  () -> {
                    all.countDown();
                    assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
                  },
                  ChildSpec.Action.NONE),
              new Readiness.Alive(),
              Duration.ofSeconds(30),
              Duration.ZERO,
              Restart.TEMPORARY,
              List.of(),
              null,
              List.of()));
    }
    supervisor(plan).startAll();
    assertThat(all.getCount()).isZero();
  }

  @Test
  void theFirstStartFailureInterruptsTheOthersAndIsRethrown() {
    AtomicBoolean interrupted = new AtomicBoolean();
    ChildSpec slow =
        new ChildSpec(
            "slow",
            "slow",
            new Start.Step(
                "x",
                () -> {
                  try {
                    Thread.sleep(60_000);
                  } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                  }
                },
                ChildSpec.Action.NONE),
            new Readiness.Alive(),
            Duration.ofSeconds(30),
            Duration.ZERO,
            Restart.TEMPORARY,
            List.of(),
            null,
            List.of());
    ChildSpec bad =
        new ChildSpec(
            "bad",
            "bad",
            new Start.Step(
                "x",
                () -> {
                  throw new IOException("hbase exited during start; see hbase.log");
                },
                ChildSpec.Action.NONE),
            new Readiness.Alive(),
            Duration.ofSeconds(30),
            Duration.ZERO,
            Restart.TEMPORARY,
            List.of(),
            null,
            List.of());
    assertThatThrownBy(() -> supervisor(List.of(slow, bad)).startAll())
        .hasMessage("hbase exited during start; see hbase.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!interrupted.get() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(interrupted).as("the slow start was interrupted").isTrue();
  }

  @Test
  void aChildNotReadyInTimeFailsTheStart() {
    readyOnLaunch = false;
    assertThatThrownBy(() -> supervisor(List.of(server("kafka", Restart.PERMANENT))).startAll())
        .hasMessageContaining("kafka not ready after 30 s");
  }

  @Test
  void watchLeavesAFirstStartToStartAll() throws Exception {
    readyOnLaunch = false;
    CountDownLatch polling = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    Supervisor s =
        supervisor(
            List.of(server("kafka", Restart.PERMANENT)),
            d -> {
              polling.countDown();
              proceed.await();
              clock.advance(d);
            });
    Thread start =
        new Thread(
            () -> {
              try {
                s.startAll();
              } catch (Exception e) {
                events.add("start failed: " + e);
              }
            });
    start.start();
    assertThat(polling.await(10, TimeUnit.SECONDS)).isTrue();
    current("kafka").ready = true;
    clock.advance(Duration.ofMinutes(1)); // past its start timeout, too
    s.watch();
    assertThat(status(s, "kafka").state()).isEqualTo(Supervisor.State.STARTING);
    assertThat(current("kafka").stops).isEmpty();
    proceed.countDown();
    start.join(10_000);
    assertThat(events).containsExactly("kafka: starting", "kafka: ready (pid 101)");
    assertThat(status(s, "kafka").state()).isEqualTo(Supervisor.State.UP);
  }

  @Test
  void aCrashedChildIsRestartedWithExponentialBackoffAndCountsAsUpOnlyWhenReadyAgain()
      throws Exception {
    Supervisor s = supervisor(List.of(server("kafka", Restart.PERMANENT)));
    s.startAll();
    List<Duration> waits = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      current("kafka").exit(137);
      s.watch();
      assertThat(status(s, "kafka").state()).isEqualTo(Supervisor.State.BACKOFF);
      Instant crashed = clock.instant();
      int launched = launches.size();
      while (launches.size() == launched) {
        clock.advance(Duration.ofMillis(250));
        s.watch();
      }
      waits.add(Duration.between(crashed, clock.instant()));
      // launched again, but not up until its readiness check passes
      assertThat(status(s, "kafka").state()).isEqualTo(Supervisor.State.STARTING);
      current("kafka").ready = false;
      clock.advance(Duration.ofSeconds(5));
      s.watch();
      assertThat(status(s, "kafka").state()).isEqualTo(Supervisor.State.STARTING);
      current("kafka").ready = true;
      s.watch();
      assertThat(status(s, "kafka").state()).isEqualTo(Supervisor.State.UP);
      assertThat(status(s, "kafka").restarts()).isEqualTo(n);
    }
    assertThat(waits)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(events)
        .anyMatch(e -> e.startsWith("kafka: exited unexpectedly with status 137; restart 1 of 3"))
        .anyMatch(e -> e.startsWith("kafka: ready again (pid"));
  }

  @Test
  void theBackoffDoublesUpToItsMaximum() {
    assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(POLICY::backoff))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8));
    assertThatThrownBy(() -> POLICY.backoff(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new RestartPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void crashAndRecover(Supervisor s, String id) {
    current(id).exit(1);
    s.watch();
    clock.advance(Duration.ofSeconds(10));
    s.watch(); // relaunched
    s.watch(); // ready again
    assertThat(status(s, id).state()).isEqualTo(Supervisor.State.UP);
  }

  @Test
  void theRestartBudgetIsFullAgainAfterAHealthyPeriod() throws Exception {
    Supervisor s = supervisor(List.of(server("rest", Restart.PERMANENT)));
    s.startAll();
    crashAndRecover(s, "rest");
    crashAndRecover(s, "rest");
    assertThat(status(s, "rest").restarts()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(9));
    s.watch();
    assertThat(status(s, "rest").restarts()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(1));
    s.watch();
    assertThat(status(s, "rest").restarts()).isZero();
    assertThat(events).anyMatch(e -> e.contains("rest: up for 10 min since its last restart"));
    // a whole new budget: three more crashes are restarted, the first after the first backoff
    for (int i = 0; i < 3; i++) {
      crashAndRecover(s, "rest");
    }
    assertThat(status(s, "rest").restarts()).isEqualTo(3);
  }

  @Test
  void aChildThatSpendsItsBudgetFailsWithItsExitStatusAndLogTailNeverFinished() throws Exception {
    Supervisor s = supervisor(List.of(server("kafka", Restart.PERMANENT)));
    s.startAll();
    for (int i = 0; i < 3; i++) {
      crashAndRecover(s, "kafka");
    }
    current("kafka").exit(0); // even a clean exit of a server is not "finished"
    s.watch();
    Supervisor.Status st = status(s, "kafka");
    assertThat(st.state()).isEqualTo(Supervisor.State.FAILED);
    assertThat(st.note()).contains("status 0").contains("after 3 restart(s)");
    assertThat(s.failures()).extracting(Supervisor.Status::id).containsExactly("kafka");
    String report = events.get(events.size() - 1);
    assertThat(report)
        .startsWith("kafka: FAILED: exited unexpectedly with status 0")
        .contains("var/log/x.log")
        .contains("boom: out of memory");
    assertThat(events).noneMatch(e -> e.contains("finished"));
    int launched = launches.size();
    clock.advance(Duration.ofMinutes(5));
    s.watch();
    assertThat(launches).hasSize(launched);
  }

  @Test
  void aReplayThatExitsZeroIsFinishedAndOneThatCrashesIsRestarted() throws Exception {
    Supervisor s = supervisor(List.of(server("ingest", Restart.TRANSIENT)));
    s.startAll();
    current("ingest").exit(1);
    s.watch();
    assertThat(status(s, "ingest").state()).isEqualTo(Supervisor.State.BACKOFF);
    clock.advance(Duration.ofSeconds(1));
    s.watch();
    s.watch();
    assertThat(status(s, "ingest").state()).isEqualTo(Supervisor.State.UP);
    current("ingest").exit(0);
    s.watch();
    assertThat(status(s, "ingest").state()).isEqualTo(Supervisor.State.FINISHED);
    assertThat(events).anyMatch(e -> e.startsWith("ingest: finished (exit status 0)"));
  }

  @Test
  void aFatalExitStatusFailsAtOnceWithTheStatusAndLogTailAndIsNeverRestarted() throws Exception {
    for (int status : List.of(2, 3)) {
      for (Restart restart : List.of(Restart.TRANSIENT, Restart.PERMANENT)) {
        events.clear();
        launches.clear();
        procs.clear();
        Supervisor s = supervisor(List.of(server("ingest", restart).withFatalExits(Set.of(2, 3))));
        s.startAll();
        current("ingest").exit(status);
        s.watch();
        Supervisor.Status st = status(s, "ingest");
        assertThat(st.state())
            .as("exit %d, %s", status, restart)
            .isEqualTo(Supervisor.State.FAILED);
        assertThat(st.restarts()).isZero();
        assertThat(st.note()).contains("status " + status).contains("a restart cannot mend");
        assertThat(s.failures()).extracting(Supervisor.Status::id).containsExactly("ingest");
        assertThat(events.get(events.size() - 1))
            .startsWith("ingest: FAILED: exited with status " + status)
            .contains("var/log/x.log")
            .contains("boom: out of memory");
        assertThat(events).noneMatch(e -> e.contains("finished") || e.contains("restart 1"));
        clock.advance(Duration.ofMinutes(5));
        s.watch();
        assertThat(launches).containsExactly("ingest");
      }
    }
  }

  @Test
  void aStatusThatIsNotFatalIsStillRestarted() throws Exception {
    Supervisor s =
        supervisor(List.of(server("ingest", Restart.TRANSIENT).withFatalExits(Set.of(2, 3))));
    s.startAll();
    current("ingest").exit(1); // a failed source or a full spool: may pass
    s.watch();
    assertThat(status(s, "ingest").state()).isEqualTo(Supervisor.State.BACKOFF);
    assertThatThrownBy(() -> server("x", Restart.PERMANENT).withFatalExits(Set.of(0)))
        .hasMessageContaining("exit status 0 cannot be fatal");
  }

  @Test
  void aReplayDoneBeforeItCountsAsUpIsFinishedAndWhatNeedsItStarts() throws Exception {
    ChildSpec replay =
        new ChildSpec(
            "ingest",
            "ingest",
            new Start.Command(List.of("java", "ingest"), Map.of()),
            new Readiness.Alive(),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Restart.TRANSIENT,
            List.of(),
            null,
            List.of());
    Supervisor s =
        new Supervisor(
            List.of(replay, server("after", Restart.PERMANENT, "ingest")),
            (spec, cmd) -> {
              launches.add(spec.id());
              FakeProcess p = new FakeProcess(launches.size());
              p.ready = true;
              if (spec.id().equals("ingest")) {
                p.exit(0); // a short archive: done within the first poll
              }
              procs.computeIfAbsent(spec.id(), k -> new ArrayList<>()).add(p);
              return p;
            },
            POLICY,
            clock,
            clock::advance,
            (id, msg) -> events.add(id + ": " + msg),
            status -> {});
    s.startAll();
    assertThat(status(s, "ingest").state()).isEqualTo(Supervisor.State.FINISHED);
    assertThat(status(s, "after").state()).isEqualTo(Supervisor.State.UP);
    assertThat(s.failures()).isEmpty();
    // a crash during start still fails the start
    ChildSpec crashing = server("kafka", Restart.TRANSIENT);
    Supervisor t =
        new Supervisor(
            List.of(crashing),
            (spec, cmd) -> {
              FakeProcess p = new FakeProcess(7);
              p.exit(1);
              return p;
            },
            POLICY,
            clock,
            clock::advance,
            (id, msg) -> events.add(id + ": " + msg),
            status -> {});
    assertThatThrownBy(t::startAll).hasMessageContaining("kafka exited with status 1 during start");
  }

  @Test
  void aRestartedChildThatIsNotReadyInTimeIsKilledAndCountedAsACrash() throws Exception {
    Supervisor s = supervisor(List.of(server("hbase", Restart.PERMANENT)));
    s.startAll();
    current("hbase").exit(137);
    readyOnLaunch = false;
    s.watch();
    clock.advance(Duration.ofSeconds(1));
    s.watch();
    FakeProcess hung = current("hbase");
    clock.advance(Duration.ofSeconds(30));
    s.watch();
    assertThat(hung.alive).isFalse();
    assertThat(status(s, "hbase").state()).isEqualTo(Supervisor.State.BACKOFF);
    assertThat(status(s, "hbase").restarts()).isEqualTo(2);
    assertThat(events).anyMatch(e -> e.equals("hbase: not ready 30 s after its restart: killed"));
  }

  @Test
  void stopsInTheReverseOrderOfThePlanWithEachGrace() throws Exception {
    List<String> stopped = Collections.synchronizedList(new ArrayList<>());
    ChildSpec submit =
        new ChildSpec(
            "job",
            "job",
            new Start.Step("submit", ChildSpec.Action.NONE, () -> stopped.add("job")),
            new Readiness.Alive(),
            Duration.ofSeconds(30),
            Duration.ZERO,
            Restart.TEMPORARY,
            List.of("hbase"),
            null,
            List.of());
    Supervisor s =
        supervisor(
            List.of(
                server("kafka", Restart.PERMANENT), server("hbase", Restart.PERMANENT), submit));
    s.startAll();
    s.close();
    List<String> order =
        events.stream()
            .filter(e -> e.contains(": stopping"))
            .map(e -> e.substring(0, e.indexOf(':')))
            .toList();
    assertThat(order).containsExactly("job", "hbase", "kafka");
    assertThat(stopped).containsExactly("job");
    assertThat(current("kafka").stops).containsExactly("PT5S");
    assertThat(status(s, "kafka").state()).isEqualTo(Supervisor.State.STOPPED);
    s.watch(); // nothing is restarted once stopping
    assertThat(launches).hasSize(2);
  }

  @Test
  void peersOfOneGroupStopTogether() throws Exception {
    // three brokers of a quorum: each stop waits until all three were asked to stop
    CountDownLatch asked = new CountDownLatch(3);
    List<ChildSpec> plan = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      plan.add(
          new ChildSpec(
              "kafka-" + i,
              "kafka",
              new Start.Command(List.of("java"), Map.of()),
              new Readiness.LogLine("started"),
              Duration.ofSeconds(30),
              Duration.ofSeconds(5),
              Restart.PERMANENT,
              List.of(),
              null,
              List.of()));
    }
    Supervisor s =
        new Supervisor(
            plan,
            (spec, cmd) ->
                new FakeProcess(1) {
                  {
                    ready = true;
                  }

                  @Override
                  public boolean stop(Duration grace) {
                    asked.countDown();
                    try {
                      alive = !asked.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      throw new AssertionError(e);
                    }
                    return !alive;
                  }
                },
            POLICY,
            clock,
            clock::advance,
            (id, msg) -> events.add(id + ": " + msg),
            status -> {});
    s.startAll();
    s.close();
    assertThat(events.stream().filter(e -> e.endsWith(": stopped"))).hasSize(3);
  }

  @Test
  void aPlanIsCheckedForDuplicateIds() {
    assertThatThrownBy(
            () ->
                supervisor(
                    List.of(
                        server("kafka", Restart.PERMANENT), server("kafka", Restart.PERMANENT))))
        .hasMessageContaining("child id used twice: kafka");
    assertThatThrownBy(
            () ->
                new ChildSpec(
                    "s",
                    "s",
                    new Start.Step("x", ChildSpec.Action.NONE, ChildSpec.Action.NONE),
                    new Readiness.Alive(),
                    Duration.ZERO,
                    Duration.ZERO,
                    Restart.PERMANENT,
                    List.of(),
                    null,
                    List.of()))
        .hasMessageContaining("cannot be restarted");
  }
}
