package io.klio.runtime.execution;

import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.message.proto.KlioMessage;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * A job over batches of messages in whole-DAG mode. A batch keeps its key from job to job, so that
 * a job with several parents can join what each parent passed on per batch.
 */
final class JobBatchDoFn extends DoFn<KV<String, List<KlioMessage>>, KV<String, List<KlioMessage>>> {
  private static final long serialVersionUID = 1L;

  private final JobProcessor processor;

  JobBatchDoFn(JobSpec spec, JobInvoker invoker, RunSettings settings) {
    this.processor = new JobProcessor(spec, invoker, settings);
  }

  @Setup
  public void setUp() throws Exception {
    processor.setUp();
  }

  @Teardown
  public void tearDown() {
    processor.tearDown();
  }

  @ProcessElement
  public void process(@Element KV<String, List<KlioMessage>> batch, MultiOutputReceiver out) {
    JobProcessor.Outcome outcome = processor.process(batch.getValue());
    if (!outcome.passed.isEmpty()) {
      out.get(JobExecution.PASSED_BATCHES).output(KV.of(batch.getKey(), outcome.passed));
    }
    outcome.deadLetters.forEach(out.get(JobExecution.DEAD_LETTERS)::output);
  }
}
