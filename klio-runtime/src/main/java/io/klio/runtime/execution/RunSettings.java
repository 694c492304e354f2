package io.klio.runtime.execution;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every job of a run shares: the template variables, the per-job settings and whether jobs
 * relay messages that are not for them (whole-DAG mode) or drop them (per-job mode, as the
 * original Klio does).
 */
public final class RunSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * How often one message may reach one job: a bottom-up request legitimately brings a message
   * back to the job that asked (twice); a third visit means the message is going round in a loop.
   */
  public static final int DEFAULT_MAX_VISITS = 3;

  private final TreeMap<String, String> variables;
  private final TreeMap<String, JobSettings> jobs;
  private final boolean relay;
  private final String gcpProject;
  private final int maxVisits;
  private final RequestRoutes requestRoutes;

  public RunSettings(
      Map<String, String> variables, Map<String, JobSettings> jobs, boolean relay, String gcpProject) {
    this(variables, jobs, relay, gcpProject, RequestRoutes.NONE);
  }

  private RunSettings(
      Map<String, String> variables,
      Map<String, JobSettings> jobs,
      boolean relay,
      String gcpProject,
      RequestRoutes requestRoutes) {
    this.variables = new TreeMap<>(variables);
    this.jobs = new TreeMap<>(jobs);
    this.relay = relay;
    this.gcpProject = gcpProject;
    this.maxVisits = DEFAULT_MAX_VISITS;
    this.requestRoutes = requestRoutes;
  }

  /** These settings for a per-job run whose job sends its bottom-up requests along {@code routes}. */
  public RunSettings withRequestRoutes(RequestRoutes routes) {
    return new RunSettings(variables, jobs, relay, gcpProject, routes);
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

  /** Per-job mode: how the job's bottom-up requests travel; none in whole-DAG mode. */
  public RequestRoutes requestRoutes() {
    return requestRoutes;
  }
}
