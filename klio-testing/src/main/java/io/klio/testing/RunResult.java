package io.klio.testing;

import io.klio.runtime.execution.DeadLetter;
import io.klio.runtime.execution.JobCounters;
import io.klio.runtime.execution.RunSummary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * What one run did: its exit status, the counters its table prints, its dead letters and what it
 * printed. Assertions fail with the whole counters table (and the dead letters), so a failure says
 * what the run did instead.
 */
public final class RunResult {
  private final int exitStatus;
  private final RunSummary summary;
  private final List<DeadLetter> deadLetters;
  private final String log;

  RunResult(int exitStatus, RunSummary summary, List<DeadLetter> deadLetters, String log) {
    this.exitStatus = exitStatus;
    this.summary = summary;
    this.deadLetters = List.copyOf(deadLetters);
    this.log = log;
  }

  /** The exit status {@code klio run} returned: 0 done, 3 done with dead letters. */
  public int exitStatus() {
    return exitStatus;
  }

  /** The jobs the run had, in the table's order. */
  public List<String> jobs() {
    return summary.jobs();
  }

  /** The counters table, as the command prints it. */
  public String table() {
    return summary.table();
  }

  /** Everything the command printed (progress, counters table, errors). */
  public String log() {
    return log;
  }

  /** A counter of {@code job} (a column of the table, such as {@code processed}), 0 if none. */
  public long count(String job, String counter) {
    return summary.count(job, counter);
  }

  /** Elements {@code job} computed. */
  public long computed(String job) {
    return count(job, JobCounters.PROCESSED);
  }

  /** Every dead letter of the run, by job and element. */
  public List<DeadLetter> deadLetters() {
    return deadLetters;
  }

  /** The dead letters of {@code job}. */
  public List<DeadLetter> deadLetters(String job) {
    return deadLetters.stream().filter(letter -> letter.job().equals(job)).toList();
  }

  /** Assertions on the counters of {@code job}, which must be one of the run's. */
  public JobAssert assertJob(String job) {
    if (!jobs().contains(job)) {
      throw new AssertionFailedError(
          "job '" + job + "' was not part of the run; it had " + jobs() + "\n" + table());
    }
    return new JobAssert(this, job);
  }

  /** Fails if any element became a dead letter. */
  public RunResult assertNoDeadLetters() {
    if (!deadLetters.isEmpty()) {
      throw new AssertionFailedError(
          "expected no dead letters, but the run had "
              + deadLetters.size()
              + ":\n"
              + describe(deadLetters)
              + "\n"
              + table());
    }
    return this;
  }

  /**
   * Fails unless {@code job} dead-lettered {@code element} with a reason that contains {@code
   * reasonPart} (its message or stack trace); returns the letter.
   */
  public DeadLetter assertDeadLetter(String job, String element, String reasonPart) {
    DeadLetter letter =
        deadLetters.stream()
            .filter(l -> l.job().equals(job) && element.equals(l.elementId()))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionFailedError(
                        "expected a dead letter of job '"
                            + job
                            + "' for element '"
                            + element
                            + "'; the run's dead letters:\n"
                            + describe(deadLetters)
                            + "\n"
                            + table()));
    if (!letter.reason().contains(reasonPart)) {
      throw new AssertionFailedError(
          "the dead letter of job '"
              + job
              + "' for element '"
              + element
              + "' does not say '"
              + reasonPart
              + "'",
          reasonPart,
          letter.reason());
    }
    return letter;
  }

  /** The dead-lettered elements of each job: {@code {job=[ids]}}. */
  public Map<String, List<String>> deadLetteredElements() {
    return deadLetters.stream()
        .collect(
            Collectors.groupingBy(
                DeadLetter::job,
                java.util.TreeMap::new,
                Collectors.mapping(DeadLetter::elementId, Collectors.toList())));
  }

  static String describe(List<DeadLetter> letters) {
    if (letters.isEmpty()) {
      return "  (none)";
    }
    return letters.stream()
        .map(l -> "  " + l.job() + " / " + l.elementId() + ": " + l.summary())
        .collect(Collectors.joining("\n"));
  }

  @Override
  public String toString() {
    return "exit status " + exitStatus + "\n" + table();
  }
}
