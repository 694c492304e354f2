package io.klio.audio.dsp;

import io.klio.audio.AudioClip;

/**
 * Gain and normalisation. Levels are in dBFS: 0 dBFS is a sample value of 1.0, and the RMS level of
 * a full-scale sine is -3.01 dBFS (the AES17 convention of adding 3.01 dB is not used).
 */
public final class Levels {
  private Levels() {}

  /** {@code 20 log10(x)}, with -inf for 0. */
  public static double toDb(double amplitude) {
    return 20 * Math.log10(amplitude);
  }

  /** {@code 10^(db/20)}. */
  public static double fromDb(double db) {
    return Math.pow(10, db / 20);
  }

  /** The clip multiplied by {@code 10^(db/20)}. */
  public static AudioClip gainDb(AudioClip clip, double db) {
    return scale(clip, fromDb(db));
  }

  /** The clip multiplied by {@code factor}. */
  public static AudioClip scale(AudioClip clip, double factor) {
    float[][] ch = clip.channels();
    float f = (float) factor;
    for (float[] c : ch) {
      for (int i = 0; i < c.length; i++) {
        c[i] *= f;
      }
    }
    return AudioClip.wrap(clip.sampleRate(), ch);
  }

  /**
   * Scales the clip so that its largest absolute sample is at {@code targetDbfs} (e.g. -1.0 for one
   * dB of headroom). Silence is returned unchanged: there is nothing to scale.
   */
  public static AudioClip normalisePeak(AudioClip clip, double targetDbfs) {
    double peak = clip.peak();
    return peak == 0 ? clip : scale(clip, fromDb(targetDbfs) / peak);
  }

  /**
   * Scales the clip so that its RMS over all channels is at {@code targetDbfs}. Peaks may then
   * exceed full scale; the float representation keeps them. Silence is returned unchanged.
   */
  public static AudioClip normaliseRms(AudioClip clip, double targetDbfs) {
    double rms = clip.rms();
    return rms == 0 ? clip : scale(clip, fromDb(targetDbfs) / rms);
  }
}
