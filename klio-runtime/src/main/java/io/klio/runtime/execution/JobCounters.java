package io.klio.runtime.execution;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The Beam counters of one job, in the namespace {@code klio/<job>}: every element a job sees ends
 * in exactly one of them, so nothing is dropped unseen. The names are public: they are the columns
 * of the counters table, and tools read them from {@link RunSummary#count}.
 */
public final class JobCounters {
  static final String NAMESPACE_PREFIX = "klio/";
  public static final String PROCESSED = "processed";
  public static final String SKIPPED = "skipped-output-exists";
  public static final String PASSED_ON = "passed-on-not-recipient";
  public static final String DROPPED = "dropped-not-recipient";
  public static final String PINGED = "pinged";
  public static final String DEAD_LETTERED = "dead-lettered";
  public static final String RETRIED = "retried";
  public static final String REQUESTED_UPSTREAM = "requested-upstream";

  /** Whole-DAG runs: elements the job never got because a parent in the run failed for them. */
  public static final String BLOCKED_BY_PARENT = "blocked-by-parent";

  /** Not an outcome: of the elements processed, those whose output was stale ({@code --stale}). */
  public static final String STALE = "stale-recomputed";

  /** Not an outcome: outputs found without a provenance record ({@code --stale}, plans). */
  public static final String NO_RECORD = "no-record";

  /** Plans: elements a run would compute because their output is missing, stale or forced. */
  public static final String PLAN_MISSING = "would-compute-missing";

  public static final String PLAN_STALE = "would-compute-stale";
  public static final String PLAN_FORCED = "would-compute-forced";

  /** Plans: elements a run would dead-letter because an input is missing. */
  public static final String PLAN_INPUT_MISSING = "would-fail-input-missing";

  /**
   * Plans: recorded running times of the job method, counted per bucket (see {@link
   * DurationBuckets}).
   */
  public static final String DURATION_BUCKET = "recorded-duration-bucket-";

  /** Runs: running times of the job method for the elements it computed, counted per bucket. */
  public static final String RUN_DURATION_BUCKET = "duration-bucket-";

  /** Runs: the same running times as a Beam distribution, for their exact maximum. */
  public static final String DURATION_MILLIS = "duration-millis";

  /**
   * Not an outcome: the requests the job sent to its stores (lookups, listing pages, reads,
   * writes).
   */
  public static final String STORAGE_REQUESTS = "storage-requests";

  final Counter processed;
  final Counter skipped;
  final Counter passedOn;
  final Counter dropped;
  final Counter pinged;
  final Counter deadLettered;
  final Counter retried;
  final Counter requestedUpstream;
  final Counter blockedByParent;
  final Counter storageRequests;
  final Counter stale;
  final Counter noRecord;
  final Counter planMissing;
  final Counter planStale;
  final Counter planForced;
  final Counter planInputMissing;
  private final Distribution durations;
  private final String namespace;

  JobCounters(String job) {
    namespace = NAMESPACE_PREFIX + job;
    processed = Metrics.counter(namespace, PROCESSED);
    skipped = Metrics.counter(namespace, SKIPPED);
    passedOn = Metrics.counter(namespace, PASSED_ON);
    dropped = Metrics.counter(namespace, DROPPED);
    pinged = Metrics.counter(namespace, PINGED);
    deadLettered = Metrics.counter(namespace, DEAD_LETTERED);
    retried = Metrics.counter(namespace, RETRIED);
    requestedUpstream = Metrics.counter(namespace, REQUESTED_UPSTREAM);
    blockedByParent = Metrics.counter(namespace, BLOCKED_BY_PARENT);
    storageRequests = Metrics.counter(namespace, STORAGE_REQUESTS);
    stale = Metrics.counter(namespace, STALE);
    noRecord = Metrics.counter(namespace, NO_RECORD);
    planMissing = Metrics.counter(namespace, PLAN_MISSING);
    planStale = Metrics.counter(namespace, PLAN_STALE);
    planForced = Metrics.counter(namespace, PLAN_FORCED);
    planInputMissing = Metrics.counter(namespace, PLAN_INPUT_MISSING);
    durations = Metrics.distribution(namespace, DURATION_MILLIS);
  }

  /** Counts one recorded running time of the job method in its bucket. */
  void recordedDuration(long millis) {
    Metrics.counter(namespace, DURATION_BUCKET + DurationBuckets.bucket(millis)).inc();
  }

  /** Counts how long the job method ran for an element it computed in this run. */
  void computedIn(long millis) {
    Metrics.counter(namespace, RUN_DURATION_BUCKET + DurationBuckets.bucket(millis)).inc();
    durations.update(millis);
  }
}
