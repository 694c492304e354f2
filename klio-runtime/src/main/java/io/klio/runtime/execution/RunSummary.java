package io.klio.runtime.execution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.metrics.StringSetResult;

/** The counters of a finished run, per job, printed as a table at the end of a local run. */
public final class RunSummary {
  /** The counters of the outcomes a report colours jobs by. */
  public static final String PROCESSED = JobCounters.PROCESSED;

  public static final String SKIPPED = JobCounters.SKIPPED;
  public static final String DEAD_LETTERED = JobCounters.DEAD_LETTERED;
  public static final String BLOCKED_BY_PARENT = JobCounters.BLOCKED_BY_PARENT;

  private static final List<String> COLUMNS =
      List.of(
          JobCounters.PROCESSED,
          JobCounters.SKIPPED,
          JobCounters.PINGED,
          JobCounters.PASSED_ON,
          JobCounters.DROPPED,
          JobCounters.RETRIED,
          JobCounters.REQUESTED_UPSTREAM,
          JobCounters.DEAD_LETTERED,
          JobCounters.BLOCKED_BY_PARENT,
          PerJobPipeline.UNPARSEABLE,
          ElementSerialJobDoFn.REQUESTS_UNANSWERED,
          JobCounters.STORAGE_REQUESTS);

  /**
   * Columns shown only when a job counted something in them: provenance checks ({@code --stale}).
   */
  private static final List<String> OPTIONAL_COLUMNS =
      List.of(JobCounters.STALE, JobCounters.NO_RECORD);

  /** Columns that count something other than how an element ended. */
  private static final List<String> NOT_OUTCOMES =
      List.of(
          JobCounters.RETRIED,
          ElementSerialJobDoFn.REQUESTS_UNANSWERED,
          JobCounters.STORAGE_REQUESTS);

  private final List<String> jobs;
  private final Map<String, Map<String, Long>> counts;
  private final long deadLetters;
  private final long idsRead;
  private final Map<String, Long> maxMillis;
  private final List<ElementDuration> slowest;

  private RunSummary(
      List<String> jobs,
      Map<String, Map<String, Long>> counts,
      long deadLetters,
      long idsRead,
      Map<String, Long> maxMillis,
      List<ElementDuration> slowest) {
    this.jobs = jobs;
    this.counts = counts;
    this.deadLetters = deadLetters;
    this.idsRead = idsRead;
    this.maxMillis = maxMillis;
    this.slowest = slowest;
  }

  public static RunSummary of(PipelineResult result, List<String> jobs) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    long deadLetters = 0;
    long idsRead = 0;
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    for (MetricResult<Long> counter : metrics.getCounters()) {
      String namespace = counter.getName().getNamespace();
      long value = counter.getAttempted();
      if (namespace.startsWith(JobCounters.NAMESPACE_PREFIX)) {
        counts
            .computeIfAbsent(
                namespace.substring(JobCounters.NAMESPACE_PREFIX.length()), j -> new TreeMap<>())
            .merge(counter.getName().getName(), value, Long::sum);
      } else if (namespace.equals(DeadLetterSink.NAMESPACE)
          && counter.getName().getName().equals(DeadLetterSink.COUNTER)) {
        deadLetters += value;
      } else if (namespace.equals(DeadLetterSink.NAMESPACE)
          && counter.getName().getName().equals(DagPipeline.IDS_READ)) {
        idsRead += value;
      }
    }
    Map<String, Long> maxMillis = new HashMap<>();
    for (MetricResult<DistributionResult> distribution : metrics.getDistributions()) {
      String namespace = distribution.getName().getNamespace();
      if (namespace.startsWith(JobCounters.NAMESPACE_PREFIX)
          && distribution.getName().getName().equals(JobCounters.DURATION_MILLIS)
          && distribution.getAttempted().getCount() > 0) {
        maxMillis.merge(
            namespace.substring(JobCounters.NAMESPACE_PREFIX.length()),
            distribution.getAttempted().getMax(),
            Math::max);
      }
    }
    List<ElementDuration> slowest = new ArrayList<>();
    for (MetricResult<StringSetResult> set : metrics.getStringSets()) {
      if (set.getName().getNamespace().equals(DeadLetterSink.NAMESPACE)
          && set.getName().getName().equals(SlowestElements.METRIC)) {
        set.getAttempted()
            .getStringSet()
            .forEach(encoded -> ElementDuration.decode(encoded).ifPresent(slowest::add));
      }
    }
    slowest.sort(
        Comparator.comparingLong(ElementDuration::millis)
            .reversed()
            .thenComparing(ElementDuration::job)
            .thenComparing(ElementDuration::id));
    return new RunSummary(
        jobs,
        counts,
        deadLetters,
        idsRead,
        maxMillis,
        List.copyOf(slowest.subList(0, Math.min(SlowestElements.KEPT, slowest.size()))));
  }

  /**
   * How long {@code job}'s method ran for the elements this run computed; {@link JobDurations#NONE}
   * if it computed none.
   */
  public JobDurations durations(String job) {
    Map<Integer, Long> buckets = new TreeMap<>();
    counters(job)
        .forEach(
            (counter, count) -> {
              if (counter.startsWith(JobCounters.RUN_DURATION_BUCKET)) {
                buckets.put(
                    Integer.parseInt(counter.substring(JobCounters.RUN_DURATION_BUCKET.length())),
                    count);
              }
            });
    long count = buckets.values().stream().mapToLong(Long::longValue).sum();
    if (count == 0) {
      return JobDurations.NONE;
    }
    long max = maxMillis.getOrDefault(job, -1L);
    // a bucket's middle may lie above the largest duration in it
    double ceiling = max < 0 ? Double.MAX_VALUE : max;
    return new JobDurations(
        count,
        Math.min(ceiling, DurationBuckets.quantile(buckets, 0.5)),
        Math.min(ceiling, DurationBuckets.quantile(buckets, 0.95)),
        max);
  }

  /**
   * The run's slowest computed elements, slowest first, at most {@value SlowestElements#KEPT};
   * empty where the runner reports no string-set metrics.
   */
  public List<ElementDuration> slowest() {
    return slowest;
  }

  /** The jobs of the run, in the order of the table's rows. */
  public List<String> jobs() {
    return jobs;
  }

  /** How many elements a job ended with under {@code counter}, 0 if none. */
  public long count(String job, String counter) {
    return counts.getOrDefault(job, Map.of()).getOrDefault(counter, 0L);
  }

  /** How many (job, element) pairs ended in any outcome so far. */
  public long outcomes() {
    long sum = 0;
    for (String job : jobs) {
      for (String column : COLUMNS) {
        if (!NOT_OUTCOMES.contains(column)) {
          sum += count(job, column);
        }
      }
    }
    return sum;
  }

  /** How many element ids the pipeline has read so far (given or from files). */
  public long idsRead() {
    return idsRead;
  }

  public long deadLetters() {
    return deadLetters;
  }

  /** Every counter of {@code job}, by name. */
  public Map<String, Long> counters(String job) {
    return counts.getOrDefault(job, Map.of());
  }

  /** The table's columns, and the provenance columns even where they count nothing. */
  public List<String> reportColumns() {
    List<String> columns = new ArrayList<>(COLUMNS);
    columns.addAll(columns.size() - 1, OPTIONAL_COLUMNS);
    return columns;
  }

  public String table() {
    int width = Math.max(3, jobs.stream().mapToInt(String::length).max().orElse(3));
    List<String> columns = new ArrayList<>(COLUMNS);
    for (String optional : OPTIONAL_COLUMNS) {
      if (jobs.stream().anyMatch(job -> count(job, optional) > 0)) {
        columns.add(columns.size() - 1, optional);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-" + width + "s", "job"));
    columns.forEach(c -> out.append("  ").append(c));
    out.append('\n');
    for (String job : jobs) {
      out.append(String.format("%-" + width + "s", job));
      for (String column : columns) {
        out.append("  ").append(String.format("%" + column.length() + "d", count(job, column)));
      }
      out.append('\n');
    }
    out.append("dead letters: ").append(deadLetters).append('\n');
    return out.toString();
  }
}
