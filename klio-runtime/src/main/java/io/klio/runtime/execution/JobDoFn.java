package io.klio.runtime.execution;

import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.message.proto.KlioMessage;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * A job over single messages, as they come from Pub/Sub in per-job mode: each message is a batch of
 * one for {@link JobProcessor}.
 */
final class JobDoFn extends DoFn<KlioMessage, KlioMessage> {
  private static final long serialVersionUID = 1L;

  private final JobProcessor processor;

  JobDoFn(JobSpec spec, JobInvoker invoker, RunSettings settings) {
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
  public void process(@Element KlioMessage message, MultiOutputReceiver out) {
    processor.process(List.of(message)).emit(out);
  }
}
