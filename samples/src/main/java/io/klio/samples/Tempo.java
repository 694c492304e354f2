package io.klio.samples;

/** The output of {@code beat-tracking}: tempo in BPM and beat times in seconds. */
public record Tempo(double bpm, double[] beats) {}
