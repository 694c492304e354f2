package io.klio.runtime.execution;

/**
 * How long a job method ran for the elements a run computed: the median and 95th percentile from
 * {@link DurationBuckets} (within a bucket's width, about 19%), the maximum exactly.
 *
 * @param count the computed elements counted
 */
public record JobDurations(long count, double p50Millis, double p95Millis, long maxMillis) {
  public static final JobDurations NONE = new JobDurations(0, -1, -1, -1);
}
