package io.klio.runtime.execution;

import io.klio.runtime.message.proto.KlioMessage;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * A job over messages keyed by element id, as a stateful DoFn: Beam processes one key at a time
 * on whichever worker owns it, so concurrent requests for one element (several children asking
 * the same parent) run one after another on every runner, and all but the first find the output
 * written and skip. The state itself is never used; declaring it is what buys the guarantee.
 */
final class ElementSerialJobDoFn extends DoFn<KV<String, KlioMessage>, KlioMessage> {
  private static final long serialVersionUID = 1L;

  @StateId("element")
  private final StateSpec<ValueState<Boolean>> elementState = StateSpecs.value(BooleanCoder.of());

  private final JobDoFn job;

  ElementSerialJobDoFn(JobDoFn job) {
    this.job = job;
  }

  @Setup
  public void setUp() throws Exception {
    job.setUp();
  }

  @Teardown
  public void tearDown() {
    job.tearDown();
  }

  @ProcessElement
  public void process(
      @Element KV<String, KlioMessage> message,
      @StateId("element") ValueState<Boolean> unused,
      MultiOutputReceiver out) {
    job.process(message.getValue(), out);
  }
}
