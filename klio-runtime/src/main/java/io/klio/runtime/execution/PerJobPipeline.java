package io.klio.runtime.execution;

import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessageWithAttributesCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-job mode, the original Klio's model: one job as its own streaming pipeline.
 *
 * <pre>
 * input subscription ─ parse ─ job (relay off) ─┬─ passed ──────────── output topic
 *                        │                      ├─ upstream requests ─ each producer's input topic
 *                        └── unparseable ───────┴─ dead letters ────── (returned to the caller)
 * </pre>
 *
 * <p>Messages not addressed to the job are dropped and counted; a message whose input from another
 * job is missing becomes a request to that job, addressed along its {@link RequestRoute} (the DAG
 * path from that job down to this one) and published to that job's input topic, so the answer comes
 * back here along the path. Bytes that are not a Klio message become dead letters; the job goes on.
 */
public final class PerJobPipeline {
  static final String UNPARSEABLE = "dead-lettered-unparseable";

  private static final TupleTag<KlioMessage> PARSED = new TupleTag<>("parsed") {};

  private PerJobPipeline() {}

  /**
   * The job's event IO.
   *
   * @param subscription the input subscription, {@code projects/P/subscriptions/S}
   * @param outputTopic where passed messages go; none for a job whose output nobody listens to
   */
  public record Events(String subscription, Optional<String> outputTopic) {}

  /**
   * Builds the streaming pipeline of {@code job}; returns its dead letters (unparseable messages,
   * failures, requests without a route) for the caller to report.
   *
   * @param settings the run settings; must not relay (per-job mode drops what is not for it), and
   *     carry the job's {@linkplain RunSettings#requestRoutes() request routes}
   */
  public static PCollection<DeadLetter> build(
      Pipeline pipeline, JobRegistry registry, String job, Events events, RunSettings settings) {
    if (settings.relay()) {
      throw new IllegalArgumentException("per-job mode needs RunSettings with relay off");
    }
    PCollectionTuple parsed =
        pipeline
            .apply(
                "Read " + events.subscription(),
                PubsubIO.readMessages().fromSubscription(events.subscription()))
            .apply(
                "Parse Klio messages",
                ParDo.of(new ParseFn(job))
                    .withOutputTags(PARSED, TupleTagList.of(JobExecution.DEAD_LETTERS)));
    parsed.get(PARSED).setCoder(ProtoCoder.of(KlioMessage.class));
    parsed.get(JobExecution.DEAD_LETTERS).setCoder(DeadLetterCoder.of());

    PCollectionTuple out =
        parsed.get(PARSED).apply(job, registry.job(job).orElseThrow().transform(settings));

    List<PCollection<DeadLetter>> deadLetters = new ArrayList<>();
    deadLetters.add(parsed.get(JobExecution.DEAD_LETTERS));
    deadLetters.add(out.get(JobExecution.DEAD_LETTERS));

    events
        .outputTopic()
        .ifPresent(
            topic ->
                out.get(JobExecution.PASSED)
                    .apply("Passed to Pub/Sub messages", ParDo.of(new ToPubsub()))
                    .setCoder(PubsubMessageWithAttributesCoder.of())
                    .apply("Publish to " + topic, PubsubIO.writeMessages().to(topic)));

    Map<String, Set<String>> producersByTopic = new TreeMap<>();
    for (RequestRoute route : settings.requestRoutes().all()) {
      if (route.exists()) {
        producersByTopic.computeIfAbsent(route.topic(), t -> new TreeSet<>()).add(route.ancestor());
      }
    }
    producersByTopic.forEach(
        (topic, producers) ->
            out.get(JobExecution.UPSTREAM_REQUESTS)
                .apply("Requests to " + topic, ParDo.of(new RequestsFor(producers)))
                .setCoder(PubsubMessageWithAttributesCoder.of())
                .apply("Publish requests to " + topic, PubsubIO.writeMessages().to(topic)));

    return PCollectionList.of(deadLetters).apply("All dead letters", Flatten.pCollections());
  }

  /** Bytes to Klio messages; bytes that do not parse become dead letters with the reason. */
  private static final class ParseFn extends DoFn<PubsubMessage, KlioMessage> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseFn.class);
    private final String job;
    private final Counter unparseable;

    ParseFn(String job) {
      this.job = job;
      this.unparseable = Metrics.counter(JobCounters.NAMESPACE_PREFIX + job, UNPARSEABLE);
    }

    @ProcessElement
    public void process(@Element PubsubMessage message, MultiOutputReceiver out) {
      byte[] bytes = message.getPayload() == null ? new byte[0] : message.getPayload();
      Intake intake = Intake.of(job, bytes);
      if (intake.parsed()) {
        out.get(PARSED).output(intake.message());
      } else {
        unparseable.inc();
        // the sink logs the reason, once
        LOG.debug("{}: {} bytes from Pub/Sub are no Klio message", job, bytes.length);
        out.get(JobExecution.DEAD_LETTERS).output(intake.deadLetter());
      }
    }
  }

  private static final class ToPubsub extends DoFn<KlioMessage, PubsubMessage> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KlioMessage message, OutputReceiver<PubsubMessage> out) {
      out.output(new PubsubMessage(KlioMessages.toBytes(message), Map.of()));
    }
  }

  /** The requests for the given producers, which share one input topic, as Pub/Sub messages. */
  private static final class RequestsFor extends DoFn<KV<String, KlioMessage>, PubsubMessage> {
    private static final long serialVersionUID = 1L;
    private final TreeSet<String> producers;

    RequestsFor(Set<String> producers) {
      this.producers = new TreeSet<>(producers);
    }

    @ProcessElement
    public void process(
        @Element KV<String, KlioMessage> request, OutputReceiver<PubsubMessage> out) {
      if (producers.contains(request.getKey())) {
        out.output(new PubsubMessage(KlioMessages.toBytes(request.getValue()), Map.of()));
      }
    }
  }
}
