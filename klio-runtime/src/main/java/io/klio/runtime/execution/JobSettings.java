package io.klio.runtime.execution;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one job runs: how long one element may take, how often a failure is retried and how long the
 * first retry waits (later ones wait twice as long each time), where dead letters go (empty: the
 * run's default), how many elements a worker computes at once (0: as many as the worker has cores),
 * and how many bytes one input may have (0: no limit).
 */
public final class JobSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
  public static final JobSettings DEFAULT =
      new JobSettings(Duration.ofMinutes(30), 0, Optional.empty(), 0);

  private final Duration timeout;
  private final int retries;
  private final Duration retryDelay;
  private final String deadLetterLocation; // nullable: Optional is not serializable
  private final int maxConcurrency;
  private final long maxInputBytes;

  public JobSettings(
      Duration timeout, int retries, Optional<String> deadLetterLocation, int maxConcurrency) {
    this(timeout, retries, DEFAULT_RETRY_DELAY, deadLetterLocation, maxConcurrency, 0);
  }

  public JobSettings(
      Duration timeout,
      int retries,
      Duration retryDelay,
      Optional<String> deadLetterLocation,
      int maxConcurrency,
      long maxInputBytes) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + timeout);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
    }
    if (retryDelay.isNegative()) {
      throw new IllegalArgumentException("retryDelay must be 0 or more, not " + retryDelay);
    }
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException(
          "maxConcurrency must be 1 or more (0: the worker's cores), not " + maxConcurrency);
    }
    if (maxInputBytes < 0) {
      throw new IllegalArgumentException(
          "maxInputBytes must be 1 or more (0: no limit), not " + maxInputBytes);
    }
    this.timeout = timeout;
    this.retries = retries;
    this.retryDelay = retryDelay;
    this.deadLetterLocation = deadLetterLocation.orElse(null);
    this.maxConcurrency = maxConcurrency;
    this.maxInputBytes = maxInputBytes;
  }

  public Duration timeout() {
    return timeout;
  }

  public int retries() {
    return retries;
  }

  /** How long the first retry waits; each further retry waits twice as long as the one before. */
  public Duration retryDelay() {
    return retryDelay;
  }

  /** Calls of the job's method one worker runs at once; 0 means one per core. */
  public int maxConcurrency() {
    return maxConcurrency;
  }

  /** The most bytes one input of the job may have; 0 means no limit. */
  public long maxInputBytes() {
    return maxInputBytes;
  }

  public Optional<String> deadLetterLocation() {
    return Optional.ofNullable(deadLetterLocation);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobSettings other
        && timeout.equals(other.timeout)
        && retries == other.retries
        && retryDelay.equals(other.retryDelay)
        && maxConcurrency == other.maxConcurrency
        && maxInputBytes == other.maxInputBytes
        && Objects.equals(deadLetterLocation, other.deadLetterLocation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        timeout, retries, retryDelay, deadLetterLocation, maxConcurrency, maxInputBytes);
  }

  @Override
  public String toString() {
    return "JobSettings{timeout="
        + timeout
        + ", retries="
        + retries
        + ", retryDelay="
        + retryDelay
        + ", deadLetters="
        + deadLetterLocation
        + ", maxConcurrency="
        + maxConcurrency
        + ", maxInputBytes="
        + maxInputBytes
        + "}";
  }
}
