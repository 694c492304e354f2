package io.klio.runtime.execution;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every dead letter and counts it for the run's summary. */
public final class DeadLetterSink extends DoFn<DeadLetter, Void> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSink.class);
  static final String NAMESPACE = "klio";
  static final String COUNTER = "dead-letters";

  private final Counter count = Metrics.counter(NAMESPACE, COUNTER);

  @ProcessElement
  public void process(@Element DeadLetter letter) {
    count.inc();
    LOG.error(
        "dead letter: job '{}', element '{}': {}",
        letter.job().isEmpty() ? "(before any job)" : letter.job(),
        letter.elementId(),
        letter.reason());
  }
}
