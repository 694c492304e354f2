package io.klio.runtime.execution;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a retry waits: exponential backoff with jitter. Retry {@code n} waits between half of
 * and the whole of {@code first * 2^(n-1)}, at most {@link #MAX}: doubling lets a store or service
 * that is failing recover, and the random part keeps the elements that failed together from all
 * coming back at the same moment.
 */
final class RetryBackoff {
  static final Duration MAX = Duration.ofMinutes(10);

  private RetryBackoff() {}

  /** The wait before retry {@code retry} (1 for the first). */
  static Duration delay(Duration first, int retry) {
    long ceiling = MAX.toNanos();
    long nanos = first.toNanos();
    for (int i = 1; i < retry && nanos < ceiling; i++) {
      nanos *= 2;
    }
    nanos = Math.min(nanos, ceiling);
    long half = nanos / 2;
    return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(nanos - half + 1));
  }
}
