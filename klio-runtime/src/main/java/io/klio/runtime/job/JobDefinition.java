package io.klio.runtime.job;

import io.klio.runtime.execution.RunSettings;
import io.klio.runtime.message.proto.KlioMessage;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * A compiled job as the runtime finds it: generated per job and listed in {@code
 * META-INF/services/io.klio.runtime.job.JobDefinition}, so every jar's jobs are found the same way.
 */
public interface JobDefinition {
  JobSpec spec();

  /**
   * The job's Beam composite: Klio messages in; {@code JobExecution.PASSED} messages (for the
   * children) and {@code JobExecution.DEAD_LETTERS} out.
   */
  PTransform<PCollection<KlioMessage>, PCollectionTuple> transform(RunSettings settings);

  /**
   * Calls the job's method; whole-DAG runs build their batch transform from it and {@link #spec()}.
   */
  JobInvoker invoker();
}
