package io.klio.processor.base;

/**
 * Qualified names of the annotations the processor reads, of the codec interface and of the runtime
 * types generated code uses. The processor refers to them by name only, so it depends on none of
 * those jars.
 */
public final class Names {
  public static final String KLIO_JOB = "io.klio.annotations.KlioJob";
  public static final String INPUT = "io.klio.annotations.Input";
  public static final String OUTPUT = "io.klio.annotations.Output";
  public static final String ELEMENT_ID = "io.klio.annotations.ElementId";
  public static final String KLIO_CODEC = "io.klio.annotations.KlioCodec";
  public static final String AGGREGATED_JOB = "io.klio.annotations.internal.AggregatedJob";
  public static final String AGGREGATED_JOBS = "io.klio.annotations.internal.AggregatedJobs";
  public static final String AGGREGATED_CODEC = "io.klio.annotations.internal.AggregatedCodec";

  /**
   * The package that holds the marker classes of every jar: one per class that declares jobs, one
   * per codec.
   */
  public static final String AGGREGATED_PACKAGE = "io.klio.aggregated";

  /** In {@code klio-codec}, which has no dependencies, so a codec library needs no runtime. */
  public static final String CODEC_INTERFACE = "io.klio.codec.Codec";

  public static final String RUNTIME_PACKAGE = "io.klio.runtime";
  public static final String JOB_PACKAGE = "io.klio.runtime.job";

  /** Where the built-in codecs ({@code Codecs}) live. */
  public static final String BUILT_IN_CODECS_PACKAGE = "io.klio.runtime.codec";

  public static final String JOB_DEFINITION = "io.klio.runtime.job.JobDefinition";

  public static final String MANIFEST_DIR = "META-INF/klio/jobs/";

  private Names() {}
}
