package io.klio.runtime.cli;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineResult.State;

/**
 * Waits until a submitted streaming pipeline runs, for {@code run --job X --detach}: the command
 * then returns with status 0 only for a pipeline that runs, and otherwise fails with the runner's
 * reason, so that a CI/CD deploy notices a job that did not start.
 *
 * <p>RUNNING must hold for {@link #CONFIRMATION} before it counts: the DirectRunner reports RUNNING
 * as soon as it was handed the pipeline, and a pipeline that cannot read its subscription fails a
 * moment later.
 */
final class StartupWatch {
  static final Duration CONFIRMATION = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofSeconds(1);

  /**
   * How the start went.
   *
   * @param running whether the pipeline is running
   * @param state the last state the runner reported
   * @param reason why it is not running; empty when it is
   */
  record Outcome(boolean running, State state, String reason) {}

  private StartupWatch() {}

  /**
   * Follows {@code result} until it has been RUNNING for {@link #CONFIRMATION}, has ended, or
   * {@code timeout} has passed.
   */
  static Outcome await(PipelineResult result, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long runningSince = -1;
    while (true) {
      long pollStarted = System.nanoTime();
      State ended;
      try {
        // waiting, unlike getState(), raises the failure with its cause on the DirectRunner
        ended = result.waitUntilFinish(org.joda.time.Duration.millis(POLL.toMillis()));
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return new Outcome(
              false, State.UNKNOWN, "interrupted before the pipeline was seen running");
        }
        return new Outcome(false, State.FAILED, "it failed: " + message(e));
      }
      if (ended != null && ended.isTerminal()) {
        return new Outcome(
            false,
            ended,
            "it ended in state " + ended + " (the runner's log and console have the reason)");
      }
      State state = stateOf(result);
      long now = System.nanoTime();
      if (state == State.RUNNING) {
        runningSince = runningSince < 0 ? now : runningSince;
        if (now - runningSince >= CONFIRMATION.toNanos()) {
          return new Outcome(true, state, "");
        }
      } else {
        runningSince = -1; // terminal states are reported by the next wait
      }
      if (now > deadline) {
        return new Outcome(
            false,
            state,
            "not RUNNING after "
                + timeout.toSeconds()
                + " s (state "
                + state
                + "); it was submitted and may still start: check it with the runner's tools");
      }
      try {
        // some runners answer a timed wait at once; poll no faster than POLL
        long left = POLL.toNanos() - (System.nanoTime() - pollStarted);
        if (left > 0) {
          Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(false, state, "interrupted before the pipeline was seen running");
      }
    }
  }

  private static State stateOf(PipelineResult result) {
    try {
      return result.getState();
    } catch (RuntimeException e) {
      return State.UNKNOWN;
    }
  }

  /** The runner's id of the job, for runners that have one (Dataflow's {@code getJobId()}). */
  static Optional<String> jobId(PipelineResult result) {
    try {
      Method getter = result.getClass().getMethod("getJobId");
      Object id = getter.invoke(result);
      return id == null ? Optional.empty() : Optional.of(id.toString());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The message of the innermost cause that has one: runners wrap the failure several times. */
  private static String message(Throwable e) {
    String message = e.toString();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message;
  }
}
