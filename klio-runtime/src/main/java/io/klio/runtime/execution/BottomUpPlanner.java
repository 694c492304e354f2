package io.klio.runtime.execution;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Decides, for a batch of elements, which jobs a bottom-up request must run for each: the targets,
 * and every ancestor whose output is missing on the way to them, found by walking inputs upwards
 * and stopping at outputs that exist. Nothing else runs: no sibling, no other descendant. Each step
 * asks the store about the whole batch at once.
 */
final class BottomUpPlanner implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, JobSpec> jobs;
  private final Set<String> targets;
  private final Map<String, String> variables;

  BottomUpPlanner(JobGraph graph, Set<String> targets, Map<String, String> variables) {
    this.jobs = new TreeMap<>();
    for (String name : graph.names()) {
      jobs.put(name, graph.job(name));
    }
    this.targets = new TreeSet<>(targets);
    this.variables = new TreeMap<>(variables);
  }

  /**
   * The jobs to run for each id, each a recipient of the element's bottom-up message.
   *
   * @param requests the storage request counter of each job whose outputs are looked up
   * @param known filled in, per job, with what the plan found out about outputs on the way
   */
  Map<String, Set<String>> plan(
      List<String> ids,
      boolean force,
      Function<String, RequestCounter> requests,
      Map<String, KnownOutputs> known)
      throws IOException {
    Map<String, Set<String>> run = new LinkedHashMap<>();
    ids.forEach(id -> run.put(id, new TreeSet<>(targets)));
    Deque<Step> pending = new ArrayDeque<>();
    for (String target : targets) {
      List<String> missing = force ? ids : missing(target, ids, requests, known);
      if (!missing.isEmpty()) {
        pending.add(new Step(target, missing));
      }
    }
    while (!pending.isEmpty()) {
      Step step = pending.removeFirst();
      for (InputSpec input : jobs.get(step.job).inputs()) {
        String producer = input.fromJob().orElse(null);
        if (producer == null) {
          continue;
        }
        List<String> unplanned = new ArrayList<>();
        step.ids.stream().filter(id -> !run.get(id).contains(producer)).forEach(unplanned::add);
        List<String> missing = missing(producer, unplanned, requests, known);
        missing.forEach(id -> run.get(id).add(producer));
        if (!missing.isEmpty()) {
          pending.add(new Step(producer, missing));
        }
      }
    }
    return run;
  }

  /** The ids among {@code ids} whose output of {@code job} does not exist. */
  private List<String> missing(
      String job,
      List<String> ids,
      Function<String, RequestCounter> requests,
      Map<String, KnownOutputs> known)
      throws IOException {
    if (ids.isEmpty()) {
      return ids;
    }
    Map<String, String> locations = new LinkedHashMap<>();
    for (String id : ids) {
      locations.put(id, Locations.render(jobs.get(job).output().location(), id, variables));
    }
    Set<String> existing = Storage.existing(locations.values(), requests.apply(job));
    List<String> missing = new ArrayList<>();
    KnownOutputs knownOfJob = known.computeIfAbsent(job, j -> new KnownOutputs());
    locations.forEach(
        (id, location) -> {
          boolean exists = existing.contains(location);
          knownOfJob.found(id, exists);
          if (!exists) {
            missing.add(id);
          }
        });
    return missing;
  }

  private record Step(String job, List<String> ids) {}
}
