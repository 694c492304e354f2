package io.klio.runtime.execution;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

/**
 * How one job runs: how long one element may take, how often a failure is retried, and where
 * dead letters go (empty: the run's default).
 */
public record JobSettings(Duration timeout, int retries, Optional<String> deadLetterLocation)
    implements Serializable {
  public static final JobSettings DEFAULT = new JobSettings(Duration.ofMinutes(30), 0, Optional.empty());

  public JobSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + timeout);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
    }
  }
}
