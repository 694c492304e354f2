package io.klio.runtime.execution;

import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import java.io.Serializable;
import java.util.List;

/**
 * How a job's bottom-up request for an ancestor's output travels in per-job mode, or why it cannot:
 * the DAG path from the ancestor down to the requesting job, and the ancestor's input topic, where
 * the request is published. Every job on the path is a recipient, so the answer comes back along it
 * to the requester.
 */
public final class RequestRoute implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> path; // the ancestor first, the requester last
  private final String topic; // null when there is no route
  private final String problem; // why there is no route; null when there is one

  private RequestRoute(List<String> path, String topic, String problem) {
    this.path = List.copyOf(path);
    this.topic = topic;
    this.problem = problem;
  }

  /** A route along {@code path} (ancestor first), starting at the ancestor's input topic. */
  static RequestRoute along(List<String> path, String topic) {
    if (path.size() < 2) {
      throw new IllegalArgumentException("a route needs an ancestor and a requester: " + path);
    }
    return new RequestRoute(path, topic, null);
  }

  /** No route from {@code ancestor} to {@code requester}, because of {@code problem}, a clause. */
  static RequestRoute none(String ancestor, String requester, String problem) {
    return new RequestRoute(List.of(ancestor, requester), null, problem);
  }

  public String ancestor() {
    return path.get(0);
  }

  public String requester() {
    return path.get(path.size() - 1);
  }

  /** The jobs the request is addressed to, the ancestor first and the requester last. */
  public List<String> path() {
    return path;
  }

  public boolean exists() {
    return problem == null;
  }

  /** Where the request is published: the ancestor's input topic. Only for a route that exists. */
  public String topic() {
    if (!exists()) {
      throw new IllegalStateException(problem);
    }
    return topic;
  }

  /** Why requests cannot travel, e.g. {@code 'parent' has no events.outputTopic ...}. */
  public String problem() {
    return problem;
  }

  /** The reason of the dead letter a request without a route becomes. */
  public String deadLetterReason() {
    return "input missing: job '"
        + ancestor()
        + "' must produce it, but a request cannot reach it"
        + " and come back to '"
        + requester()
        + "': "
        + problem;
  }

  /** {@code passed} as the request to publish: addressed to every job on the path. */
  public KlioMessage address(KlioMessage passed, String gcpProject) {
    return KlioMessages.requestAlong(
        passed, path.stream().map(job -> new JobRef(job, gcpProject)).toList());
  }

  /** {@code a → b → c}. */
  public String describePath() {
    return String.join(" → ", path);
  }

  @Override
  public String toString() {
    return exists() ? describePath() + " (requests to " + topic + ")" : "no route: " + problem;
  }
}
