package io.klio.runtime.cli;

import io.klio.runtime.execution.RunSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;

/**
 * A progress line for long local runs: how many (job, element) pairs have an outcome so far, out of
 * how many the ids read so far can reach, every few seconds while the pipeline runs. The pipeline
 * reads id files itself, so the total grows until every id is read.
 */
final class Progress {
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  private Progress() {}

  /** Waits for {@code result}, printing progress to {@code err}; returns the final state. */
  static PipelineResult.State follow(PipelineResult result, List<String> jobs, PrintWriter err) {
    long started = System.nanoTime();
    while (true) {
      PipelineResult.State state =
          result.waitUntilFinish(org.joda.time.Duration.millis(INTERVAL.toMillis()));
      if (state != null && state.isTerminal()) {
        return state;
      }
      RunSummary summary = RunSummary.of(result, jobs);
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      if (summary.idsRead() == 0) {
        // counters arrive as batches finish; the first may take a while
        err.printf("klio: working after %ds, no batch finished yet%n", seconds);
      } else {
        err.printf(
            "klio: %d/%d job-elements done after %ds (%d ids read)%n",
            summary.outcomes(), jobs.size() * summary.idsRead(), seconds, summary.idsRead());
      }
      err.flush();
    }
  }
}
