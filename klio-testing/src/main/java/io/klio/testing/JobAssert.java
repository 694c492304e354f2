package io.klio.testing;

import io.klio.runtime.execution.JobCounters;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on one job's counters in a run, chained: {@code
 * run.assertJob("energy").computed(8).skipped(0).deadLettered(0)}. A failure prints the whole
 * counters table and the run's dead letters.
 */
public final class JobAssert {
  private final RunResult run;
  private final String job;

  JobAssert(RunResult run, String job) {
    this.run = run;
    this.job = job;
  }

  /** Elements computed ({@code processed}). */
  public JobAssert computed(long expected) {
    return counter(JobCounters.PROCESSED, expected);
  }

  /** Elements skipped because their output existed ({@code skipped-output-exists}). */
  public JobAssert skipped(long expected) {
    return counter(JobCounters.SKIPPED, expected);
  }

  /** Elements that became dead letters ({@code dead-lettered}). */
  public JobAssert deadLettered(long expected) {
    return counter(JobCounters.DEAD_LETTERED, expected);
  }

  /**
   * Elements never given to the job because a parent failed for them ({@code blocked-by-parent}).
   */
  public JobAssert blockedByParent(long expected) {
    return counter(JobCounters.BLOCKED_BY_PARENT, expected);
  }

  /** Of the elements computed, those whose output was stale ({@code stale-recomputed}). */
  public JobAssert staleRecomputed(long expected) {
    return counter(JobCounters.STALE, expected);
  }

  /** Any column of the counters table, by its name. */
  public JobAssert counter(String name, long expected) {
    long actual = run.count(job, name);
    if (actual != expected) {
      throw new AssertionFailedError(
          "job '"
              + job
              + "': expected "
              + name
              + " = "
              + expected
              + ", but it was "
              + actual
              + "\n"
              + run.table()
              + "run's dead letters:\n"
              + RunResult.describe(run.deadLetters()),
          expected,
          actual);
    }
    return this;
  }

  /** The run, for further assertions on other jobs. */
  public RunResult and() {
    return run;
  }
}
