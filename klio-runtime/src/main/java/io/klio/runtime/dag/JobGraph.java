package io.klio.runtime.dag;

import io.klio.common.text.Suggestions;
import io.klio.runtime.job.JobSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The DAG of the jobs on the classpath: parents, children, ancestors and a stable topological
 * order. The processor already rejected cycles and unknown parents within each compilation; jars
 * combined at run time are checked again here.
 */
public final class JobGraph {
  private final Map<String, JobSpec> jobs = new TreeMap<>();
  private final Map<String, Set<String>> children = new TreeMap<>();
  private final List<String> topologicalOrder;

  public JobGraph(Collection<JobSpec> specs) {
    for (JobSpec spec : specs) {
      jobs.put(spec.name(), spec);
      children.put(spec.name(), new TreeSet<>());
    }
    for (JobSpec spec : specs) {
      for (String parent : spec.parents()) {
        if (!jobs.containsKey(parent)) {
          throw new IllegalStateException(
              "job '"
                  + spec.name()
                  + "' needs parent '"
                  + parent
                  + "', which is not on the classpath: add the jar that defines it");
        }
        children.get(parent).add(spec.name());
      }
    }
    topologicalOrder = sort();
  }

  public JobSpec job(String name) {
    JobSpec spec = jobs.get(name);
    if (spec == null) {
      throw new IllegalArgumentException(unknownJob(name, jobs.keySet()));
    }
    return spec;
  }

  /**
   * What every command and the config say about a job name that is not among {@code known}: the
   * closest names, if any is a likely typo, then all of them.
   */
  public static String unknownJob(String name, Collection<String> known) {
    return "unknown job '"
        + name
        + "'"
        + Suggestions.didYouMean(name, known)
        + (known.isEmpty()
            ? "; no jobs are on the classpath"
            : "; jobs: " + String.join(", ", new TreeSet<>(known)));
  }

  public boolean contains(String name) {
    return jobs.containsKey(name);
  }

  public Set<String> names() {
    return jobs.keySet();
  }

  public Set<String> children(String name) {
    return children.get(name);
  }

  /** Parents first; ties broken by name, so the order is the same on every machine. */
  public List<String> topologicalOrder() {
    return topologicalOrder;
  }

  public Set<String> ancestors(String name) {
    return closure(name, true);
  }

  public Set<String> descendants(String name) {
    return closure(name, false);
  }

  /** The jobs of {@code subset}, in topological order. */
  public List<String> ordered(Set<String> subset) {
    return topologicalOrder.stream().filter(subset::contains).toList();
  }

  private Set<String> closure(String name, boolean up) {
    Set<String> seen = new TreeSet<>();
    Deque<String> pending = new ArrayDeque<>(up ? job(name).parents() : children(name));
    while (!pending.isEmpty()) {
      String next = pending.removeFirst();
      if (seen.add(next)) {
        pending.addAll(up ? job(next).parents() : children(next));
      }
    }
    return seen;
  }

  private List<String> sort() {
    Map<String, Integer> waiting = new TreeMap<>();
    jobs.values().forEach(j -> waiting.put(j.name(), new LinkedHashSet<>(j.parents()).size()));
    TreeSet<String> ready = new TreeSet<>();
    waiting.forEach(
        (name, count) -> {
          if (count == 0) {
            ready.add(name);
          }
        });
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String next = ready.pollFirst();
      order.add(next);
      for (String child : children.get(next)) {
        if (waiting.merge(child, -1, Integer::sum) == 0) {
          ready.add(child);
        }
      }
    }
    if (order.size() != jobs.size()) {
      Set<String> stuck = new TreeSet<>(jobs.keySet());
      order.forEach(stuck::remove);
      throw new IllegalStateException("jobs on the classpath form a cycle among " + stuck);
    }
    return List.copyOf(order);
  }
}
