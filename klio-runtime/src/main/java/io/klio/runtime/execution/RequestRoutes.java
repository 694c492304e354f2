package io.klio.runtime.execution;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The routes of one job's bottom-up requests in per-job mode, by the job that must produce the
 * missing input, and how long a request may wait for its answer before it is reported as
 * unanswered. Planned once, when the pipeline is built ({@link RequestRoutePlanner}), and carried
 * to the workers in the {@link RunSettings}.
 */
public final class RequestRoutes implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * How long a request waits for its answer unless {@code events.requestTimeout} says otherwise.
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  /** No routes: whole-DAG mode, which never sends requests. */
  public static final RequestRoutes NONE = new RequestRoutes("", Map.of(), DEFAULT_REQUEST_TIMEOUT);

  private final String requester;
  private final TreeMap<String, RequestRoute> byProducer;
  private final Duration requestTimeout;

  RequestRoutes(String requester, Map<String, RequestRoute> byProducer, Duration requestTimeout) {
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive, not " + requestTimeout);
    }
    this.requester = requester;
    this.byProducer = new TreeMap<>(byProducer);
    this.requestTimeout = requestTimeout;
  }

  /**
   * The route of requests for {@code producer}'s output; one without a path if none was planned.
   */
  public RequestRoute to(String producer) {
    RequestRoute route = byProducer.get(producer);
    return route != null
        ? route
        : RequestRoute.none(
            producer,
            requester,
            "no route was planned for it (per-job mode plans routes from klio.yaml's events)");
  }

  /** Every planned route, by producer name. */
  public Collection<RequestRoute> all() {
    return byProducer.values();
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }
}
