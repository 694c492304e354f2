package io.klio.runtime.execution;

import io.klio.runtime.message.proto.KlioMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job over messages keyed by element id, as a stateful DoFn, for per-job mode.
 *
 * <p>Beam processes one key at a time on whichever worker owns it, so concurrent requests for one
 * element (several children asking the same parent) run one after another on every runner, and all
 * but the first find the output written and skip.
 *
 * <p>The state remembers the bottom-up request the job sent for the element, if any, with a
 * processing-time timer at {@code events.requestTimeout}: the answer (the message coming back,
 * passed on or dead-lettered this time) clears both; if the timer fires first, the request is
 * counted as {@value #REQUESTS_UNANSWERED} and logged as a warning, so that a request whose answer
 * never comes is seen rather than waited for in silence.
 */
final class ElementSerialJobDoFn extends DoFn<KV<String, KlioMessage>, KlioMessage> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ElementSerialJobDoFn.class);

  static final String REQUESTS_UNANSWERED = "requests-unanswered";

  @StateId("pendingRequest")
  private final StateSpec<ValueState<PendingRequest>> pendingRequestSpec =
      StateSpecs.value(SerializableCoder.of(PendingRequest.class));

  @TimerId("requestTimeout")
  private final TimerSpec requestTimeoutSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  private final JobProcessor job;
  private final String jobName;
  private final RequestRoutes routes;
  private final Counter unanswered;

  ElementSerialJobDoFn(JobProcessor job, String jobName, RequestRoutes routes) {
    this.job = job;
    this.jobName = jobName;
    this.routes = routes;
    this.unanswered = Metrics.counter(JobCounters.NAMESPACE_PREFIX + jobName, REQUESTS_UNANSWERED);
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
      @StateId("pendingRequest") ValueState<PendingRequest> pending,
      @TimerId("requestTimeout") Timer timeout,
      MultiOutputReceiver out) {
    JobProcessor.Outcome outcome = job.process(List.of(message.getValue()));
    outcome.emit(out);
    if (message.getValue().getMetadata().getPing()) {
      return; // a ping computes nothing, so it answers nothing
    }
    PendingRequest waiting = pending.read();
    String requestedFrom =
        outcome.upstreamRequests.isEmpty() ? null : outcome.upstreamRequests.get(0).getKey();
    boolean settled = !outcome.passed.isEmpty() || !outcome.deadLetters.isEmpty();
    if (requestedFrom != null) {
      // A repeated request to the same job keeps the first deadline, so repeats cannot hide it.
      if (waiting == null || !waiting.ancestor().equals(requestedFrom)) {
        RequestRoute route = routes.to(requestedFrom);
        pending.write(
            new PendingRequest(
                route.ancestor(), route.describePath(), Instant.now().toEpochMilli()));
        timeout
            .offset(org.joda.time.Duration.millis(routes.requestTimeout().toMillis()))
            .setRelative();
      }
    } else if (settled && waiting != null) {
      pending.clear();
      timeout.clear();
    }
  }

  @OnTimer("requestTimeout")
  public void requestTimedOut(
      @Key String elementId, @StateId("pendingRequest") ValueState<PendingRequest> pending) {
    PendingRequest request = pending.read();
    if (request == null) {
      return;
    }
    pending.clear();
    unanswered.inc();
    LOG.warn(
        "{}: request for element '{}' unanswered: '{}' has not answered the request sent at {}"
            + " along {} within {} (events.requestTimeout). Is '{}' running and reading its input"
            + " topic? '{}' computes '{}' only once the answer comes.",
        jobName,
        elementId,
        request.ancestor(),
        Instant.ofEpochMilli(request.sentAtMillis()),
        request.path(),
        shortForm(routes.requestTimeout()),
        request.ancestor(),
        jobName,
        elementId);
  }

  /** {@code 10m}, {@code 30s} or {@code 500ms}, as klio.yaml writes durations. */
  static String shortForm(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
