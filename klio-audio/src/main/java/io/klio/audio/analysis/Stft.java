package io.klio.audio.analysis;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Short-time Fourier transform: power spectra of Hann-windowed frames.
 *
 * <p>Frames are centred: frame {@code i} is centred on sample {@code i * hop}, the signal being
 * zero-padded by {@code fftSize / 2} on both sides, so there are {@code 1 + n / hop} frames and
 * frame times are simply {@code i * hop / rate} (librosa's {@code center=True} with zero padding).
 * The window is the periodic Hann window. Power is {@code |X[k]|^2} without normalisation, so a
 * full-scale sine at a bin centre has power {@code (fftSize / 4)^2}.
 *
 * <p>Uses JTransforms (pure Java) for the FFT; {@code fftSize} must be a power of two.
 */
public final class Stft {
  private final int fftSize;
  private final int hop;
  private final float[] window;

  public Stft(int fftSize, int hop) {
    if (fftSize < 2 || Integer.bitCount(fftSize) != 1) {
      throw new IllegalArgumentException("fftSize must be a power of two, was " + fftSize);
    }
    if (hop < 1) {
      throw new IllegalArgumentException("hop must be positive, was " + hop);
    }
    this.fftSize = fftSize;
    this.hop = hop;
    this.window = hann(fftSize);
  }

  /** The periodic Hann window of length {@code n} (the right choice for spectral analysis). */
  public static float[] hann(int n) {
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
    }
    return w;
  }

  public int fftSize() {
    return fftSize;
  }

  public int hop() {
    return hop;
  }

  /** Number of frequency bins, {@code fftSize / 2 + 1} (DC to Nyquist). */
  public int bins() {
    return fftSize / 2 + 1;
  }

  /** Number of frames for a signal of {@code n} samples. */
  public int frames(int n) {
    return 1 + n / hop;
  }

  /** Power spectra, indexed {@code [frame][bin]}. */
  public float[][] power(float[] x) {
    int frames = frames(x.length);
    float[][] out = new float[frames][bins()];
    Frames f = new Frames();
    for (int i = 0; i < frames; i++) {
      f.power(x, i, out[i]);
    }
    return out;
  }

  /**
   * Complex spectra, indexed {@code [frame][2 * bin + 0 or 1]} (real and imaginary parts of bins 0
   * to {@code fftSize / 2}), framed and windowed as {@link #power}.
   */
  public float[][] spectra(float[] x) {
    int frames = frames(x.length);
    float[][] out = new float[frames][2 * bins()];
    FloatFFT_1D fft = new FloatFFT_1D(fftSize);
    float[] buf = new float[fftSize];
    for (int f = 0; f < frames; f++) {
      int start = f * hop - fftSize / 2;
      for (int i = 0; i < fftSize; i++) {
        int k = start + i;
        buf[i] = k >= 0 && k < x.length ? x[k] * window[i] : 0f;
      }
      fft.realForward(buf);
      float[] row = out[f];
      row[0] = buf[0];
      row[fftSize] = buf[1]; // Nyquist: JTransforms packs its real part at index 1
      System.arraycopy(buf, 2, row, 2, fftSize - 2);
    }
    return out;
  }

  /**
   * The inverse of {@link #spectra}: each frame's inverse FFT, windowed again and overlap-added at
   * its place, divided by the overlap-added squared window (the least-squares inverse of Griffin
   * and Lim, as librosa's {@code istft}). Gives back the signal (to float rounding) wherever that
   * sum is positive, which it is everywhere for a hop of at most {@code fftSize / 2}; {@code
   * length} samples (the original length, which the frame count alone does not fix).
   */
  public float[] inverse(float[][] spectra, int length) {
    double[] sum = new double[length];
    double[] norm = new double[length];
    FloatFFT_1D fft = new FloatFFT_1D(fftSize);
    float[] buf = new float[fftSize];
    for (int f = 0; f < spectra.length; f++) {
      float[] row = spectra[f];
      buf[0] = row[0];
      buf[1] = row[fftSize];
      System.arraycopy(row, 2, buf, 2, fftSize - 2);
      fft.realInverse(buf, true);
      int start = f * hop - fftSize / 2;
      for (int i = Math.max(0, -start); i < fftSize && start + i < length; i++) {
        sum[start + i] += buf[i] * window[i];
        norm[start + i] += window[i] * window[i];
      }
    }
    float[] out = new float[length];
    for (int i = 0; i < length; i++) {
      out[i] = norm[i] > 1e-10 ? (float) (sum[i] / norm[i]) : 0f;
    }
    return out;
  }

  /** One frame at a time, for callers that keep only what they make of each spectrum. */
  final class Frames {
    private final FloatFFT_1D fft = new FloatFFT_1D(fftSize);
    private final float[] buf = new float[fftSize];

    /** The power spectrum of frame {@code f} of {@code x} into {@code row} ({@link #bins()}). */
    void power(float[] x, int f, float[] row) {
      int start = f * hop - fftSize / 2;
      if (start >= 0 && start + fftSize <= x.length) {
        System.arraycopy(x, start, buf, 0, fftSize);
        for (int i = 0; i < fftSize; i++) {
          buf[i] *= window[i];
        }
      } else {
        for (int i = 0; i < fftSize; i++) {
          int k = start + i;
          buf[i] = k >= 0 && k < x.length ? x[k] * window[i] : 0f;
        }
      }
      fft.realForward(buf);
      row[0] = buf[0] * buf[0];
      row[fftSize / 2] = buf[1] * buf[1];
      for (int k = 1; k < fftSize / 2; k++) {
        float re = buf[2 * k];
        float im = buf[2 * k + 1];
        row[k] = re * re + im * im;
      }
    }
  }
}
