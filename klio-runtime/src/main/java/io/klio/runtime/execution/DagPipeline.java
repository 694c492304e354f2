package io.klio.runtime.execution;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Whole-DAG mode: the jobs a request needs as one Beam pipeline whose graph mirrors the DAG. Each
 * job reads the messages its parents passed on (joined per element when it has several), so a
 * job runs for an element only after all its parents succeeded for it, and each (job, element)
 * runs at most once.
 */
public final class DagPipeline {
  private DagPipeline() {}

  /** The jobs a request puts in the pipeline, in topological order. */
  public static List<String> selectJobs(JobGraph graph, RunRequest request) {
    if (request.wholeDag()) {
      return graph.topologicalOrder();
    }
    Set<String> selected = new TreeSet<>(request.jobs());
    for (String job : request.jobs()) {
      selected.addAll(
          request.mode() == RunRequest.Mode.TOP_DOWN ? graph.descendants(job) : graph.ancestors(job));
    }
    return graph.ordered(selected);
  }

  /** Builds the pipeline; returns every job's dead letters, flattened. */
  public static PCollection<DeadLetter> build(
      Pipeline pipeline,
      JobRegistry registry,
      JobGraph graph,
      RunRequest request,
      RunSettings settings) {
    List<String> jobs = selectJobs(graph, request);
    PCollectionTuple start =
        pipeline
            .apply("Element ids", Create.of(new ArrayList<>(new LinkedHashSet<>(request.ids()))))
            .apply(
                "Klio messages",
                ParDo.of(new ToMessages(graph, request, settings))
                    .withOutputTags(JobExecution.PASSED, TupleTagList.of(JobExecution.DEAD_LETTERS)));
    start.get(JobExecution.PASSED).setCoder(ProtoCoder.of(KlioMessage.class));
    start.get(JobExecution.DEAD_LETTERS).setCoder(SerializableCoder.of(DeadLetter.class));

    Map<String, PCollection<KlioMessage>> passed = new TreeMap<>();
    List<PCollection<DeadLetter>> deadLetters = new ArrayList<>();
    deadLetters.add(start.get(JobExecution.DEAD_LETTERS));
    for (String job : jobs) {
      List<PCollection<KlioMessage>> parents = new ArrayList<>();
      for (String parent : graph.job(job).parents()) {
        if (passed.containsKey(parent)) {
          parents.add(passed.get(parent));
        }
      }
      PCollection<KlioMessage> input =
          parents.isEmpty()
              ? start.get(JobExecution.PASSED)
              : parents.size() == 1 ? parents.get(0) : join(job, parents);
      PCollectionTuple out =
          input.apply(job, registry.job(job).orElseThrow().transform(settings));
      passed.put(job, out.get(JobExecution.PASSED));
      deadLetters.add(out.get(JobExecution.DEAD_LETTERS));
    }
    return PCollectionList.of(deadLetters).apply("All dead letters", Flatten.pCollections());
  }

  /** Waits until every parent has passed an element on, then passes it on once. */
  private static PCollection<KlioMessage> join(String job, List<PCollection<KlioMessage>> parents) {
    int expected = parents.size();
    return PCollectionList.of(parents)
        .apply("Parents of " + job, Flatten.pCollections())
        .apply(
            "Key by element for " + job,
            ParDo.of(
                new DoFn<KlioMessage, KV<String, KlioMessage>>() {
                  @ProcessElement
                  public void process(@Element KlioMessage m, OutputReceiver<KV<String, KlioMessage>> out) {
                    out.output(KV.of(KlioMessages.elementId(m), m));
                  }
                }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ProtoCoder.of(KlioMessage.class)))
        .apply("Group by element for " + job, GroupByKey.create())
        .apply(
            "All parents done for " + job,
            ParDo.of(
                new DoFn<KV<String, Iterable<KlioMessage>>, KlioMessage>() {
                  @ProcessElement
                  public void process(
                      @Element KV<String, Iterable<KlioMessage>> element,
                      OutputReceiver<KlioMessage> out) {
                    List<KlioMessage> messages = new ArrayList<>();
                    element.getValue().forEach(messages::add);
                    if (messages.size() >= expected) {
                      out.output(messages.get(0));
                    }
                  }
                }))
        .setCoder(ProtoCoder.of(KlioMessage.class));
  }

  /** Turns each id into its Klio message: top-down to anyone, or bottom-up to a planned set. */
  private static final class ToMessages extends DoFn<String, KlioMessage> {
    private static final long serialVersionUID = 1L;
    private final RunRequest request;
    private final String project;
    private final BottomUpPlanner planner;

    ToMessages(JobGraph graph, RunRequest request, RunSettings settings) {
      this.request = request;
      this.project = settings.gcpProject();
      this.planner =
          request.mode() == RunRequest.Mode.BOTTOM_UP && !request.wholeDag()
              ? new BottomUpPlanner(graph, request.jobs(), settings.variables())
              : null;
    }

    @ProcessElement
    public void process(@Element String id, MultiOutputReceiver out) {
      try {
        io.klio.runtime.storage.Locations.checkElementId(id);
        KlioMessage message;
        if (planner == null) {
          message = KlioMessages.topDown(id, request.force(), request.ping());
        } else {
          List<JobRef> recipients = new ArrayList<>();
          for (String job : planner.plan(id, request.force())) {
            recipients.add(new JobRef(job, project));
          }
          message = KlioMessages.bottomUp(id, recipients, null, request.force(), request.ping());
        }
        out.get(JobExecution.PASSED).output(message);
      } catch (Exception e) {
        out.get(JobExecution.DEAD_LETTERS)
            .output(new DeadLetter("", id, e.getMessage(), id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
  }
}
