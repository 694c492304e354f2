package io.klio.runtime.execution;

import java.util.Map;
import java.util.TreeMap;

/**
 * Running times counted in buckets a quarter of a power of two wide (about 19%), so that a run's
 * counters, which every runner sums, can carry the distribution of millions of durations and a plan
 * can take its median from them.
 */
public final class DurationBuckets {
  private static final int PER_DOUBLING = 4;

  private DurationBuckets() {}

  /** The bucket of {@code millis}: 0 for 0 ms, then {@code floor(4 log2(millis + 1))}. */
  static int bucket(long millis) {
    return (int) Math.floor(PER_DOUBLING * Math.log(Math.max(0, millis) + 1.0) / Math.log(2));
  }

  /** The middle of a bucket, in milliseconds. */
  static double middle(int bucket) {
    return Math.pow(2, (bucket + 0.5) / PER_DOUBLING) - 1;
  }

  /**
   * The median of the counted durations in milliseconds, within a bucket's width; -1 if none were
   * counted.
   *
   * @param counts the count per bucket
   */
  public static double median(Map<Integer, Long> counts) {
    return quantile(counts, 0.5);
  }

  /**
   * The {@code q}-quantile (0.95 for the 95th percentile) of the counted durations in milliseconds,
   * within a bucket's width; -1 if none were counted.
   */
  public static double quantile(Map<Integer, Long> counts, double q) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return -1;
    }
    long seen = 0;
    for (Map.Entry<Integer, Long> bucket : new TreeMap<>(counts).entrySet()) {
      seen += bucket.getValue();
      if (seen >= q * total) {
        return Math.max(0, middle(bucket.getKey()));
      }
    }
    return Math.max(0, middle(new TreeMap<>(counts).lastKey()));
  }
}
