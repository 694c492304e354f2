package io.klio.processor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Every job this compilation can see, local and from the classpath, linked by name. */
public final class Dag {
  private final Map<String, List<JobModel>> byName = new TreeMap<>();

  public Dag(Collection<JobModel> jobs) {
    for (JobModel job : jobs) {
      byName.computeIfAbsent(job.name(), n -> new ArrayList<>()).add(job);
    }
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** All jobs that claim {@code name}; more than one is an error. */
  public List<JobModel> claimants(String name) {
    return byName.getOrDefault(name, List.of());
  }

  public Optional<JobModel> job(String name) {
    List<JobModel> jobs = byName.get(name);
    return jobs == null ? Optional.empty() : Optional.of(jobs.get(0));
  }

  /**
   * Every job reachable through {@code parents} links, not including {@code name} unless in a
   * cycle.
   */
  public Set<String> ancestors(String name) {
    Set<String> seen = new TreeSet<>();
    Deque<String> pending = new ArrayDeque<>();
    job(name).ifPresent(j -> pending.addAll(j.parents()));
    while (!pending.isEmpty()) {
      String next = pending.removeFirst();
      if (seen.add(next)) {
        job(next).ifPresent(j -> pending.addAll(j.parents()));
      }
    }
    return seen;
  }

  /**
   * Whether {@code ancestor} is reachable from {@code name} through {@code parents} links and is
   * not {@code name} itself; stops as soon as it is found, so usually after the first parents.
   */
  public boolean isAncestor(String name, String ancestor) {
    if (ancestor.equals(name)) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    job(name).ifPresent(j -> pending.addAll(j.parents()));
    while (!pending.isEmpty()) {
      String next = pending.removeFirst();
      if (next.equals(ancestor)) {
        return true;
      }
      if (seen.add(next)) {
        job(next).ifPresent(j -> pending.addAll(j.parents()));
      }
    }
    return false;
  }

  /**
   * The job whose output an input reads: its {@code from}, or the only parent when {@code from} is
   * left out; empty for external locations and for unresolvable inputs.
   */
  public static Optional<String> producer(JobModel job, Parameter input) {
    if (input.hasLocation()) {
      return Optional.empty();
    }
    if (input.hasFrom()) {
      return Optional.of(input.from());
    }
    return job.parents().size() == 1 ? Optional.of(job.parents().get(0)) : Optional.empty();
  }

  /** Each cycle once, as the list of jobs along it (strongly connected components of size > 1). */
  public List<List<String>> cycles() {
    Map<String, Integer> index = new LinkedHashMap<>();
    Map<String, Integer> low = new LinkedHashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> components = new ArrayList<>();
    for (String name : byName.keySet()) {
      if (!index.containsKey(name)) {
        strongConnect(name, index, low, stack, onStack, components);
      }
    }
    return components;
  }

  private void strongConnect(
      String name,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<List<String>> components) {
    index.put(name, index.size());
    low.put(name, index.get(name));
    stack.push(name);
    onStack.add(name);
    for (String parent : job(name).map(JobModel::parents).orElse(List.of())) {
      if (!byName.containsKey(parent) || parent.equals(name)) {
        continue;
      }
      if (!index.containsKey(parent)) {
        strongConnect(parent, index, low, stack, onStack, components);
        low.put(name, Math.min(low.get(name), low.get(parent)));
      } else if (onStack.contains(parent)) {
        low.put(name, Math.min(low.get(name), index.get(parent)));
      }
    }
    if (low.get(name).equals(index.get(name))) {
      List<String> component = new ArrayList<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(name));
      if (component.size() > 1) {
        components.add(orderAlongEdges(component));
      }
    }
  }

  /**
   * A cycle through a component, for printing: the shortest walk along child links from the
   * component's smallest name back to it (breadth first), so that each job printed is a parent of
   * the next and the last one a parent of the first.
   */
  private List<String> orderAlongEdges(List<String> component) {
    Set<String> members = new TreeSet<>(component);
    String start = members.iterator().next();
    Map<String, String> reachedFrom = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    Set<String> seen = new HashSet<>(List.of(start));
    while (!queue.isEmpty()) {
      String current = queue.removeFirst();
      for (String child : members) {
        if (!job(child).map(j -> j.parents().contains(current)).orElse(false)) {
          continue;
        }
        if (child.equals(start)) {
          List<String> cycle = new ArrayList<>();
          for (String step = current; step != null; step = reachedFrom.get(step)) {
            cycle.add(0, step);
          }
          return cycle;
        }
        if (seen.add(child)) {
          reachedFrom.put(child, current);
          queue.addLast(child);
        }
      }
    }
    throw new IllegalStateException("not strongly connected: " + component);
  }
}
