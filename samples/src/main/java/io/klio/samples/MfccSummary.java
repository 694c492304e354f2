package io.klio.samples;

/**
 * The output of {@code mfcc}: the per-coefficient mean and standard deviation of a track's 20 MFCCs
 * (librosa's defaults), over {@code frames} frames at {@code frameRate} per second: the
 * fixed-length summary a catalogue-wide similarity search or classifier takes.
 */
public record MfccSummary(int frames, double frameRate, double[] mean, double[] std) {}
