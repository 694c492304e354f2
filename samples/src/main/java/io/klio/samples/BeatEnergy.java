package io.klio.samples;

import io.klio.audio.AudioClip;

/** Beat-synchronous level: how much the beats stand out from the audio between them. */
final class BeatEnergy {
  private static final double WINDOW_SECONDS = 0.05;

  private BeatEnergy() {}

  /** Mean power in 50 ms after each beat over mean power elsewhere, in dB; 0 without beats. */
  static double onBeatContrastDb(AudioClip audio, double[] beats) {
    float[] x = audio.monoSamples();
    boolean[] onBeat = new boolean[x.length];
    int window = (int) Math.round(WINDOW_SECONDS * audio.sampleRate());
    for (double beat : beats) {
      int start = (int) Math.round(beat * audio.sampleRate());
      for (int i = Math.max(0, start); i < Math.min(x.length, start + window); i++) {
        onBeat[i] = true;
      }
    }
    double on = 0;
    double off = 0;
    long onCount = 0;
    long offCount = 0;
    for (int i = 0; i < x.length; i++) {
      double power = (double) x[i] * x[i];
      if (onBeat[i]) {
        on += power;
        onCount++;
      } else {
        off += power;
        offCount++;
      }
    }
    if (onCount == 0 || offCount == 0 || off == 0) {
      return 0;
    }
    return 10 * Math.log10((on / onCount) / (off / offCount));
  }
}
