package io.klio.runtime.execution;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the timeouts of job calls that run on the caller's own thread, so that a call costs no
 * hand-off to another thread. When a call overruns, the watchdog interrupts the thread and runs the
 * call's timeout action; from then on the call is abandoned: whatever it returns is ignored, and
 * its thread only cleans up and leaves.
 *
 * <p>The watchdog's one thread looks at the running calls every {@value #TICK_MILLIS} ms, so a
 * timeout fires up to that much late. Starting and finishing a call only adds it to and removes it
 * from a concurrent set: a per-call timer would wake the timer thread at every call.
 */
final class CallWatchdog {
  private static final Logger LOG = LoggerFactory.getLogger(CallWatchdog.class);
  static final long TICK_MILLIS = 50;
  private static final Set<Call> CALLS = ConcurrentHashMap.newKeySet();

  static {
    Thread watchdog = new Thread(CallWatchdog::watch, "klio-call-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private CallWatchdog() {}

  /**
   * Starts timing a call about to run on the current thread; {@code onTimeout} runs on the
   * watchdog's thread if {@link Call#finish()} is not called within {@code timeout}.
   */
  static Call start(Duration timeout, Runnable onTimeout) {
    Call call = new Call(Thread.currentThread(), System.nanoTime() + timeout.toNanos(), onTimeout);
    CALLS.add(call);
    return call;
  }

  /** One timed call. */
  static final class Call {
    private static final int RUNNING = 0;
    private static final int TIMING_OUT = 1;
    private static final int TIMED_OUT = 2;
    private static final int FINISHED = 3;

    private final Thread thread;
    private final long deadline;
    private final Runnable onTimeout;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private Call(Thread thread, long deadline, Runnable onTimeout) {
      this.thread = thread;
      this.deadline = deadline;
      this.onTimeout = onTimeout;
    }

    /**
     * Ends the call on its own thread. Returns true if it ended in time; false if it timed out and
     * was abandoned, in which case the thread's interrupt status is cleared, so the thread can go
     * back to its pool unharmed.
     */
    boolean finish() {
      if (state.compareAndSet(RUNNING, FINISHED)) {
        CALLS.remove(this);
        return true;
      }
      while (state.get() == TIMING_OUT) {
        Thread.onSpinWait(); // the interrupt is on its way: take it before clearing
      }
      Thread.interrupted();
      return false;
    }

    private void timeOut() {
      if (state.compareAndSet(RUNNING, TIMING_OUT)) {
        thread.interrupt();
        state.set(TIMED_OUT);
        onTimeout.run();
      }
    }
  }

  private static void watch() {
    while (true) {
      try {
        TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
        long now = System.nanoTime();
        for (Call call : CALLS) {
          if (now - call.deadline >= 0) {
            CALLS.remove(call);
            call.timeOut();
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("a timeout action failed", e);
      }
    }
  }
}
