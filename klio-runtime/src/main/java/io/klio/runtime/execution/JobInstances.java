package io.klio.runtime.execution;

import io.klio.runtime.job.JobInvoker;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The instances that instance-method jobs run on, shared by every thread of a worker (JVM). A call
 * borrows an instance and gives it back, so no instance is ever used by two calls at once (a model
 * need not be thread-safe), and instances are built only when a call needs one: at most as many as
 * the job's calls that ever ran at the same time, bounded by its {@code maxConcurrency}. Static
 * methods need none.
 */
final class JobInstances {
  /** Idle instances per generated invoker class (unique per job and class loader). */
  private static final Map<Class<?>, Queue<Object>> IDLE = new ConcurrentHashMap<>();

  private JobInstances() {}

  /** An idle instance, or a new one; null for a static method. */
  static Object borrow(JobInvoker invoker) throws Exception {
    Object idle =
        IDLE.computeIfAbsent(invoker.getClass(), k -> new ConcurrentLinkedQueue<>()).poll();
    return idle != null ? idle : invoker.newTarget();
  }

  /** Makes {@code target} available to the next call. */
  static void giveBack(JobInvoker invoker, Object target) {
    if (target != null) {
      IDLE.get(invoker.getClass()).add(target);
    }
  }
}
