package io.klio.samples;

/**
 * The output of {@code loudness}, the EBU R128 deliverables of a track (ITU-R BS.1770-4, EBU Tech
 * 3342): integrated loudness (LUFS), loudness range (LU), true peak (dBTP) and sample peak (dBFS).
 */
public record LoudnessResult(
    double integratedLufs, double rangeLu, double truePeakDbtp, double peakDbfs) {}
