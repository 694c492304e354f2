package io.klio.runtime.execution;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, for one element, which jobs a bottom-up request must run: the targets, and every
 * ancestor whose output is missing on the way to them, found by walking inputs upwards and
 * stopping at outputs that exist. Nothing else runs: no sibling, no other descendant.
 */
final class BottomUpPlanner implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, JobSpec> jobs;
  private final Set<String> targets;
  private final Map<String, String> variables;

  BottomUpPlanner(JobGraph graph, Set<String> targets, Map<String, String> variables) {
    this.jobs = new java.util.TreeMap<>();
    for (String name : graph.names()) {
      jobs.put(name, graph.job(name));
    }
    this.targets = Set.copyOf(targets);
    this.variables = Map.copyOf(variables);
  }

  /** The jobs to run for {@code id}, each a recipient of the element's bottom-up message. */
  Set<String> plan(String id, boolean force) throws IOException {
    Set<String> run = new TreeSet<>();
    Deque<String> pending = new ArrayDeque<>();
    for (String target : targets) {
      run.add(target);
      if (force || !exists(target, id)) {
        pending.add(target);
      }
    }
    while (!pending.isEmpty()) {
      JobSpec job = jobs.get(pending.removeFirst());
      for (InputSpec input : job.inputs()) {
        String producer = input.fromJob().orElse(null);
        if (producer != null && !run.contains(producer) && !exists(producer, id)) {
          run.add(producer);
          pending.add(producer);
        }
      }
    }
    return run;
  }

  private boolean exists(String job, String id) throws IOException {
    return Storage.exists(Locations.render(jobs.get(job).output().location(), id, variables));
  }
}
