package io.klio.runtime.config;

import io.klio.runtime.execution.JobSettings;
import io.klio.runtime.execution.JobTopics;
import io.klio.runtime.execution.RequestRoutes;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BinaryOperator;

/**
 * One job's section of {@code klio.yaml}. Everything is optional: what is missing falls back to
 * {@link JobSettings#DEFAULT} (and the run's dead-letter location), so a config only says what
 * differs.
 *
 * @param retryDelay how long the first retry waits (later ones twice as long as the one before)
 * @param deadLetters where this job's dead letters go, overriding the run's {@code deadLetters}
 * @param maxConcurrency how many elements one worker computes at once (default: one per core)
 * @param maxInputBytes the most bytes one input may have (default: no limit)
 * @param events the job's Pub/Sub event source and sink; a job with an input subscription runs in
 *     per-job streaming mode
 */
public record JobConfig(
    Optional<Duration> timeout,
    OptionalInt retries,
    Optional<Duration> retryDelay,
    Optional<String> deadLetters,
    OptionalInt maxConcurrency,
    OptionalLong maxInputBytes,
    Events events) {
  static final JobConfig NONE =
      new JobConfig(
          Optional.empty(),
          OptionalInt.empty(),
          Optional.empty(),
          Optional.empty(),
          OptionalInt.empty(),
          OptionalLong.empty(),
          Events.NONE);

  /**
   * The job's streaming event IO, as full Pub/Sub resource names ({@code projects/P/topics/T},
   * {@code projects/P/subscriptions/S}), and how long its bottom-up requests wait for an answer.
   *
   * @param inputTopic the topic the job's input subscription reads: where {@code publish} sends
   *     messages for this job and where its descendants send bottom-up requests for its output
   * @param inputSubscription the subscription the job reads in per-job streaming mode
   * @param outputTopic where the job publishes the messages it passes on (its children's input
   *     subscriptions read it); none for a leaf job whose results nobody listens to
   * @param requestTimeout after how long a bottom-up request of this job that got no answer is
   *     reported (counter and warning); {@link RequestRoutes#DEFAULT_REQUEST_TIMEOUT} if absent
   */
  public record Events(
      Optional<String> inputTopic,
      Optional<String> inputSubscription,
      Optional<String> outputTopic,
      Optional<Duration> requestTimeout) {
    static final Events NONE =
        new Events(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Whether any event resource is configured. */
    public boolean any() {
      return inputTopic.isPresent() || inputSubscription.isPresent() || outputTopic.isPresent();
    }

    /** The Pub/Sub wiring, as request routes are planned from it. */
    public JobTopics topics() {
      return new JobTopics(inputTopic, inputSubscription, outputTopic);
    }

    /** {@code requestTimeout}, or the default. */
    public Duration requestTimeoutOrDefault() {
      return requestTimeout.orElse(RequestRoutes.DEFAULT_REQUEST_TIMEOUT);
    }
  }

  /** The settings the execution core runs this job with. */
  public JobSettings toSettings() {
    return new JobSettings(
        timeout.orElse(JobSettings.DEFAULT.timeout()),
        retries.orElse(JobSettings.DEFAULT.retries()),
        retryDelay.orElse(JobSettings.DEFAULT.retryDelay()),
        deadLetters,
        maxConcurrency.orElse(JobSettings.DEFAULT.maxConcurrency()),
        maxInputBytes.orElse(JobSettings.DEFAULT.maxInputBytes()));
  }

  /**
   * This config with {@code ${var}} references resolved; {@code resolve} takes the key path (for
   * errors) and the text.
   */
  JobConfig resolved(String job, BinaryOperator<String> resolve) {
    String path = "jobs." + job + ".";
    return new JobConfig(
        timeout,
        retries,
        retryDelay,
        deadLetters.map(d -> resolve.apply(path + "deadLetters", d)),
        maxConcurrency,
        maxInputBytes,
        new Events(
            events.inputTopic().map(t -> resolve.apply(path + "events.inputTopic", t)),
            events
                .inputSubscription()
                .map(s -> resolve.apply(path + "events.inputSubscription", s)),
            events.outputTopic().map(t -> resolve.apply(path + "events.outputTopic", t)),
            events.requestTimeout()));
  }
}
