package io.klio.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  @Test
  void eachRetryWaitsBetweenHalfAndAllOfTwiceTheWaitBeforeUpToTenMinutes() {
    Duration first = Duration.ofMillis(250);
    for (int retry = 1; retry <= 40; retry++) {
      long full = Math.min(first.toNanos() << Math.min(retry - 1, 30), RetryBackoff.MAX.toNanos());
      Set<Long> seen = new HashSet<>();
      for (int sample = 0; sample < 200; sample++) {
        long delay = RetryBackoff.delay(first, retry).toNanos();
        assertThat(delay).as("retry %d", retry).isBetween(full / 2, full);
        seen.add(delay);
      }
      assertThat(seen).as("jitter at retry %d", retry).hasSizeGreaterThan(100);
    }
  }

  @Test
  void noDelayStaysNoDelay() {
    assertThat(RetryBackoff.delay(Duration.ZERO, 5)).isZero();
  }
}
