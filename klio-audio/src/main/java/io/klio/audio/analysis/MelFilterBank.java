package io.klio.audio.analysis;

/**
 * Triangular mel filters over STFT power bins, as librosa's {@code filters.mel} builds them.
 *
 * <p>Band edges are equally spaced on the chosen {@link MelScale} between {@code fmin} and {@code
 * fmax}; each triangle rises from its lower to its centre edge and falls to its upper edge. With
 * {@code slaneyNorm} each triangle is divided by its width in Hz ({@code 2 / (f[m+2] - f[m])}), so
 * that every band has the same area and a white noise gives a flat mel spectrum; that is librosa's
 * default ({@code norm='slaney'}).
 */
public final class MelFilterBank {
  private final float[][] weights; // [band][bin]
  private final int[] first;
  private final int[] last;
  private final double[] centres;

  private MelFilterBank(float[][] weights, int[] first, int[] last, double[] centres) {
    this.weights = weights;
    this.first = first;
    this.last = last;
    this.centres = centres;
  }

  /** librosa's defaults: Slaney scale, Slaney normalisation, 0 Hz to Nyquist. */
  public static MelFilterBank of(int sampleRate, int fftSize, int bands) {
    return of(MelScale.SLANEY, true, sampleRate, fftSize, bands, 0, sampleRate / 2.0);
  }

  public static MelFilterBank of(
      MelScale scale,
      boolean slaneyNorm,
      int sampleRate,
      int fftSize,
      int bands,
      double fmin,
      double fmax) {
    int bins = fftSize / 2 + 1;
    double melMin = scale.hzToMel(fmin);
    double melMax = scale.hzToMel(fmax);
    double[] edges = new double[bands + 2];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = scale.melToHz(melMin + (melMax - melMin) * i / (bands + 1));
    }
    float[][] w = new float[bands][bins];
    int[] first = new int[bands];
    int[] last = new int[bands];
    double[] centres = new double[bands];
    for (int m = 0; m < bands; m++) {
      double lo = edges[m], c = edges[m + 1], hi = edges[m + 2];
      centres[m] = c;
      double norm = slaneyNorm ? 2.0 / (hi - lo) : 1.0;
      first[m] = bins;
      last[m] = -1;
      for (int k = 0; k < bins; k++) {
        double f = k * (double) sampleRate / fftSize;
        double v = Math.max(0, Math.min((f - lo) / (c - lo), (hi - f) / (hi - c)));
        if (v > 0) {
          w[m][k] = (float) (v * norm);
          first[m] = Math.min(first[m], k);
          last[m] = k;
        }
      }
    }
    return new MelFilterBank(w, first, last, centres);
  }

  public int bands() {
    return weights.length;
  }

  /** Centre frequency of band {@code m} in Hz. */
  public double centre(int m) {
    return centres[m];
  }

  /** Mel-band power, {@code [frame][band]}, from STFT power {@code [frame][bin]}. */
  public float[][] apply(float[][] power) {
    float[][] out = new float[power.length][];
    for (int f = 0; f < power.length; f++) {
      out[f] = apply(power[f]);
    }
    return out;
  }

  /** Mel-band power of one frame, {@code [band]}, from its STFT power {@code [bin]}. */
  public float[] apply(float[] p) {
    float[] out = new float[weights.length];
    for (int m = 0; m < weights.length; m++) {
      float s = 0;
      float[] wm = weights[m];
      for (int k = first[m]; k <= last[m]; k++) {
        s += wm[k] * p[k];
      }
      out[m] = s;
    }
    return out;
  }
}
