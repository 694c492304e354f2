package io.klio.runtime.execution;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The jobs of a whole-DAG run, applied to one batch of element ids at a time: the batch becomes
 * Klio messages (top-down, or bottom-up to the jobs a plan finds missing), then goes through the
 * jobs in topological order. A job gets the elements that every one of its parents in the run
 * passed on, so it runs for an element only after all its parents succeeded for it, and each (job,
 * element) runs at most once.
 *
 * <p>Running the DAG per batch inside one step, rather than one pipeline stage per job, needs no
 * shuffle between jobs and holds no more than a batch per thread in memory, whatever the number of
 * ids.
 */
final class DagRun implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> order;
  private final Map<String, List<String>> parents;
  private final Map<String, JobProcessor> processors;
  private final boolean force;
  private final boolean ping;
  private final String project;
  private final BottomUpPlanner planner; // null: top-down

  /** Bottom-up with staleness checks: every job of the run gets every element and checks it. */
  private final boolean checkEveryJob;

  /** Every location template of the run's jobs, and their variables: what each id must fit. */
  private final List<String> locations;

  private final TreeMap<String, String> variables;

  private transient Map<String, Counter> plannerRequests;

  /**
   * @param jobs the run's jobs in topological order, each with its invoker
   */
  DagRun(JobGraph graph, Map<String, JobInvoker> jobs, RunRequest request, RunSettings settings) {
    this.order = new ArrayList<>(jobs.keySet());
    this.parents = new HashMap<>();
    this.processors = new HashMap<>();
    for (Map.Entry<String, JobInvoker> job : jobs.entrySet()) {
      List<String> inRun = new ArrayList<>(graph.job(job.getKey()).parents());
      inRun.retainAll(jobs.keySet());
      parents.put(job.getKey(), inRun);
      processors.put(
          job.getKey(), new JobProcessor(graph.job(job.getKey()), job.getValue(), settings));
    }
    this.force = request.force();
    // a whole-DAG ping is a plan that notes each id's path; its messages carry no ping flag
    this.ping = request.ping() && !settings.provenance().planOnly();
    this.project = settings.gcpProject();
    this.planner =
        request.mode() == RunRequest.Mode.BOTTOM_UP && !request.wholeDag()
            ? new BottomUpPlanner(graph, request.jobs(), settings.variables())
            : null;
    this.checkEveryJob = planner != null && settings.provenance().stale();
    Set<String> templates = new LinkedHashSet<>();
    order.forEach(job -> templates.addAll(graph.job(job).locations()));
    this.locations = new ArrayList<>(templates);
    this.variables = new TreeMap<>(settings.variables());
  }

  /** The run's jobs, in the order a batch goes through them. */
  List<String> jobs() {
    return List.copyOf(order);
  }

  void setUp() throws Exception {
    plannerRequests = new HashMap<>();
    for (JobProcessor processor : processors.values()) {
      processor.setUp();
    }
  }

  void tearDown() {
    processors.values().forEach(JobProcessor::tearDown);
  }

  /** Runs the batch through the DAG; returns its dead letters. */
  List<DeadLetter> run(List<String> batch) {
    return run(batch, null);
  }

  /**
   * Runs the batch through the DAG, noting in {@code trace} (unless null) what each job does for
   * each id; returns the batch's dead letters.
   */
  List<DeadLetter> run(List<String> batch, PathTrace trace) {
    List<DeadLetter> deadLetters = new ArrayList<>();
    Map<String, KnownOutputs> known = new HashMap<>();
    BatchProvenance provenance = new BatchProvenance();
    List<KlioMessage> messages = messages(batch, deadLetters, known);
    if (trace != null) {
      batch.forEach(trace::start);
      deadLetters.forEach(
          letter -> trace.add(letter.elementId(), "rejected", "(" + letter.summary() + ")"));
    }
    Map<String, Map<String, KlioMessage>> passed = new HashMap<>();
    for (String job : order) {
      List<KlioMessage> input = input(job, messages, passed);
      if (input.size() < messages.size()) { // every parent passes on every element it does not fail
        processors.get(job).blockedByParent(messages.size() - input.size());
        if (trace != null) {
          traceBlocked(job, messages, input, trace);
        }
      }
      if (input.isEmpty()) {
        passed.put(job, Map.of());
        continue;
      }
      JobProcessor.Outcome outcome =
          processors
              .get(job)
              .process(input, known.getOrDefault(job, KnownOutputs.NONE), provenance);
      Map<String, KlioMessage> byId = new LinkedHashMap<>();
      outcome.passed.forEach(m -> byId.put(KlioMessages.elementId(m), m));
      passed.put(job, byId);
      deadLetters.addAll(outcome.deadLetters);
      if (trace != null) {
        outcome.verdicts.forEach((id, verdict) -> trace.add(id, job, verdict));
      }
    }
    return deadLetters;
  }

  /** The ids a job would have done something for, had a parent not stopped them. */
  private void traceBlocked(
      String job, List<KlioMessage> messages, List<KlioMessage> input, PathTrace trace) {
    Set<String> got = new HashSet<>();
    input.forEach(m -> got.add(KlioMessages.elementId(m)));
    JobRef self = new JobRef(job, project);
    for (KlioMessage message : messages) {
      String id = KlioMessages.elementId(message);
      if (!got.contains(id) && KlioMessages.isRecipient(message, self)) {
        trace.add(id, job, "blocked (a parent is blocked)");
      }
    }
  }

  /** The messages a job gets: the batch for a root of the run, else what all parents passed. */
  private List<KlioMessage> input(
      String job, List<KlioMessage> messages, Map<String, Map<String, KlioMessage>> passed) {
    List<String> from = parents.get(job);
    if (from.isEmpty()) {
      return messages;
    }
    List<KlioMessage> input = new ArrayList<>();
    for (Map.Entry<String, KlioMessage> e : passed.get(from.get(0)).entrySet()) {
      if (from.stream().allMatch(parent -> passed.get(parent).containsKey(e.getKey()))) {
        input.add(e.getValue());
      }
    }
    return input;
  }

  /**
   * The batch's ids as Klio messages. An id that a location of the run cannot take (unsafe, a file
   * name too long, a name this machine cannot encode) is a dead letter here, before the plan asks
   * the store about the batch, so that it cannot fail its batch; failed plans become dead letters
   * too.
   */
  private List<KlioMessage> messages(
      List<String> batch, List<DeadLetter> deadLetters, Map<String, KnownOutputs> known) {
    List<String> ids = new ArrayList<>();
    for (String id : new LinkedHashSet<>(batch)) {
      try {
        Locations.checkElementId(id);
        for (String location : locations) {
          Storage.checkNameable(Locations.render(location, id, variables));
        }
        ids.add(id);
      } catch (IllegalArgumentException e) {
        deadLetters.add(DeadLetter.notRun("", id, e.getMessage(), bytes(id)));
      }
    }
    List<KlioMessage> messages = new ArrayList<>();
    if (planner == null) {
      ids.forEach(id -> messages.add(KlioMessages.topDown(id, force, ping)));
      return messages;
    }
    if (checkEveryJob) {
      // Whether an ancestor is stale shows only once its own parents have run: every job checks.
      List<JobRef> recipients = new ArrayList<>();
      order.forEach(job -> recipients.add(new JobRef(job, project)));
      ids.forEach(id -> messages.add(KlioMessages.bottomUp(id, recipients, null, force, ping)));
      return messages;
    }
    Map<String, Set<String>> plan;
    try {
      plan = planner.plan(ids, force, this::plannerRequests, known);
    } catch (Exception e) {
      ids.forEach(
          id ->
              deadLetters.add(
                  DeadLetter.notRun(
                      "", id, "cannot plan the bottom-up run: " + e.getMessage(), bytes(id))));
      return messages;
    }
    plan.forEach(
        (id, jobs) -> {
          List<JobRef> recipients = new ArrayList<>();
          jobs.forEach(job -> recipients.add(new JobRef(job, project)));
          messages.add(KlioMessages.bottomUp(id, recipients, null, force, ping));
        });
    return messages;
  }

  private RequestCounter plannerRequests(String job) {
    Counter counter =
        plannerRequests.computeIfAbsent(
            job,
            j -> Metrics.counter(JobCounters.NAMESPACE_PREFIX + j, JobCounters.STORAGE_REQUESTS));
    return counter::inc;
  }

  private static byte[] bytes(String id) {
    return id.getBytes(StandardCharsets.UTF_8);
  }
}
