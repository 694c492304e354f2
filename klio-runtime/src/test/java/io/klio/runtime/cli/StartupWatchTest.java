package io.klio.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineResult.State;
import org.apache.beam.sdk.metrics.MetricResults;
import org.junit.jupiter.api.Test;

/** How {@code run --detach} decides that a submitted pipeline runs, over scripted runner states. */
class StartupWatchTest {

  /** A runner's job that reports the given states, one per poll, then the last one for ever. */
  static class ScriptedJob implements PipelineResult {
    private final Deque<State> states;
    private final RuntimeException failure;

    ScriptedJob(List<State> states, RuntimeException failure) {
      this.states = new ArrayDeque<>(states);
      this.failure = failure;
    }

    private State next() {
      return states.size() > 1 ? states.removeFirst() : states.getFirst();
    }

    @Override
    public State getState() {
      return states.getFirst();
    }

    @Override
    public State waitUntilFinish(org.joda.time.Duration duration) {
      State state = next();
      if (state == State.FAILED && failure != null) {
        throw failure;
      }
      return state.isTerminal() ? state : null;
    }

    @Override
    public State waitUntilFinish() {
      throw new UnsupportedOperationException();
    }

    @Override
    public State cancel() {
      throw new UnsupportedOperationException();
    }

    @Override
    public MetricResults metrics() {
      throw new UnsupportedOperationException();
    }
  }

  /** Like Dataflow's job: it has an id. */
  static final class JobWithId extends ScriptedJob {
    JobWithId() {
      super(List.of(State.RUNNING), null);
    }

    public String getJobId() {
      return "2026-11-30_01_02_03-123";
    }
  }

  @Test
  void aJobThatNeverRunsTimesOutWithItsState() {
    StartupWatch.Outcome outcome =
        StartupWatch.await(new ScriptedJob(List.of(State.STOPPED), null), Duration.ofSeconds(2));
    assertThat(outcome.running()).isFalse();
    assertThat(outcome.state()).isEqualTo(State.STOPPED);
    assertThat(outcome.reason()).startsWith("not RUNNING after 2 s (state STOPPED)");
  }

  @Test
  void aJobThatFailsRightAfterReportingRunningIsNotRunning() {
    ScriptedJob job =
        new ScriptedJob(
            List.of(State.RUNNING, State.RUNNING, State.FAILED),
            new RuntimeException(
                "wrapper", new IllegalStateException("subscription does not exist")));
    StartupWatch.Outcome outcome = StartupWatch.await(job, Duration.ofMinutes(1));
    assertThat(outcome.running()).isFalse();
    assertThat(outcome.state()).isEqualTo(State.FAILED);
    assertThat(outcome.reason()).isEqualTo("it failed: subscription does not exist");
  }

  @Test
  void aJobThatEndsWithoutAnExceptionSaysWhereTheReasonIs() {
    StartupWatch.Outcome outcome =
        StartupWatch.await(
            new ScriptedJob(List.of(State.STOPPED, State.CANCELLED), null), Duration.ofMinutes(1));
    assertThat(outcome.running()).isFalse();
    assertThat(outcome.state()).isEqualTo(State.CANCELLED);
    assertThat(outcome.reason()).contains("ended in state CANCELLED");
  }

  @Test
  void aJobRunningLongEnoughRunsAndItsIdIsShown() {
    JobWithId job = new JobWithId();
    StartupWatch.Outcome outcome = StartupWatch.await(job, Duration.ofMinutes(1));
    assertThat(outcome.running()).isTrue();
    assertThat(StartupWatch.jobId(job)).contains("2026-11-30_01_02_03-123");
    assertThat(StartupWatch.jobId(new ScriptedJob(List.of(State.RUNNING), null))).isEmpty();
  }
}
