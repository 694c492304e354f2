package io.klio.runtime.execution;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The Beam counters of one job, in the namespace {@code klio/<job>}: every element a job sees ends
 * in exactly one of them, so nothing is dropped unseen.
 */
final class JobCounters {
  static final String NAMESPACE_PREFIX = "klio/";
  static final String PROCESSED = "processed";
  static final String SKIPPED = "skipped-output-exists";
  static final String PASSED_ON = "passed-on-not-recipient";
  static final String DROPPED = "dropped-not-recipient";
  static final String PINGED = "pinged";
  static final String DEAD_LETTERED = "dead-lettered";
  static final String RETRIED = "retried";
  static final String REQUESTED_UPSTREAM = "requested-upstream";
  /** Whole-DAG runs: elements the job never got because a parent in the run failed for them. */
  static final String BLOCKED_BY_PARENT = "blocked-by-parent";
  /** Not an outcome: the requests the job sent to its stores (lookups, listing pages, reads, writes). */
  static final String STORAGE_REQUESTS = "storage-requests";

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

  JobCounters(String job) {
    String namespace = NAMESPACE_PREFIX + job;
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
  }
}
