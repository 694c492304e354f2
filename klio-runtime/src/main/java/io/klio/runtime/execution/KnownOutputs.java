package io.klio.runtime.execution;

import java.util.HashSet;
import java.util.Set;

/**
 * What a bottom-up plan already learned about one job's outputs in a batch: the element ids whose
 * output it found there, and those it found missing. The job asks the store only about the rest, so
 * an output is looked up once per run, not once by the plan and again by its job.
 */
final class KnownOutputs {
  static final KnownOutputs NONE = new KnownOutputs();

  private final Set<String> existing = new HashSet<>();
  private final Set<String> missing = new HashSet<>();

  void found(String id, boolean exists) {
    (exists ? existing : missing).add(id);
  }

  boolean knows(String id) {
    return existing.contains(id) || missing.contains(id);
  }

  boolean exists(String id) {
    return existing.contains(id);
  }
}
