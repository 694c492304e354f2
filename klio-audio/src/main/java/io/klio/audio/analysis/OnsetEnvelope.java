package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Resampler;
import java.io.Serializable;

/**
 * Onset strength: how much new energy appears in each frame, the input of tempo estimation and
 * beat tracking.
 *
 * <p>Computed as librosa's {@code onset.onset_strength} does, with a finer hop and a shorter window (librosa: 2048 / 512), which keeps sharp attacks
 * in one or two frames while slow rises such as syllables spread over many; it tracked click
 * tracks under speech-like noise markedly better in our tests: the clip is mixed
 * to mono and resampled to 22.05 kHz; a log-mel spectrogram (1024-point FFT = 46 ms, hop 256 = 11.6 ms,
 * 128 Slaney mel bands, dB clipped 80 dB below the maximum) is differenced frame to frame, and
 * the positive differences (spectral flux, rectified) are averaged over bands: {@code o[t] =
 * mean_m max(0, S[t, m] - S[t-1, m])}. Units are dB per frame.
 */
public final class OnsetEnvelope implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Analysis rate. */
  public static final int RATE = 22050;

  public static final int FFT = 1024;
  public static final int HOP = 256;
  public static final int BANDS = 128;

  private final float[] strength;
  private final double frameRate;

  private OnsetEnvelope(float[] strength, double frameRate) {
    this.strength = strength;
    this.frameRate = frameRate;
  }

  /** The onset strength envelope of a clip. */
  public static OnsetEnvelope of(AudioClip clip) {
    float[] x = clip.monoSamples();
    if (clip.sampleRate() != RATE) {
      x = Resampler.of(clip.sampleRate(), RATE).process(x);
    }
    Stft stft = new Stft(FFT, HOP);
    float[][] mel = MelFilterBank.of(RATE, FFT, BANDS).apply(stft.power(x));
    float max = Float.NEGATIVE_INFINITY;
    for (float[] row : mel) {
      for (int m = 0; m < row.length; m++) {
        row[m] = (float) (10 * Math.log10(Math.max(row[m], 1e-10)));
        max = Math.max(max, row[m]);
      }
    }
    float floor = max - 80;
    float[] o = new float[mel.length];
    for (int t = 1; t < mel.length; t++) {
      float s = 0;
      for (int m = 0; m < BANDS; m++) {
        float d = Math.max(mel[t][m], floor) - Math.max(mel[t - 1][m], floor);
        if (d > 0) {
          s += d;
        }
      }
      o[t] = s / BANDS;
    }
    return new OnsetEnvelope(o, RATE / (double) HOP);
  }

  /** A copy of the envelope values, one per frame. */
  public float[] values() {
    return strength.clone();
  }

  public int length() {
    return strength.length;
  }

  /** Frames per second (22050 / 256 = 86.13). */
  public double frameRate() {
    return frameRate;
  }

  float[] raw() {
    return strength;
  }
}
