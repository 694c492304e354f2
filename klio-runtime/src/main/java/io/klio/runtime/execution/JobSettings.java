package io.klio.runtime.execution;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one job runs: how long one element may take, how often a failure is retried, and where
 * dead letters go (empty: the run's default).
 *
 * <p>A class rather than a record with an {@code Optional} component: it travels inside every
 * job's serialized {@code DoFn}, and {@code Optional} is not serializable.
 */
public final class JobSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final JobSettings DEFAULT = new JobSettings(Duration.ofMinutes(30), 0, Optional.empty());

  private final Duration timeout;
  private final int retries;
  private final String deadLetterLocation; // null: the run's default

  public JobSettings(Duration timeout, int retries, Optional<String> deadLetterLocation) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + timeout);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
    }
    this.timeout = timeout;
    this.retries = retries;
    this.deadLetterLocation = deadLetterLocation.orElse(null);
  }

  public Duration timeout() {
    return timeout;
  }

  public int retries() {
    return retries;
  }

  public Optional<String> deadLetterLocation() {
    return Optional.ofNullable(deadLetterLocation);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobSettings other
        && timeout.equals(other.timeout)
        && retries == other.retries
        && Objects.equals(deadLetterLocation, other.deadLetterLocation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, retries, deadLetterLocation);
  }

  @Override
  public String toString() {
    return "JobSettings[timeout=" + timeout + ", retries=" + retries + ", deadLetterLocation="
        + deadLetterLocation().orElse("(run default)") + "]";
  }
}
