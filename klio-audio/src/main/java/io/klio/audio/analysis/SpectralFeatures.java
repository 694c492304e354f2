package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Channels;
import io.klio.audio.dsp.Resampler;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-frame spectral shape descriptors, computed as librosa's {@code feature.spectral_*} functions
 * do with their defaults, and their per-clip means. Immutable.
 *
 * <p>The clip is mixed to mono and resampled to {@link #RATE}; spectra of 2048-point periodic Hann
 * frames every 512 samples (by default), centred with zero padding as in {@link Stft}. With {@code
 * S[k] = |X[k]|} the magnitude and {@code f[k] = k rate / fftSize}, per frame:
 *
 * <ul>
 *   <li><b>centroid</b>, Hz: {@code sum f[k] S[k] / sum S[k]} (0 for a silent frame);
 *   <li><b>rolloff</b>, Hz: the lowest {@code f[k]} below which at least 85% of {@code sum S[k]}
 *       lies (librosa sums magnitudes, not power; 0 for a silent frame);
 *   <li><b>flatness</b>, 0..1: geometric over arithmetic mean of the power {@code max(S[k]^2,
 *       1e-10)} over all bins; about {@code exp(-0.5772) = 0.56} for white noise (the periodogram
 *       of Gaussian noise is exponentially distributed), near 0 for a tone, 1 for silence;
 *   <li><b>contrast</b>, dB, 7 values: the bands 0-200 Hz, six octaves 200-400, ..., 3.2-6.4 kHz,
 *       and 6.4 kHz to Nyquist (each band taking the bin just below it, the last bin of the first
 *       six dropped, as librosa does); in each, peak and valley are the means of the highest and
 *       lowest {@code max(1, rint(0.02 n))} of its {@code n} magnitudes, and the contrast is {@code
 *       db(peak) - db(valley)} with librosa's {@code power_to_db} applied to these magnitudes
 *       ({@code 10 log10(max(v, 1e-10))}, floored 80 dB below the largest over the clip, separately
 *       for peaks and valleys). Being 10 log10 of a magnitude ratio, these are half of the
 *       power-ratio decibels; they are kept so for comparability with librosa.
 * </ul>
 *
 * <p>The means are plain means over all frames, silent ones included, as {@code np.mean} of
 * librosa's output would be.
 */
public final class SpectralFeatures implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The analysis rate, Hz. */
  public static final int RATE = 22050;

  public static final double ROLLOFF = 0.85;

  /** Lowest contrast band edge, Hz, and the number of octave bands above it. */
  public static final double CONTRAST_FMIN = 200;

  public static final int CONTRAST_OCTAVES = 6;

  private static final double AMIN = 1e-10;
  private static final double TOP_DB = 80;

  private final float[] centroid;
  private final float[] rolloff;
  private final float[] flatness;
  private final float[][] contrast; // [frame][band]
  private final double frameRate;

  private SpectralFeatures(
      float[] centroid, float[] rolloff, float[] flatness, float[][] contrast, double frameRate) {
    this.centroid = centroid;
    this.rolloff = rolloff;
    this.flatness = flatness;
    this.contrast = contrast;
    this.frameRate = frameRate;
  }

  /** The descriptors with librosa's defaults: 2048-point frames every 512 samples at 22.05 kHz. */
  public static SpectralFeatures of(AudioClip clip) {
    return of(clip, Spectrogram.DEFAULT_FFT, Spectrogram.DEFAULT_HOP);
  }

  /** The descriptors with the given FFT size (a power of two, at least 256) and hop. */
  public static SpectralFeatures of(AudioClip clip, int fftSize, int hop) {
    if (fftSize < 256) {
      throw new IllegalArgumentException("fftSize must be at least 256, was " + fftSize);
    }
    float[] x = Resampler.resample(Channels.toMono(clip), RATE).channel(0);
    Stft stft = new Stft(fftSize, hop);
    int bins = stft.bins();
    double df = RATE / (double) fftSize;
    int[][] bands = contrastBands(bins, df);
    Stft.Frames frames = stft.new Frames();
    float[] power = new float[bins];
    double[] mag = new double[bins];
    int n = stft.frames(x.length);
    float[] centroid = new float[n];
    float[] rolloff = new float[n];
    float[] flatness = new float[n];
    double[][] peak = new double[n][bands.length];
    double[][] valley = new double[n][bands.length];
    for (int t = 0; t < n; t++) {
      frames.power(x, t, power);
      double sum = 0, weighted = 0, logSum = 0, powSum = 0;
      for (int k = 0; k < bins; k++) {
        mag[k] = Math.sqrt(power[k]);
        sum += mag[k];
        weighted += k * df * mag[k];
        double p = Math.max(power[k], AMIN);
        logSum += Math.log(p);
        powSum += p;
      }
      flatness[t] = (float) (Math.exp(logSum / bins) / (powSum / bins));
      if (sum > 0) {
        centroid[t] = (float) (weighted / sum);
        double cum = 0;
        for (int k = 0; k < bins; k++) {
          cum += mag[k];
          if (cum >= ROLLOFF * sum) {
            rolloff[t] = (float) (k * df);
            break;
          }
        }
      }
      for (int b = 0; b < bands.length; b++) {
        double[] sub = Arrays.copyOfRange(mag, bands[b][0], bands[b][1]);
        Arrays.sort(sub);
        int q = bands[b][2];
        for (int i = 0; i < q; i++) {
          valley[t][b] += sub[i] / q;
          peak[t][b] += sub[sub.length - 1 - i] / q;
        }
      }
    }
    double[][] peakDb = toDb(peak);
    double[][] valleyDb = toDb(valley);
    float[][] contrast = new float[n][bands.length];
    for (int t = 0; t < n; t++) {
      for (int b = 0; b < bands.length; b++) {
        contrast[t][b] = (float) (peakDb[t][b] - valleyDb[t][b]);
      }
    }
    return new SpectralFeatures(centroid, rolloff, flatness, contrast, RATE / (double) hop);
  }

  /**
   * Contrast bands as librosa's {@code spectral_contrast} forms them: {@code [first bin, end bin
   * (exclusive), quantile count]}.
   */
  static int[][] contrastBands(int bins, double df) {
    double[] edges = new double[CONTRAST_OCTAVES + 2];
    for (int i = 1; i < edges.length; i++) {
      edges[i] = CONTRAST_FMIN * Math.pow(2, i - 1);
    }
    if (edges[edges.length - 2] >= (bins - 1) * df) {
      throw new IllegalArgumentException("contrast bands reach above Nyquist");
    }
    int[][] out = new int[CONTRAST_OCTAVES + 1][];
    for (int b = 0; b <= CONTRAST_OCTAVES; b++) {
      int first = -1, last = -1;
      for (int k = 0; k < bins; k++) {
        double f = k * df;
        if (f >= edges[b] && f <= edges[b + 1]) {
          first = first < 0 ? k : first;
          last = k;
        }
      }
      if (b > 0) {
        first--; // the bin just below the band
      }
      if (b == CONTRAST_OCTAVES) {
        last = bins - 1;
      }
      int count = last - first + 1; // the quantile counts the band before its last bin is dropped
      int end = b < CONTRAST_OCTAVES ? last : last + 1;
      out[b] = new int[] {first, end, (int) Math.max(1, Math.rint(0.02 * count))};
    }
    return out;
  }

  /** librosa's {@code power_to_db} with its defaults (amin 1e-10, top_db 80 over the array). */
  private static double[][] toDb(double[][] v) {
    double max = Double.NEGATIVE_INFINITY;
    double[][] out = new double[v.length][];
    for (int t = 0; t < v.length; t++) {
      out[t] = new double[v[t].length];
      for (int b = 0; b < v[t].length; b++) {
        out[t][b] = 10 * Math.log10(Math.max(v[t][b], AMIN));
        max = Math.max(max, out[t][b]);
      }
    }
    for (double[] row : out) {
      for (int b = 0; b < row.length; b++) {
        row[b] = Math.max(row[b], max - TOP_DB);
      }
    }
    return out;
  }

  public int frames() {
    return centroid.length;
  }

  /** The time of a frame's centre, seconds. */
  public double frameTime(int frame) {
    return frame / frameRate;
  }

  /** Spectral centroid of a frame, Hz. */
  public float centroid(int frame) {
    return centroid[frame];
  }

  /** 85% spectral rolloff of a frame, Hz. */
  public float rolloff(int frame) {
    return rolloff[frame];
  }

  /** Spectral flatness of a frame, 0..1. */
  public float flatness(int frame) {
    return flatness[frame];
  }

  /** The 7 contrast values of a frame, dB (a copy), lowest band first. */
  public float[] contrast(int frame) {
    return contrast[frame].clone();
  }

  public double meanCentroid() {
    return mean(centroid);
  }

  public double meanRolloff() {
    return mean(rolloff);
  }

  public double meanFlatness() {
    return mean(flatness);
  }

  /** The mean contrast of each of the 7 bands over all frames, dB. */
  public double[] meanContrast() {
    double[] m = new double[CONTRAST_OCTAVES + 1];
    for (float[] row : contrast) {
      for (int b = 0; b < m.length; b++) {
        m[b] += row[b] / (double) Math.max(1, contrast.length);
      }
    }
    return m;
  }

  private static double mean(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x;
    }
    return v.length == 0 ? 0 : s / v.length;
  }
}
