package io.klio.runtime.cli;

import io.klio.runtime.codec.Codecs;
import io.klio.runtime.execution.RunSettings;
import io.klio.runtime.job.GeneratedJob;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;

/**
 * Two jobs for command-line tests, written the way the processor generates them and listed in this
 * module's test {@code META-INF/services}: {@code downsample} reads {@code ${data}/in/{id}.txt} and
 * {@code beat-tracking} reads what {@code downsample} wrote.
 */
public final class TestDag {
  /** {@code beat-tracking} fails for the element ids listed here, comma-separated. */
  public static final String FAILING_IDS = "klio.test.beatTrackingFails";

  private TestDag() {}

  /** {@code downsample}: the input text in upper case. */
  public static final class Downsample extends GeneratedJob.Definition {
    private static final long serialVersionUID = 1L;

    @Override
    public JobSpec spec() {
      return JobSpec.builder("downsample", TestDag.class.getName() + "#downsample")
          .input(
              InputSpec.external("raw", "${data}/in/{id}.txt", "java.lang.String", Codecs.utf8()))
          .output("${data}/downsample/{id}.txt", "java.lang.String", Codecs.utf8())
          .build();
    }

    @Override
    public Object invoke(Object target, Object[] inputs, String elementId) {
      return ((String) inputs[0]).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public GeneratedJob transform(RunSettings settings) {
      return new Job(this, settings);
    }
  }

  /** {@code beat-tracking}: the length of what {@code downsample} wrote. */
  public static final class BeatTracking extends GeneratedJob.Definition {
    private static final long serialVersionUID = 1L;

    @Override
    public JobSpec spec() {
      return JobSpec.builder("beat-tracking", TestDag.class.getName() + "#beatTracking")
          .parents("downsample")
          .input(
              InputSpec.fromJob(
                  "downsampled",
                  "downsample",
                  "${data}/downsample/{id}.txt",
                  "java.lang.String",
                  Codecs.utf8()))
          .output("${data}/beat-tracking/{id}.txt", "java.lang.String", Codecs.utf8())
          .build();
    }

    @Override
    public Object invoke(Object target, Object[] inputs, String elementId) {
      if (java.util.List.of(System.getProperty(FAILING_IDS, "").split(",")).contains(elementId)) {
        throw new IllegalStateException("beat tracking failed for " + elementId);
      }
      return Integer.toString(((String) inputs[0]).length());
    }

    @Override
    public GeneratedJob transform(RunSettings settings) {
      return new Job(this, settings);
    }
  }

  private static final class Job extends GeneratedJob {
    private static final long serialVersionUID = 1L;

    Job(GeneratedJob.Definition definition, RunSettings settings) {
      super(definition, settings);
    }
  }
}
