package io.klio.samples;

/**
 * The output of {@code key}: the key ("A minor"), its correlation with the key profile (0-1), and
 * the runner-up with its correlation.
 */
public record KeyEstimate(
    String key, double confidence, String runnerUp, double runnerUpConfidence) {}
