package io.klio.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the translation tests would catch: pipelines that the DirectRunner runs but Dataflow cannot,
 * refused by the same offline DataflowRunner ({@link OfflineDataflow}) that the job pipelines pass;
 * and a keyed step whose key coder is not deterministic, which fails as soon as the pipeline is
 * built (the per-job pipeline keys each job by element id in such a step).
 */
class DataflowRejectionTest {
  @TempDir Path dir;

  /** Keeps per-key state and needs its input sorted by event time, as some stateful jobs might. */
  static final class TimeSortedFn extends DoFn<KV<String, Long>, Long> {
    @StateId("last")
    private final StateSpec<ValueState<Long>> last = StateSpecs.value(VarLongCoder.of());

    @RequiresTimeSortedInput
    @ProcessElement
    public void process(
        @Element KV<String, Long> element,
        @StateId("last") ValueState<Long> last,
        OutputReceiver<Long> out) {
      last.write(element.getValue());
      out.output(element.getValue());
    }
  }

  /** A stateful step over keys of a type with no deterministic encoding. */
  static final class PerKeyFn extends DoFn<KV<Key, String>, String> {
    @StateId("seen")
    private final StateSpec<ValueState<Long>> seen = StateSpecs.value(VarLongCoder.of());

    @ProcessElement
    public void process(@Element KV<Key, String> element, @StateId("seen") ValueState<Long> seen) {}
  }

  record Key(String id) implements Serializable {}

  @Test
  void theDirectRunnerRunsAStreamingPipelineThatNeedsTimeSortedInput() {
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--streaming=true").create();

    assertThat(timeSorted(options).run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
  }

  @Test
  void dataflowRefusesIt() {
    List<String> args = new ArrayList<>(OfflineDataflow.flags(dir, dir.resolve("job.json")));
    args.add("--streaming=true");
    Pipeline pipeline =
        timeSorted(PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).create());

    assertThatThrownBy(pipeline::run)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("does not currently support @RequiresTimeSortedInput in streaming");
    assertThat(dir.resolve("job.json")).doesNotExist();
  }

  @Test
  void aKeyedStepWithANonDeterministicKeyCoderFailsWhenThePipelineIsBuilt() {
    Pipeline pipeline =
        Pipeline.create(
            PipelineOptionsFactory.fromArgs(
                    OfflineDataflow.flags(dir, dir.resolve("job.json")).toArray(String[]::new))
                .create());
    PCollection<KV<Key, String>> keyed =
        pipeline
            .apply(Create.of(KV.of(new Key("track-1"), "message")))
            .setCoder(KvCoder.of(SerializableCoder.of(Key.class), StringUtf8Coder.of()));

    assertThatThrownBy(() -> keyed.apply(ParDo.of(new PerKeyFn())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deterministic key coder");
  }

  private static Pipeline timeSorted(PipelineOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(
            Create.timestamped(
                TimestampedValue.of(KV.of("track-1", 2L), new Instant(2)),
                TimestampedValue.of(KV.of("track-1", 1L), new Instant(1))))
        .apply(ParDo.of(new TimeSortedFn()));
    return pipeline;
  }
}
