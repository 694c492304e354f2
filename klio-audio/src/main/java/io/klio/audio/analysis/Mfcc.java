package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Channels;
import io.klio.audio.dsp.Resampler;
import java.io.Serializable;

/**
 * Mel-frequency cepstral coefficients, computed as librosa's {@code feature.mfcc} does with its
 * defaults, and immutable.
 *
 * <p>Method: the clip is mixed to mono and resampled to {@link #RATE} (librosa's default load
 * rate); its power mel spectrogram is {@link Spectrogram#logMel} (2048-point periodic Hann frames
 * every 512 samples, centred with zero padding; {@code |X|^2}; 128 Slaney-normalised Slaney-scale
 * mel bands from 0 Hz to Nyquist); in decibels {@code 10 log10(max(p, 1e-10))}, floored at {@link
 * #TOP_DB} below the largest value of the whole clip (librosa's {@code power_to_db(S, top_db=80)});
 * then the orthonormal DCT-II over the bands of each frame, of which the first {@code n}
 * coefficients (20 by default) are kept: {@code c[k] = s(k) sum_m x[m] cos(pi k (m + 1/2) / M)},
 * {@code s(0) = sqrt(1/M)}, {@code s(k) = sqrt(2/M)}.
 *
 * <p>Hence a gain of {@code g} dB changes only {@code c[0]}, by {@code g sqrt(M)} (11.31 g with 128
 * bands), as long as no band sits at the 1e-10 floor.
 */
public final class Mfcc implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The analysis rate, Hz: clips at other rates are resampled first. */
  public static final int RATE = 22050;

  /** The dynamic range kept, dB below the clip's largest mel power (librosa's {@code top_db}). */
  public static final double TOP_DB = 80;

  public static final int DEFAULT_COEFFICIENTS = 20;

  private final float[][] c; // [frame][coefficient]
  private final double frameRate;

  private Mfcc(float[][] c, double frameRate) {
    this.c = c;
    this.frameRate = frameRate;
  }

  /** 20 MFCCs with librosa's defaults (2048/512, 128 Slaney mel bands) at 22.05 kHz. */
  public static Mfcc of(AudioClip clip) {
    return of(clip, DEFAULT_COEFFICIENTS);
  }

  /** {@code coefficients} MFCCs with librosa's defaults otherwise. */
  public static Mfcc of(AudioClip clip, int coefficients) {
    return of(
        clip,
        Spectrogram.DEFAULT_FFT,
        Spectrogram.DEFAULT_HOP,
        Spectrogram.DEFAULT_MELS,
        coefficients);
  }

  /** MFCCs with the given FFT size (a power of two), hop, mel band count and coefficient count. */
  public static Mfcc of(AudioClip clip, int fftSize, int hop, int bands, int coefficients) {
    if (coefficients < 1 || coefficients > bands) {
      throw new IllegalArgumentException(
          "coefficients must be in 1.." + bands + ", was " + coefficients);
    }
    AudioClip mono = Resampler.resample(Channels.toMono(clip), RATE);
    Spectrogram mel = Spectrogram.logMel(mono, fftSize, hop, bands, MelScale.SLANEY);
    double floor = mel.maxDb() - TOP_DB;
    double[][] basis = dctBasis(coefficients, bands);
    float[][] out = new float[mel.frames()][coefficients];
    double[] x = new double[bands];
    for (int f = 0; f < out.length; f++) {
      for (int m = 0; m < bands; m++) {
        x[m] = Math.max(mel.db(f, m), floor);
      }
      for (int k = 0; k < coefficients; k++) {
        double s = 0;
        for (int m = 0; m < bands; m++) {
          s += basis[k][m] * x[m];
        }
        out[f][k] = (float) s;
      }
    }
    return new Mfcc(out, RATE / (double) hop);
  }

  /** The first {@code n} rows of the orthonormal DCT-II matrix of size {@code m}. */
  static double[][] dctBasis(int n, int m) {
    double[][] b = new double[n][m];
    for (int k = 0; k < n; k++) {
      double s = Math.sqrt((k == 0 ? 1.0 : 2.0) / m);
      for (int i = 0; i < m; i++) {
        b[k][i] = s * Math.cos(Math.PI * k * (i + 0.5) / m);
      }
    }
    return b;
  }

  public int frames() {
    return c.length;
  }

  public int coefficients() {
    return c.length == 0 ? 0 : c[0].length;
  }

  /** Coefficient {@code k} of frame {@code frame}. */
  public float value(int frame, int k) {
    return c[frame][k];
  }

  /** The coefficients of one frame (a copy). */
  public float[] frame(int frame) {
    return c[frame].clone();
  }

  /** The time of a frame's centre, seconds ({@code frame * hop / RATE}). */
  public double frameTime(int frame) {
    return frame / frameRate;
  }

  /** Frames per second. */
  public double frameRate() {
    return frameRate;
  }

  /** Per-coefficient mean over all frames. */
  public double[] mean() {
    double[] m = new double[coefficients()];
    for (float[] row : c) {
      for (int k = 0; k < m.length; k++) {
        m[k] += row[k];
      }
    }
    for (int k = 0; k < m.length; k++) {
      m[k] /= Math.max(1, c.length);
    }
    return m;
  }

  /** Per-coefficient standard deviation over all frames (population, as numpy's {@code std}). */
  public double[] std() {
    double[] mean = mean();
    double[] v = new double[mean.length];
    for (float[] row : c) {
      for (int k = 0; k < v.length; k++) {
        v[k] += (row[k] - mean[k]) * (row[k] - mean[k]);
      }
    }
    for (int k = 0; k < v.length; k++) {
      v[k] = Math.sqrt(v[k] / Math.max(1, c.length));
    }
    return v;
  }
}
