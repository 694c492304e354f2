package io.klio.runtime.message;

import java.lang.management.ManagementFactory;

/**
 * The bytes the current thread allocates, as the JVM counts them (HotSpot's per-thread counter).
 */
public final class Allocations {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocations() {}

  /** Bytes allocated by this thread so far; subtract two readings for what happened between. */
  public static long current() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  /**
   * What reading {@code inputBytes} bytes may allocate: a few times the input (copies of its
   * strings and byte fields), plus 32 MB for the objects of a message, whatever the bytes claim.
   */
  public static long boundFor(int inputBytes) {
    return 4L * inputBytes + (32L << 20);
  }
}
