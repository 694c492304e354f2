package io.klio.samples;

/**
 * The output of {@code energy}: the energy descriptor in [0, 1], the RMS level, the number of
 * beats, and how much louder the audio is around the beats than between them (dB).
 */
public record Energy(double energy, double rmsDbfs, int beatCount, double onBeatContrastDb) {}
