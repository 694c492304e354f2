package io.klio.runtime.execution;

import java.util.Collection;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.transforms.DoFn.OutputReceiver;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.OutputBuilder;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * A job's output receivers, passed through unchanged, noting how the job ended for the message:
 * with a bottom-up request (to which job), or settled (passed on or dead-lettered). A dropped
 * message produces no output and leaves both unset.
 */
final class RecordingOutputs implements MultiOutputReceiver {
  private final MultiOutputReceiver outputs;
  private String requestedFrom;
  private boolean settled;

  RecordingOutputs(MultiOutputReceiver outputs) {
    this.outputs = outputs;
  }

  /** The job a bottom-up request went to, or null. */
  String requestedFrom() {
    return requestedFrom;
  }

  /** Whether the message was passed on or dead-lettered. */
  boolean settled() {
    return settled;
  }

  @Override
  public <T> OutputReceiver<T> get(TupleTag<T> tag) {
    OutputReceiver<T> target = outputs.get(tag);
    return new OutputReceiver<>() {
      @Override
      public OutputBuilder<T> builder(T value) {
        note(tag, value);
        return target.builder(value);
      }

      @Override
      public void output(T value) {
        note(tag, value);
        target.output(value);
      }

      @Override
      public void outputWithTimestamp(T value, Instant timestamp) {
        note(tag, value);
        target.outputWithTimestamp(value, timestamp);
      }

      @Override
      public void outputWindowedValue(
          T value, Instant timestamp, Collection<? extends BoundedWindow> windows, PaneInfo pane) {
        note(tag, value);
        target.outputWindowedValue(value, timestamp, windows, pane);
      }
    };
  }

  @Override
  public <T> OutputReceiver<Row> getRowReceiver(TupleTag<T> tag) {
    return outputs.getRowReceiver(tag);
  }

  private void note(TupleTag<?> tag, Object value) {
    if (tag.equals(JobExecution.UPSTREAM_REQUESTS)) {
      requestedFrom = (String) ((KV<?, ?>) value).getKey();
    } else if (tag.equals(JobExecution.PASSED) || tag.equals(JobExecution.DEAD_LETTERS)) {
      settled = true;
    }
  }
}
