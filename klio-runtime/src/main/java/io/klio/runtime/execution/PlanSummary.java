package io.klio.runtime.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a plan found a run would do, per job: compute (output missing, stale or forced), skip, or
 * leave blocked (an input missing, or a parent blocked); the storage requests it needs; and its CPU
 * time, estimated from the running times that the records of the job's existing outputs show (their
 * median, times the elements to compute).
 */
public final class PlanSummary {
  /** Requests to read and write besides the checks: a local file takes one, an object three. */
  private static final int LOCAL_WRITE = 1;

  private static final int OBJECT_WRITE = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One job's part of the plan. */
  public record JobPlan(
      String job,
      long missing,
      long stale,
      long forced,
      long skip,
      long blocked,
      long noRecord,
      long checkRequests,
      long readWriteRequests,
      double medianMillis,
      long recordedDurations) {

    public long compute() {
      return missing + stale + forced;
    }

    /** The estimated CPU time in milliseconds; -1 if no record shows a running time. */
    public double cpuMillis() {
      return medianMillis < 0 ? (compute() == 0 ? 0 : -1) : compute() * medianMillis;
    }
  }

  private final List<JobPlan> jobs;
  private final long deadLetters;

  private PlanSummary(List<JobPlan> jobs, long deadLetters) {
    this.jobs = jobs;
    this.deadLetters = deadLetters;
  }

  /** The plan of a finished plan pipeline over {@code graph}'s jobs that {@code run} counted. */
  public static PlanSummary of(RunSummary run, JobGraph graph, Map<String, String> variables) {
    Map<String, JobSpec> jobs = new LinkedHashMap<>();
    run.jobs().forEach(name -> jobs.put(name, graph.job(name)));
    return of(run, jobs, variables);
  }

  public static PlanSummary of(
      RunSummary run, Map<String, JobSpec> jobs, Map<String, String> variables) {
    List<JobPlan> plans = new ArrayList<>();
    jobs.forEach(
        (name, spec) -> {
          Map<String, Long> counters = run.counters(name);
          Map<Integer, Long> durations = new TreeMap<>();
          counters.forEach(
              (counter, count) -> {
                if (counter.startsWith(JobCounters.DURATION_BUCKET)) {
                  durations.put(
                      Integer.parseInt(counter.substring(JobCounters.DURATION_BUCKET.length())),
                      count);
                }
              });
          long missing = run.count(name, JobCounters.PLAN_MISSING);
          long stale = run.count(name, JobCounters.PLAN_STALE);
          long forced = run.count(name, JobCounters.PLAN_FORCED);
          long compute = missing + stale + forced;
          int write =
              Storage.isLocal(Locations.render(spec.output().location(), "id", variables))
                  ? LOCAL_WRITE
                  : OBJECT_WRITE;
          // per element: read each input, write the output and its record; a replaced output also
          // has its pending mark written and removed, and its old record removed
          long readWrite = compute * (spec.inputs().size() + write + 1) + (stale + forced) * 3;
          plans.add(
              new JobPlan(
                  name,
                  missing,
                  stale,
                  forced,
                  run.count(name, JobCounters.SKIPPED),
                  run.count(name, JobCounters.PLAN_INPUT_MISSING)
                      + run.count(name, JobCounters.BLOCKED_BY_PARENT),
                  run.count(name, JobCounters.NO_RECORD),
                  run.count(name, JobCounters.STORAGE_REQUESTS),
                  readWrite,
                  DurationBuckets.median(durations),
                  durations.values().stream().mapToLong(Long::longValue).sum()));
        });
    return new PlanSummary(plans, run.deadLetters());
  }

  public List<JobPlan> jobs() {
    return jobs;
  }

  /** Ids a run would dead-letter before any job (unsafe for a location, say). */
  public long deadLetters() {
    return deadLetters;
  }

  public String text() {
    int width = Math.max(3, jobs.stream().mapToInt(j -> j.job().length()).max().orElse(3));
    String header = "%-" + width + "s  %7s  %7s  %7s  %7s  %7s  %7s  %9s  %8s  %10s  %12s%n";
    String row = "%-" + width + "s  %7d  %7d  %7d  %7d  %7d  %7d  %9d  %8d  %10d  %12s%n";
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            header,
            "job",
            "compute",
            "missing",
            "stale",
            "forced",
            "skip",
            "blocked",
            "no-record",
            "checks",
            "read+write",
            "est. CPU"));
    long compute = 0;
    double cpu = 0;
    boolean cpuKnown = true;
    for (JobPlan job : jobs) {
      out.append(
          String.format(
              Locale.ROOT,
              row,
              job.job(),
              job.compute(),
              job.missing(),
              job.stale(),
              job.forced(),
              job.skip(),
              job.blocked(),
              job.noRecord(),
              job.checkRequests(),
              job.readWriteRequests(),
              duration(job.cpuMillis())));
      compute += job.compute();
      if (job.cpuMillis() < 0) {
        cpuKnown = false;
      } else {
        cpu += job.cpuMillis();
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "total: %d to compute; estimated CPU time %s%s%n",
            compute,
            duration(cpu),
            cpuKnown ? "" : " plus jobs with no recorded running time ('?')"));
    if (deadLetters > 0) {
      out.append("dead letters before any job: ").append(deadLetters).append('\n');
    }
    return out.toString();
  }

  public String json() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("jobs");
    for (JobPlan job : jobs) {
      ObjectNode entry = array.addObject();
      entry.put("job", job.job());
      ObjectNode compute = entry.putObject("compute");
      compute.put("missing", job.missing());
      compute.put("stale", job.stale());
      compute.put("forced", job.forced());
      compute.put("total", job.compute());
      entry.put("skip", job.skip());
      entry.put("blocked", job.blocked());
      entry.put("noRecord", job.noRecord());
      ObjectNode requests = entry.putObject("requests");
      requests.put("checks", job.checkRequests());
      requests.put("readWrite", job.readWriteRequests());
      if (job.medianMillis() >= 0) {
        entry.put("medianMillis", Math.round(job.medianMillis()));
      } else {
        entry.putNull("medianMillis");
      }
      entry.put("recordedDurations", job.recordedDurations());
      if (job.cpuMillis() >= 0) {
        entry.put("estimatedCpuMillis", Math.round(job.cpuMillis()));
      } else {
        entry.putNull("estimatedCpuMillis");
      }
    }
    root.put("deadLetters", deadLetters);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of strings and numbers always serialises
    }
  }

  /** 850 ms, 12.5 s, 3m 20s, 2h 05m; ? if unknown. */
  static String duration(double millis) {
    if (millis < 0) {
      return "?";
    }
    if (millis < 1_000) {
      return Math.round(millis) + " ms";
    }
    double seconds = millis / 1_000;
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long whole = Math.round(seconds);
    if (whole < 3_600) {
      return String.format(Locale.ROOT, "%dm %02ds", whole / 60, whole % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", whole / 3_600, (whole % 3_600) / 60);
  }
}
