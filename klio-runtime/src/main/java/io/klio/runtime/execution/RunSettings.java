package io.klio.runtime.execution;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every job of a run shares: the template variables, the per-job settings and whether jobs
 * relay messages that are not for them (whole-DAG mode) or drop them (per-job mode, as the original
 * Klio does).
 */
public final class RunSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * How often one message may reach one job: a bottom-up request legitimately brings a message back
   * to the job that asked (twice); a third visit means the message is going round in a loop.
   */
  public static final int DEFAULT_MAX_VISITS = 3;

  private final TreeMap<String, String> variables;
  private final TreeMap<String, JobSettings> jobs;
  private final boolean relay;
  private final String gcpProject;
  private final int maxVisits;
  private final RequestRoutes requestRoutes;
  private final Provenance provenance;

  public RunSettings(
      Map<String, String> variables,
      Map<String, JobSettings> jobs,
      boolean relay,
      String gcpProject) {
    this(variables, jobs, relay, gcpProject, RequestRoutes.NONE, Provenance.DEFAULT);
  }

  private RunSettings(
      Map<String, String> variables,
      Map<String, JobSettings> jobs,
      boolean relay,
      String gcpProject,
      RequestRoutes requestRoutes,
      Provenance provenance) {
    this.variables = new TreeMap<>(variables);
    this.jobs = new TreeMap<>(jobs);
    this.relay = relay;
    this.gcpProject = gcpProject;
    this.maxVisits = DEFAULT_MAX_VISITS;
    this.requestRoutes = requestRoutes;
    this.provenance = provenance;
  }

  /**
   * These settings for a per-job run whose job sends its bottom-up requests along {@code routes}.
   */
  public RunSettings withRequestRoutes(RequestRoutes routes) {
    return new RunSettings(variables, jobs, relay, gcpProject, routes, provenance);
  }

  /** These settings with {@code provenance}'s staleness checks, plan mode and runner name. */
  public RunSettings withProvenance(Provenance provenance) {
    return new RunSettings(variables, jobs, relay, gcpProject, requestRoutes, provenance);
  }

  public Provenance provenance() {
    return provenance;
  }

  /** Whole-DAG settings with default job settings and no project. */
  public static RunSettings of(Map<String, String> variables) {
    return new RunSettings(variables, Map.of(), true, "");
  }

  /** The project in this job's identity on the wire ({@code project-job}), empty when local. */
  public String gcpProject() {
    return gcpProject;
  }

  public Map<String, String> variables() {
    return java.util.Collections.unmodifiableMap(variables);
  }

  public JobSettings job(String name) {
    return jobs.getOrDefault(name, JobSettings.DEFAULT);
  }

  public int maxVisits() {
    return maxVisits;
  }

  public boolean relay() {
    return relay;
  }

  /**
   * How a run treats provenance.
   *
   * @param stale recompute outputs whose record shows other code or data than now
   * @param unrecordedAreStale with {@code stale}: recompute outputs without a record too (else they
   *     count as current)
   * @param planOnly compute and write nothing; count what a run would do
   * @param runner the Beam runner's name, for the records
   */
  public record Provenance(
      boolean stale, boolean unrecordedAreStale, boolean planOnly, String runner)
      implements Serializable {
    public static final Provenance DEFAULT = new Provenance(false, false, false, "");
  }

  /** Per-job mode: how the job's bottom-up requests travel; none in whole-DAG mode. */
  public RequestRoutes requestRoutes() {
    return requestRoutes;
  }
}
