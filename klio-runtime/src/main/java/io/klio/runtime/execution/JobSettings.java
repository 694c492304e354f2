package io.klio.runtime.execution;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one job runs: how long one element may take, how often a failure is retried, where dead
 * letters go (empty: the run's default) and how many elements a worker computes at once (0: as
 * many as the worker has cores).
 */
public final class JobSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final JobSettings DEFAULT =
      new JobSettings(Duration.ofMinutes(30), 0, Optional.empty(), 0);

  private final Duration timeout;
  private final int retries;
  private final String deadLetterLocation; // nullable: Optional is not serializable
  private final int maxConcurrency;

  public JobSettings(
      Duration timeout, int retries, Optional<String> deadLetterLocation, int maxConcurrency) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + timeout);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
    }
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException(
          "maxConcurrency must be 1 or more (0: the worker's cores), not " + maxConcurrency);
    }
    this.timeout = timeout;
    this.maxConcurrency = maxConcurrency;
    this.retries = retries;
    this.deadLetterLocation = deadLetterLocation.orElse(null);
  }

  public Duration timeout() {
    return timeout;
  }

  public int retries() {
    return retries;
  }

  /** Calls of the job's method one worker runs at once; 0 means one per core. */
  public int maxConcurrency() {
    return maxConcurrency;
  }

  public Optional<String> deadLetterLocation() {
    return Optional.ofNullable(deadLetterLocation);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobSettings other
        && timeout.equals(other.timeout)
        && retries == other.retries
        && maxConcurrency == other.maxConcurrency
        && Objects.equals(deadLetterLocation, other.deadLetterLocation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, retries, deadLetterLocation, maxConcurrency);
  }

  @Override
  public String toString() {
    return "JobSettings{timeout=" + timeout + ", retries=" + retries
        + ", deadLetters=" + deadLetterLocation + ", maxConcurrency=" + maxConcurrency + "}";
  }
}
