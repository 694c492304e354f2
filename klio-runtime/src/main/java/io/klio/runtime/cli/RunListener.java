package io.klio.runtime.cli;

import io.klio.runtime.execution.DeadLetter;
import io.klio.runtime.execution.RunSummary;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollection;

/**
 * What an in-process caller of {@code run} (a test kit, a tool) learns of a whole-DAG run beyond
 * what it prints: the run's dead letters as the pipeline carries them, and its counters at the end.
 * Given to {@link io.klio.runtime.Klio#execute(RunListener, java.io.PrintWriter,
 * java.io.PrintWriter, String...)}; the run itself is the command's own.
 */
public interface RunListener {
  /** Nothing to learn: what the command line uses. */
  RunListener NONE = new RunListener() {};

  /**
   * Called while the pipeline is built, with every job's dead letters; may apply transforms to them
   * (beside the sink that counts and stores them).
   */
  default void deadLetters(PCollection<DeadLetter> letters) {}

  /** Called once a run that was waited for has ended, with the counters its table prints. */
  default void finished(RunSummary summary, PipelineResult.State state) {}
}
