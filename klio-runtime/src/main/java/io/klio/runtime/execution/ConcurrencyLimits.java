package io.klio.runtime.execution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What bounds the calls of a job's method on one worker (JVM): slots for the calls that run, and a
 * count of the calls abandoned after their timeout that still run because they ignore interrupts. A
 * runner creates one DoFn instance per thread, and a streaming worker may run hundreds of threads,
 * so the bounds live here, shared by every instance of the job in the JVM, rather than in an
 * instance.
 */
final class ConcurrencyLimits {
  private static final Map<String, Semaphore> SLOTS = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> ABANDONED = new ConcurrentHashMap<>();

  private ConcurrencyLimits() {}

  /** The shared slots of {@code job} with {@code limit} permits. */
  static Semaphore slots(String job, int limit) {
    return SLOTS.computeIfAbsent(job + "\u0000" + limit, k -> new Semaphore(limit, true));
  }

  /** How many abandoned calls of {@code job} are still running on this worker. */
  static AtomicInteger abandoned(String job) {
    return ABANDONED.computeIfAbsent(job, k -> new AtomicInteger());
  }
}
