package io.klio.runtime.job;

import io.klio.runtime.execution.JobExecution;
import io.klio.runtime.execution.RunSettings;
import io.klio.runtime.message.proto.KlioMessage;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * What every generated job class shares, so that the code generated per job stays small: the job's
 * Beam composite over Klio messages, which applies {@link JobExecution} with the job's {@link
 * JobSpec} and typed invoker.
 *
 * <p>Generated code only: a generated job class {@code p.BeatTrackingKlioJob} extends this class
 * and its nested {@code Definition} extends {@link Definition}.
 */
public abstract class GeneratedJob extends PTransform<PCollection<KlioMessage>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  private final Definition definition;
  private final RunSettings settings;

  protected GeneratedJob(Definition definition, RunSettings settings) {
    super(definition.spec().name());
    this.definition = definition;
    this.settings = settings;
  }

  @Override
  public final PCollectionTuple expand(PCollection<KlioMessage> messages) {
    return messages.apply(
        "Process", JobExecution.transform(definition.spec(), definition, settings));
  }

  /**
   * A generated job's definition, which the runtime finds through {@code META-INF/services}, and
   * its invoker, which calls the job method with typed arguments (no reflection).
   */
  public abstract static class Definition implements JobDefinition, JobInvoker {
    private static final long serialVersionUID = 1L;

    /** The job's composite: a new instance of the generated job class. */
    @Override
    public abstract GeneratedJob transform(RunSettings settings);

    /** The definition calls the job method itself. */
    @Override
    public final JobInvoker invoker() {
      return this;
    }
  }
}
