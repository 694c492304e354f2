package io.klio.runtime.execution;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.JobDefinition;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.RequestCounter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
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
 * Whole-DAG mode: the jobs a request needs as one Beam pipeline whose graph mirrors the DAG.
 * Elements travel in batches (see {@link IdBatches}); each job takes the batches its parents
 * passed on, joined per batch when it has several, so a job runs for an element only after all
 * its parents succeeded for it, and each (job, element) runs at most once.
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
            .apply("Element ids",
                new IdBatches(new ArrayList<>(new LinkedHashSet<>(request.ids())), request.idFiles(),
                    request.batchSize()))
            .apply(
                "Klio messages",
                ParDo.of(new ToMessages(graph, request, settings))
                    .withOutputTags(JobExecution.PASSED_BATCHES, TupleTagList.of(JobExecution.DEAD_LETTERS)));
    start.get(JobExecution.PASSED_BATCHES).setCoder(JobExecution.BATCH_CODER);
    start.get(JobExecution.DEAD_LETTERS).setCoder(SerializableCoder.of(DeadLetter.class));

    Map<String, PCollection<KV<String, List<KlioMessage>>>> passed = new TreeMap<>();
    List<PCollection<DeadLetter>> deadLetters = new ArrayList<>();
    deadLetters.add(start.get(JobExecution.DEAD_LETTERS));
    for (String job : jobs) {
      List<PCollection<KV<String, List<KlioMessage>>>> parents = new ArrayList<>();
      for (String parent : graph.job(job).parents()) {
        if (passed.containsKey(parent)) {
          parents.add(passed.get(parent));
        }
      }
      PCollection<KV<String, List<KlioMessage>>> input =
          parents.isEmpty()
              ? start.get(JobExecution.PASSED_BATCHES)
              : parents.size() == 1 ? parents.get(0) : join(job, parents);
      JobDefinition definition = registry.job(job).orElseThrow();
      PCollectionTuple out =
          input.apply(job, JobExecution.batches(definition.spec(), definition.invoker(), settings));
      passed.put(job, out.get(JobExecution.PASSED_BATCHES));
      deadLetters.add(out.get(JobExecution.DEAD_LETTERS));
    }
    return PCollectionList.of(deadLetters).apply("All dead letters", Flatten.pCollections());
  }

  /**
   * Waits until every parent has passed a batch on, then passes on the elements that all of them
   * passed. Batches keep their keys from job to job, so the join groups a few batches rather than
   * every element.
   */
  private static PCollection<KV<String, List<KlioMessage>>> join(
      String job, List<PCollection<KV<String, List<KlioMessage>>>> parents) {
    int expected = parents.size();
    return PCollectionList.of(parents)
        .apply("Parents of " + job, Flatten.pCollections())
        .apply("Group by batch for " + job, GroupByKey.create())
        .apply(
            "All parents done for " + job,
            ParDo.of(
                new DoFn<KV<String, Iterable<List<KlioMessage>>>, KV<String, List<KlioMessage>>>() {
                  @ProcessElement
                  public void process(
                      @Element KV<String, Iterable<List<KlioMessage>>> batch,
                      OutputReceiver<KV<String, List<KlioMessage>>> out) {
                    List<List<KlioMessage>> fromParents = new ArrayList<>();
                    batch.getValue().forEach(fromParents::add);
                    if (fromParents.size() < expected) {
                      return; // a parent passed none of the batch on
                    }
                    Map<String, Integer> passedBy = new HashMap<>();
                    for (List<KlioMessage> messages : fromParents) {
                      Set<String> ids = new HashSet<>();
                      messages.forEach(m -> ids.add(KlioMessages.elementId(m)));
                      ids.forEach(id -> passedBy.merge(id, 1, Integer::sum));
                    }
                    List<KlioMessage> all = new ArrayList<>();
                    for (KlioMessage m : fromParents.get(0)) {
                      if (passedBy.get(KlioMessages.elementId(m)) >= expected) {
                        all.add(m);
                      }
                    }
                    if (!all.isEmpty()) {
                      out.output(KV.of(batch.getKey(), all));
                    }
                  }
                }))
        .setCoder(JobExecution.BATCH_CODER);
  }

  /** Turns a batch of ids into Klio messages: top-down to anyone, or bottom-up to a planned set. */
  private static final class ToMessages
      extends DoFn<KV<String, List<String>>, KV<String, List<KlioMessage>>> {
    private static final long serialVersionUID = 1L;
    private final RunRequest request;
    private final String project;
    private final BottomUpPlanner planner;
    private transient Map<String, Counter> requests;

    ToMessages(JobGraph graph, RunRequest request, RunSettings settings) {
      this.request = request;
      this.project = settings.gcpProject();
      this.planner =
          request.mode() == RunRequest.Mode.BOTTOM_UP && !request.wholeDag()
              ? new BottomUpPlanner(graph, request.jobs(), settings.variables())
              : null;
    }

    @Setup
    public void setUp() {
      requests = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element KV<String, List<String>> batch, MultiOutputReceiver out) {
      List<String> ids = new ArrayList<>();
      for (String id : new LinkedHashSet<>(batch.getValue())) {
        try {
          Locations.checkElementId(id);
          ids.add(id);
        } catch (IllegalArgumentException e) {
          out.get(JobExecution.DEAD_LETTERS)
              .output(new DeadLetter("", id, e.getMessage(), id.getBytes(StandardCharsets.UTF_8)));
        }
      }
      if (ids.isEmpty()) {
        return;
      }
      List<KlioMessage> messages = new ArrayList<>();
      if (planner == null) {
        ids.forEach(id -> messages.add(KlioMessages.topDown(id, request.force(), request.ping())));
      } else {
        Map<String, Set<String>> plan;
        try {
          plan = planner.plan(ids, request.force(), this::requestCounter);
        } catch (Exception e) {
          for (String id : ids) {
            out.get(JobExecution.DEAD_LETTERS)
                .output(new DeadLetter("", id, "cannot plan the bottom-up run: " + e.getMessage(),
                    id.getBytes(StandardCharsets.UTF_8)));
          }
          return;
        }
        plan.forEach((id, jobs) -> {
          List<JobRef> recipients = new ArrayList<>();
          jobs.forEach(job -> recipients.add(new JobRef(job, project)));
          messages.add(KlioMessages.bottomUp(id, recipients, null, request.force(), request.ping()));
        });
      }
      out.get(JobExecution.PASSED_BATCHES).output(KV.of(batch.getKey(), messages));
    }

    private RequestCounter requestCounter(String job) {
      Counter counter =
          requests.computeIfAbsent(
              job, j -> Metrics.counter(JobCounters.NAMESPACE_PREFIX + j, JobCounters.STORAGE_REQUESTS));
      return counter::inc;
    }
  }
}
