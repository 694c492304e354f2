package io.klio.runtime.execution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The slots that bound concurrent calls of a job's method on one worker (JVM). A runner creates
 * one DoFn instance per thread, and a streaming worker may run hundreds of threads, so the bound
 * lives here, shared by every instance of the job in the JVM, rather than in an instance.
 */
final class ConcurrencyLimits {
  private static final Map<String, Semaphore> SLOTS = new ConcurrentHashMap<>();

  private ConcurrencyLimits() {}

  /** The shared slots of {@code job} with {@code limit} permits. */
  static Semaphore slots(String job, int limit) {
    return SLOTS.computeIfAbsent(job + "\u0000" + limit, k -> new Semaphore(limit, true));
  }
}
