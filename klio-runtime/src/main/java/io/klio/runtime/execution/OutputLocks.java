package io.klio.runtime.execution;

/**
 * Striped locks over output locations, shared by every job instance in a JVM. Holding the lock of
 * an output while checking and computing it turns concurrent requests for one (job, element) into
 * one computation and skips.
 */
final class OutputLocks {
  private static final int STRIPES = 1024;
  private static final Object[] LOCKS = new Object[STRIPES];

  static {
    for (int i = 0; i < STRIPES; i++) {
      LOCKS[i] = new Object();
    }
  }

  private OutputLocks() {}

  static Object forLocation(String location) {
    return LOCKS[Math.floorMod(location.hashCode(), STRIPES)];
  }
}
