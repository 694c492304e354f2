package io.klio.runtime.execution;

import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The per-message semantics of a job as a Beam transform; each generated job composite applies it
 * to its messages.
 */
public final class JobExecution extends PTransform<PCollection<KlioMessage>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** Messages the job passes on to its children. */
  public static final TupleTag<KlioMessage> PASSED = new TupleTag<>("passed") {};

  /** Messages the job could not process, with the reason. */
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>("dead-letters") {};

  /**
   * Per-job mode only: bottom-up requests for a missing input, keyed by the job that must produce
   * it, already addressed along their {@link RequestRoute} (publish each to that job's input
   * topic).
   */
  public static final TupleTag<KV<String, KlioMessage>> UPSTREAM_REQUESTS =
      new TupleTag<>("upstream-requests") {};

  private final JobSpec spec;
  private final JobInvoker invoker;
  private final RunSettings settings;

  private JobExecution(JobSpec spec, JobInvoker invoker, RunSettings settings) {
    this.spec = spec;
    this.invoker = invoker;
    this.settings = settings;
  }

  public static JobExecution transform(JobSpec spec, JobInvoker invoker, RunSettings settings) {
    return new JobExecution(spec, invoker, settings);
  }

  /**
   * With relay on (messages handed over as a DAG passes them on) each element reaches the job once,
   * so the job runs as a plain ParDo. Per-job mode takes requests as they come, possibly several
   * for one element at once, so there the job runs keyed by element id in a stateful ParDo, which
   * serialises each element on every runner.
   */
  @Override
  public PCollectionTuple expand(PCollection<KlioMessage> messages) {
    TupleTagList others = TupleTagList.of(DEAD_LETTERS).and(UPSTREAM_REQUESTS);
    PCollectionTuple out =
        settings.relay()
            ? messages.apply(
                "Run " + spec.name(),
                ParDo.of(new JobDoFn(spec, invoker, settings)).withOutputTags(PASSED, others))
            : messages
                .apply(
                    "Key by element",
                    WithKeys.of(JobExecution::elementKey).withKeyType(TypeDescriptors.strings()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), ProtoCoder.of(KlioMessage.class)))
                .apply(
                    "Run " + spec.name() + " per element",
                    ParDo.of(
                            new ElementSerialJobDoFn(
                                new JobProcessor(spec, invoker, settings),
                                spec.name(),
                                settings.requestRoutes()))
                        .withOutputTags(PASSED, others));
    out.get(PASSED).setCoder(ProtoCoder.of(KlioMessage.class));
    out.get(DEAD_LETTERS).setCoder(DeadLetterCoder.of());
    out.get(UPSTREAM_REQUESTS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ProtoCoder.of(KlioMessage.class)));
    return out;
  }

  /** The element id, or empty for a message without one (the job dead-letters it). */
  private static String elementKey(KlioMessage message) {
    try {
      return KlioMessages.elementId(message);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
