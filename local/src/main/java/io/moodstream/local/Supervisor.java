package io.moodstream.local;

import io.moodstream.local.ChildSpec.Readiness;
import io.moodstream.local.ChildSpec.Restart;
import io.moodstream.local.ChildSpec.Start;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs a plan of {@link ChildSpec}s: starts each child as soon as the children it needs are ready
 * (so independent ones start together), watches them, restarts crashed ones by their {@link
 * Restart} type and the {@link RestartPolicy}, and stops them in the reverse order of the plan.
 * Generic: it knows nothing of Kafka or HBase; time comes from the injected clock and sleeper.
 *
 * <p>{@link #watch()} is one non-blocking pass; the launcher calls it every second.
 */
final class Supervisor implements AutoCloseable {
  /** How long a child with {@link Readiness.Alive} must stay alive to count as up. */
  static final Duration MINIMUM_ALIVE = Duration.ofSeconds(2);

  static final Duration POLL = Duration.ofMillis(500);

  /** A launched child process. */
  interface Running {
    long pid();

    boolean isAlive();

    /** Its exit status; only once it is no longer alive. */
    int exitValue();

    /** Whether the process wrote {@code text} to its log since it was launched. */
    boolean logContains(String text);

    /** The last lines of its log. */
    String logTail(int lines);

    Path logFile();

    /** SIGTERM, up to {@code grace} for a clean exit, then SIGKILL; true when it was clean. */
    boolean stop(Duration grace) throws IOException;
  }

  /** Starts a child process. */
  interface Launcher {
    Running launch(ChildSpec spec, Start.Command command) throws IOException;
  }

  /** Waits; a test's sleeper advances its clock instead. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Where the supervisor reports what it does: one line per event, for a child. */
  interface Steps {
    void step(String id, String message);
  }

  enum State {
    PENDING("pending"),
    STARTING("starting"),
    UP("running"),
    BACKOFF("restarting"),
    DONE("done"),
    FINISHED("finished"),
    FAILED("FAILED"),
    STOPPED("stopped");

    final String shown;

    State(String shown) {
      this.shown = shown;
    }
  }

  /** A child's state for the status table. */
  record Status(
      String id, String group, State state, Long pid, Integer port, int restarts, String note) {}

  /** The mutable side of one child; guarded by the supervisor's lock. */
  private static final class Child {
    final ChildSpec spec;
    final CountDownLatch ready = new CountDownLatch(1);
    State state = State.PENDING;
    Running proc;
    Instant launchedAt;
    Instant upSince;
    Instant restartAt;
    int restarts;
    String note = "";

    Child(ChildSpec spec) {
      this.spec = spec;
    }
  }

  private final Map<String, Child> children = new LinkedHashMap<>();
  private final Launcher launcher;
  private final RestartPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Steps steps;
  // given every child's status after each change: the launcher writes its status file
  private final Consumer<List<Status>> onChange;
  private boolean stopping;

  Supervisor(
      List<ChildSpec> plan,
      Launcher launcher,
      RestartPolicy policy,
      Clock clock,
      Sleeper sleeper,
      Steps steps,
      Consumer<List<Status>> onChange) {
    for (ChildSpec s : plan) {
      if (children.put(s.id(), new Child(s)) != null) {
        throw new IllegalArgumentException("child id used twice: " + s.id());
      }
    }
    for (ChildSpec s : plan) {
      for (String n : s.needs()) {
        if (n.equals(s.id())) {
          throw new IllegalArgumentException(s.id() + " needs itself");
        }
      }
    }
    this.launcher = launcher;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.steps = steps;
    this.onChange = onChange;
  }

  // ------------------------------------------------------------------ start

  /**
   * Starts every child, each once the children it needs are ready, and returns when all are ready.
   * The first failure interrupts the starts still running and is rethrown (what did start keeps
   * running until {@link #close()}).
   */
  void startAll() throws Exception {
    if (children.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(children.size());
    ExecutorCompletionService<String> done = new ExecutorCompletionService<>(pool);
    try {
      for (Child c : children.values()) {
        done.submit(
            () -> {
              for (String n : c.spec.needs()) {
                Child need = children.get(n);
                if (need != null) {
                  need.ready.await();
                }
              }
              startChild(c);
              return c.spec.id();
            });
      }
      for (int i = 0; i < children.size(); i++) {
        try {
          done.take().get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void startChild(Child c) throws Exception {
    ChildSpec s = c.spec;
    if (s.start() instanceof Start.Step step) {
      steps.step(s.id(), step.what());
      step.run().run();
      synchronized (this) {
        c.state = State.DONE;
        c.note = "done";
      }
      c.ready.countDown();
      changed();
      return;
    }
    Start.Command cmd = (Start.Command) s.start();
    steps.step(s.id(), "starting");
    cmd.prepare().run();
    Running r = launcher.launch(s, cmd);
    synchronized (this) {
      if (stopping) {
        r.stop(s.stopGrace());
        throw new IOException("the stack is stopping: " + s.id() + " stopped again");
      }
      c.proc = r;
      c.state = State.STARTING;
      c.launchedAt = clock.instant();
    }
    changed();
    Instant deadline = clock.instant().plus(s.startTimeout());
    int polls = 0;
    while (true) {
      if (!r.isAlive() && r.exitValue() == 0 && s.restart() == Restart.TRANSIENT) {
        // a short replay may be done before it counts as up: finished, not failed
        synchronized (this) {
          c.state = State.FINISHED;
          c.note = "finished";
        }
        c.ready.countDown();
        steps.step(s.id(), "finished (exit status 0); see " + r.logFile());
        changed();
        return;
      }
      if (!r.isAlive()) {
        synchronized (this) {
          c.state = State.FAILED;
          c.note = "exited with status " + r.exitValue() + " during start";
        }
        changed();
        throw new IOException(
            s.id()
                + " exited with status "
                + r.exitValue()
                + " during start; last lines of "
                + r.logFile()
                + ":\n"
                + indent(r.logTail(10)));
      }
      if (isReady(c, r)) {
        synchronized (this) {
          c.state = State.UP;
          c.upSince = clock.instant();
        }
        c.ready.countDown();
        steps.step(s.id(), "ready (pid " + r.pid() + ")");
        changed();
        return;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new IOException(
            s.id() + " not ready after " + s.startTimeout().toSeconds() + " s; see " + r.logFile());
      }
      if (++polls % 20 == 0) {
        steps.step(s.id(), "waiting … (" + r.logFile() + ")");
      }
      sleeper.sleep(POLL);
    }
  }

  private boolean isReady(Child c, Running r) {
    Readiness rd = c.spec.readiness();
    if (rd instanceof Readiness.LogLine l) {
      return r.logContains(l.text());
    }
    boolean aliveLongEnough =
        !clock.instant().isBefore(c.launchedAt.plus(MINIMUM_ALIVE)) && r.isAlive();
    if (rd instanceof Readiness.Probe p) {
      return aliveLongEnough && p.check().getAsBoolean();
    }
    return aliveLongEnough;
  }

  // ------------------------------------------------------------------ watch

  /**
   * One pass over the children: a process that exited is finished, restarted (after its backoff) or
   * failed; a restarted one is up again once ready; a child up for the healthy period gets its
   * restart budget back.
   */
  synchronized void watch() {
    if (stopping) {
      return;
    }
    boolean changed = false;
    Instant now = clock.instant();
    for (Child c : children.values()) {
      switch (c.state) {
        case UP -> changed |= watchUp(c, now);
        // a restart: a child that was ready once (its first start is startChild's)
        case STARTING -> changed |= c.ready.getCount() == 0 && watchStarting(c, now);
        case BACKOFF -> {
          if (!now.isBefore(c.restartAt)) {
            relaunch(c, now);
            changed = true;
          }
        }
        default -> {}
      }
    }
    if (changed) {
      changed();
    }
  }

  private boolean watchUp(Child c, Instant now) {
    if (c.proc.isAlive()) {
      if (c.restarts > 0 && !now.isBefore(c.upSince.plus(policy.healthyPeriod()))) {
        steps.step(
            c.spec.id(),
            "up for "
                + human(policy.healthyPeriod())
                + " since its last restart: restart budget reset");
        c.restarts = 0;
        return true;
      }
      return false;
    }
    exited(c, now, c.proc.exitValue(), "exited");
    return true;
  }

  /** A (re)started child still waiting to be ready. Only restarts get here from {@link #watch}. */
  private boolean watchStarting(Child c, Instant now) {
    if (!c.proc.isAlive()) {
      exited(c, now, c.proc.exitValue(), "exited before it was ready");
      return true;
    }
    if (isReady(c, c.proc)) {
      c.state = State.UP;
      c.upSince = now;
      c.note = "";
      steps.step(c.spec.id(), "ready again (pid " + c.proc.pid() + ")");
      return true;
    }
    if (!now.isBefore(c.launchedAt.plus(c.spec.startTimeout()))) {
      try {
        c.proc.stop(Duration.ofSeconds(5));
      } catch (IOException e) {
        // it is being killed anyway
      }
      steps.step(
          c.spec.id(), "not ready " + human(c.spec.startTimeout()) + " after its restart: killed");
      crashed(c, now, "was not ready in time");
      return true;
    }
    return false;
  }

  private void exited(Child c, Instant now, int status, String how) {
    ChildSpec s = c.spec;
    if (status == 0 && s.restart() == Restart.TRANSIENT) {
      c.state = State.FINISHED;
      c.note = "finished";
      steps.step(s.id(), "finished (exit status 0); see " + c.proc.logFile());
      return;
    }
    if (s.restart() == Restart.TEMPORARY) {
      fail(c, how + " with status " + status);
      return;
    }
    if (s.fatalExits().contains(status)) {
      fail(c, how + " with status " + status + ", which a restart cannot mend");
      return;
    }
    if (c.state == State.UP
        && c.restarts > 0
        && !now.isBefore(c.upSince.plus(policy.healthyPeriod()))) {
      c.restarts = 0; // it had been healthy long enough: this crash starts a new budget
    }
    crashed(c, now, how + " unexpectedly with status " + status);
  }

  private void crashed(Child c, Instant now, String what) {
    if (c.restarts >= policy.budget()) {
      fail(c, what + " after " + c.restarts + " restart(s), the budget");
      return;
    }
    c.restarts++;
    Duration wait = policy.backoff(c.restarts);
    c.state = State.BACKOFF;
    c.restartAt = now.plus(wait);
    c.note = what;
    steps.step(
        c.spec.id(),
        what
            + "; restart "
            + c.restarts
            + " of "
            + policy.budget()
            + " in "
            + human(wait)
            + " (log "
            + c.proc.logFile()
            + ")");
  }

  private void fail(Child c, String what) {
    c.state = State.FAILED;
    c.note = what;
    steps.step(
        c.spec.id(),
        "FAILED: "
            + what
            + "; last lines of "
            + c.proc.logFile()
            + ":\n"
            + indent(c.proc.logTail(20)));
  }

  private void relaunch(Child c, Instant now) {
    Start.Command cmd = (Start.Command) c.spec.start();
    try {
      cmd.prepare().run();
      c.proc = launcher.launch(c.spec, cmd);
      c.state = State.STARTING;
      c.launchedAt = now;
      steps.step(
          c.spec.id(), "restarted (pid " + c.proc.pid() + "); waiting until it is ready again");
    } catch (Exception e) {
      steps.step(c.spec.id(), "restart failed: " + e.getMessage());
      crashed(c, now, "could not be restarted (" + e.getMessage() + ")");
    }
  }

  // ------------------------------------------------------------------ status and stop

  synchronized List<Status> status() {
    List<Status> l = new ArrayList<>();
    for (Child c : children.values()) {
      Long pid = c.proc != null && c.proc.isAlive() ? c.proc.pid() : null;
      l.add(
          new Status(
              c.spec.id(), c.spec.group(), c.state, pid, c.spec.mainPort(), c.restarts, c.note));
    }
    return l;
  }

  /** Children that failed (exhausted budget, or a one-off that crashed). */
  synchronized List<Status> failures() {
    return status().stream().filter(s -> s.state() == State.FAILED).toList();
  }

  /**
   * Stops the children in the reverse order of the plan; a process gets its grace period. Peers
   * (adjacent processes of one group with the same needs: the brokers of a quorum, the region
   * servers, the workers) stop together: the last broker of a quorum cannot shut down cleanly once
   * the others are gone.
   */
  @Override
  public void close() {
    List<Child> reverse;
    synchronized (this) {
      stopping = true;
      reverse = new ArrayList<>(children.values());
    }
    java.util.Collections.reverse(reverse);
    int i = 0;
    while (i < reverse.size()) {
      Child c = reverse.get(i);
      if (c.spec.start() instanceof Start.Step step) {
        if (c.state == State.DONE && step.stop() != ChildSpec.Action.NONE) {
          steps.step(c.spec.id(), "stopping");
          try {
            step.stop().run();
            steps.step(c.spec.id(), "stopped");
          } catch (Exception e) {
            steps.step(c.spec.id(), "stop failed: " + e.getMessage());
          }
        }
        i++;
        continue;
      }
      List<Child> peers = new ArrayList<>(List.of(c));
      while (i + peers.size() < reverse.size()) {
        ChildSpec next = reverse.get(i + peers.size()).spec;
        if (!next.isProcess()
            || !next.group().equals(c.spec.group())
            || !next.needs().equals(c.spec.needs())) {
          break;
        }
        peers.add(reverse.get(i + peers.size()));
      }
      i += peers.size();
      if (peers.size() == 1) {
        stopProcess(c);
        continue;
      }
      List<Thread> threads = new ArrayList<>();
      for (Child p : peers) {
        Thread t = new Thread(() -> stopProcess(p), "stop-" + p.spec.id());
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    changed();
  }

  private void stopProcess(Child c) {
    ChildSpec s = c.spec;
    Running r;
    synchronized (this) {
      r = c.proc;
    }
    if (r == null || !r.isAlive()) {
      return;
    }
    steps.step(s.id(), "stopping (pid " + r.pid() + ")");
    try {
      boolean clean = r.stop(s.stopGrace());
      steps.step(
          s.id(),
          clean ? "stopped" : "did not stop within " + s.stopGrace().toSeconds() + " s: killed");
    } catch (IOException e) {
      steps.step(s.id(), "stop failed: " + e.getMessage());
    }
    synchronized (this) {
      c.state = State.STOPPED;
    }
  }

  // under the lock: two children that change at once must not write their snapshots out of order
  private synchronized void changed() {
    onChange.accept(status());
  }

  static String human(Duration d) {
    if (d.toMillis() % 60_000 == 0 && d.toMinutes() > 0) {
      return d.toMinutes() + " min";
    }
    if (d.toMillis() % 1000 == 0) {
      return d.toSeconds() + " s";
    }
    return d.toMillis() + " ms";
  }

  private static String indent(String text) {
    return text.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("    (empty)");
  }
}
