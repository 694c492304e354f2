package io.klio.runtime.execution;

import java.util.Optional;

/**
 * A job's Pub/Sub wiring in per-job mode, as full resource names: what route planning needs to know
 * of {@code klio.yaml}'s {@code events} sections.
 *
 * @param inputTopic the topic the job's input subscription reads
 * @param inputSubscription what the job reads; present when it runs in per-job mode
 * @param outputTopic where the job passes messages on
 */
public record JobTopics(
    Optional<String> inputTopic, Optional<String> inputSubscription, Optional<String> outputTopic) {
  public static final JobTopics NONE =
      new JobTopics(Optional.empty(), Optional.empty(), Optional.empty());
}
