package io.moodstream.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One child of the stack, as data (an OTP child spec): how it starts, how the supervisor knows it
 * is ready, how long that may take, how long it may take to stop, whether it is restarted, and
 * which children must be ready before it starts. Built by {@link StackPlan}, run by {@link
 * Supervisor}.
 *
 * @param id unique name: log {@code var/log/<id>.log}, pid file {@code var/run/<id>.pid}
 * @param group the {@code --only} part it belongs to (kafka, hbase, schema, spark, stream, rest,
 *     ingest)
 * @param start a process to run, or a one-off step in the launcher
 * @param readiness when a started process counts as up (again, after a restart)
 * @param startTimeout how long readiness may take; a restarted child that misses it has crashed
 * @param stopGrace how long after SIGTERM before SIGKILL
 * @param restart what happens when it exits
 * @param needs ids that must be ready first (ids not in the plan are taken as running elsewhere)
 * @param heap its -Xmx (for the memory preflight), or null
 * @param ports the ports it listens on, for the preflight and the status table
 * @param fatalExits exit statuses after which a restart cannot help (bad usage or configuration,
 *     damaged input): the child fails at once, whatever its restart type
 */
record ChildSpec(
    String id,
    String group,
    Start start,
    Readiness readiness,
    Duration startTimeout,
    Duration stopGrace,
    Restart restart,
    List<String> needs,
    String heap,
    List<Port> ports,
    Set<Integer> fatalExits) {

  ChildSpec {
    Objects.requireNonNull(id);
    Objects.requireNonNull(group);
    Objects.requireNonNull(start);
    Objects.requireNonNull(readiness);
    Objects.requireNonNull(restart);
    needs = List.copyOf(needs);
    ports = List.copyOf(ports);
    fatalExits = Set.copyOf(fatalExits);
    if (fatalExits.contains(0)) {
      throw new IllegalArgumentException(id + ": exit status 0 cannot be fatal");
    }
    if (start instanceof Start.Step && restart != Restart.TEMPORARY) {
      throw new IllegalArgumentException(id + ": a one-off step cannot be restarted");
    }
  }

  /** A child whose every non-zero exit is handled by its restart type. */
  ChildSpec(
      String id,
      String group,
      Start start,
      Readiness readiness,
      Duration startTimeout,
      Duration stopGrace,
      Restart restart,
      List<String> needs,
      String heap,
      List<Port> ports) {
    this(
        id,
        group,
        start,
        readiness,
        startTimeout,
        stopGrace,
        restart,
        needs,
        heap,
        ports,
        Set.of());
  }

  /** This child, failing at once on these exit statuses. */
  ChildSpec withFatalExits(Set<Integer> statuses) {
    return new ChildSpec(
        id,
        group,
        start,
        readiness,
        startTimeout,
        stopGrace,
        restart,
        needs,
        heap,
        ports,
        statuses);
  }

  /** Erlang/OTP's restart types. */
  enum Restart {
    /**
     * Always restarted when it exits (a server: Kafka, HBase, Spark, the job, REST, live ingest).
     */
    PERMANENT,
    /** Restarted after a crash (non-zero exit); exit 0 means finished (a replay). */
    TRANSIENT,
    /** Never restarted (a one-off step). */
    TEMPORARY
  }

  /** How a child starts. */
  sealed interface Start {
    /**
     * A child process. {@code prepare} runs before every launch (writes configuration, formats
     * storage) and may fail, which counts like a crash.
     */
    record Command(List<String> argv, Map<String, String> env, Action prepare) implements Start {
      public Command {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
      }

      Command(List<String> argv, Map<String, String> env) {
        this(argv, env, Action.NONE);
      }
    }

    /**
     * A one-off step in the launcher (apply the schema, submit a job to a cluster); {@code stop}
     * undoes what it started, when the stack stops.
     */
    record Step(String what, Action run, Action stop) implements Start {}
  }

  /** Something that may fail. */
  @FunctionalInterface
  interface Action {
    Action NONE = () -> {};

    void run() throws Exception;
  }

  /** When a started process is up. */
  sealed interface Readiness {
    /** The process wrote this text to its log since it was launched. */
    record LogLine(String text) implements Readiness {}

    /** A probe answers true (an admin call, an HTTP health check). */
    record Probe(String what, BooleanSupplier check) implements Readiness {}

    /** It is still alive after the supervisor's minimum time alive. */
    record Alive() implements Readiness {}
  }

  /** A port the child listens on. */
  record Port(String what, int port) {}

  boolean isProcess() {
    return start instanceof Start.Command;
  }

  /** The first port, shown in the status table. */
  Integer mainPort() {
    return ports.isEmpty() ? null : ports.get(0).port();
  }
}
