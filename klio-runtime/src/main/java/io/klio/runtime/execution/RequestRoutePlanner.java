package io.klio.runtime.execution;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.InputSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Plans, for a job in per-job mode, how its bottom-up requests reach each job whose output it reads
 * and how the answers come back.
 *
 * <p>A request goes to the producer's input topic; the producer publishes its answer to its output
 * topic, which only its children read. For a parent that is the requester; for an earlier ancestor
 * ({@code @Input(from = "grandparent")}) the answer must travel down a DAG path, each job on it
 * taking the message and passing it on. So the route is the shortest such path whose jobs are wired
 * for it (ties broken by job name, so every worker plans the same), and the request is addressed to
 * every job on it. Where no path is wired, the route says why, and requests become dead letters
 * with that reason instead of waiting for an answer that cannot come.
 */
public final class RequestRoutePlanner {
  private final JobGraph graph;
  private final Map<String, JobTopics> topics;

  /**
   * @param topics each job's wiring by name; jobs without an entry have none
   */
  public RequestRoutePlanner(JobGraph graph, Map<String, JobTopics> topics) {
    this.graph = graph;
    this.topics = Map.copyOf(topics);
  }

  /** The routes of {@code requester}'s requests to every job whose output it reads. */
  public RequestRoutes plan(String requester, Duration requestTimeout) {
    Map<String, RequestRoute> routes = new LinkedHashMap<>();
    for (InputSpec input : graph.job(requester).inputs()) {
      input
          .fromJob()
          .ifPresent(producer -> routes.computeIfAbsent(producer, p -> route(p, requester)));
    }
    return new RequestRoutes(requester, routes, requestTimeout);
  }

  /** How a request from {@code requester} reaches {@code ancestor} and comes back, or why not. */
  public RequestRoute route(String ancestor, String requester) {
    if (!graph.ancestors(requester).contains(ancestor)) {
      throw new IllegalArgumentException(
          "'" + ancestor + "' is not an ancestor of '" + requester + "'");
    }
    JobTopics source = topics(ancestor);
    if (source.inputTopic().isEmpty()) {
      return RequestRoute.none(
          ancestor,
          requester,
          "'" + ancestor + "' has no events.inputTopic in klio.yaml to send it to");
    }
    if (source.inputSubscription().isEmpty()) {
      return RequestRoute.none(
          ancestor,
          requester,
          "'"
              + ancestor
              + "' has no"
              + " events.inputSubscription in klio.yaml, so it does not run in per-job mode");
    }
    if (source.outputTopic().isEmpty()) {
      return RequestRoute.none(
          ancestor,
          requester,
          "'"
              + ancestor
              + "' has no"
              + " events.outputTopic in klio.yaml to publish its answer to");
    }
    Optional<List<String>> wired =
        shortestPath(ancestor, requester, (u, v) -> hopProblem(ancestor, u, v) == null);
    if (wired.isPresent()) {
      return RequestRoute.along(wired.get(), source.inputTopic().get());
    }
    List<String> path = shortestPath(ancestor, requester, (u, v) -> true).orElseThrow();
    for (int i = 0; i + 1 < path.size(); i++) {
      String problem = hopProblem(ancestor, path.get(i), path.get(i + 1));
      if (problem != null) {
        return RequestRoute.none(
            ancestor,
            requester,
            "no DAG path is wired for the answer; on the shortest, "
                + String.join(" → ", path)
                + ", "
                + problem);
      }
    }
    throw new IllegalStateException("no wired path, yet " + path + " has no problem");
  }

  /**
   * Why the answer cannot travel from {@code from} to its child {@code to}, or null if it can:
   * {@code from} must publish it (and, unless it is the ancestor, run in per-job mode to take it at
   * all), and {@code to} must read what {@code from} publishes.
   */
  private String hopProblem(String ancestor, String from, String to) {
    JobTopics sender = topics(from);
    if (!from.equals(ancestor) && sender.inputSubscription().isEmpty()) {
      return "'"
          + from
          + "' has no events.inputSubscription, so it does not run in per-job mode to"
          + " pass the answer on";
    }
    if (sender.outputTopic().isEmpty()) {
      return "'" + from + "' has no events.outputTopic to pass the answer on";
    }
    Optional<String> reads = topics(to).inputTopic();
    if (reads.isPresent() && !reads.get().equals(sender.outputTopic().get())) {
      return "'"
          + to
          + "' reads "
          + reads.get()
          + " (events.inputTopic), not "
          + sender.outputTopic().get()
          + " where '"
          + from
          + "' passes the answer on";
    }
    return null;
  }

  /**
   * The shortest DAG path from {@code ancestor} down to {@code requester} whose every hop {@code
   * usable} accepts, found breadth-first upwards from the requester, parents in name order.
   */
  private Optional<List<String>> shortestPath(
      String ancestor, String requester, BiPredicate<String, String> usable) {
    Set<String> between = graph.descendants(ancestor);
    Map<String, String> below = new HashMap<>();
    Set<String> seen = new HashSet<>(Set.of(requester));
    Deque<String> pending = new ArrayDeque<>(List.of(requester));
    while (!pending.isEmpty()) {
      String job = pending.removeFirst();
      for (String parent : new TreeSet<>(graph.job(job).parents())) {
        boolean onTheWay = parent.equals(ancestor) || between.contains(parent);
        if (onTheWay && !seen.contains(parent) && usable.test(parent, job)) {
          seen.add(parent);
          below.put(parent, job);
          if (parent.equals(ancestor)) {
            List<String> path = new ArrayList<>();
            for (String step = ancestor; step != null; step = below.get(step)) {
              path.add(step);
            }
            return Optional.of(path);
          }
          pending.addLast(parent);
        }
      }
    }
    return Optional.empty();
  }

  private JobTopics topics(String job) {
    return topics.getOrDefault(job, JobTopics.NONE);
  }
}
