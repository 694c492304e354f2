package io.klio.samples;

/** The output of {@code loudness}: BS.1770 integrated loudness (LUFS) and sample peak (dBFS). */
public record LoudnessResult(double integratedLufs, double peakDbfs) {}
