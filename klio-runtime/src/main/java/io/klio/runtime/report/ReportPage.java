package io.klio.runtime.report;

import io.klio.runtime.execution.ElementDuration;
import io.klio.runtime.execution.JobDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a report page shows, gathered once a run or plan is over; {@link HtmlReport} draws it.
 *
 * @param title "Klio run" or "Klio plan"
 * @param outcomes the outcomes this kind of page colours nodes by, for the legend
 * @param columns the counters table's columns, in order
 * @param slowestNote how the slowest elements were measured, or why there are none
 * @param letterNotes what the page knows of dead letters it has no files for
 */
public record ReportPage(
    String title,
    String commandLine,
    String runner,
    Instant started,
    Duration wall,
    List<Outcome> outcomes,
    List<String> columns,
    List<Job> jobs,
    List<ElementDuration> slowest,
    String slowestNote,
    List<LetterGroup> letters,
    List<String> letterNotes,
    boolean showDurations) {

  /**
   * One job: its place in the DAG, its counts per outcome (what its node shows) and per column (the
   * table), its code, its running times and a few of its outputs.
   *
   * @param parents its parents among the page's jobs
   */
  public record Job(
      String name,
      List<String> parents,
      Map<Outcome, Long> outcomes,
      Map<String, Long> counts,
      String fingerprint,
      String version,
      JobDurations durations,
      List<Preview> previews) {

    public Job {
      parents = List.copyOf(parents);
      outcomes = new LinkedHashMap<>(outcomes);
      counts = new LinkedHashMap<>(counts);
      previews = List.copyOf(previews);
    }

    /** The node's colour: the first outcome in {@link Outcome}'s order it has elements in. */
    public Outcome state() {
      for (Outcome outcome : Outcome.values()) {
        if (outcomes.getOrDefault(outcome, 0L) > 0) {
          return outcome;
        }
      }
      return Outcome.NOT_REACHED;
    }

    public long count(Outcome outcome) {
      return outcomes.getOrDefault(outcome, 0L);
    }
  }

  /**
   * Dead letters of one job with the same reason (their summary, with the element id replaced by
   * {@code {id}}).
   */
  public record LetterGroup(String job, String reason, long count, List<String> sampleIds) {
    public LetterGroup {
      sampleIds = List.copyOf(sampleIds);
    }
  }
}
