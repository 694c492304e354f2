package io.klio.samples;

/**
 * A heuristic score in [0, 1] with the two features it rests on most (see {@code
 * io.klio.audio.analysis.Descriptors} for the formulas).
 */
public record Score(String id, double score, double primaryFeature, double secondaryFeature) {}
