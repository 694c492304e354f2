package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import java.io.Serializable;

/**
 * An immutable time-frequency picture in decibels: {@code frames x rows}, row 0 the lowest
 * frequency. Made either as a log-mel spectrogram (the usual input of audio models) or as a linear
 * STFT spectrogram.
 *
 * <p>Values are {@code 10 log10(max(power, 1e-10))} with power as {@link Stft} computes it, i.e.
 * not referenced to the clip's maximum; {@link #maxDb()} gives the reference for display.
 */
public final class Spectrogram implements Serializable {
  private static final long serialVersionUID = 1L;

  /** librosa's defaults at 22.05 kHz: 2048-point FFT (93 ms), hop 512 (23 ms), 128 mel bands. */
  public static final int DEFAULT_FFT = 2048;

  public static final int DEFAULT_HOP = 512;
  public static final int DEFAULT_MELS = 128;

  private final float[][] db; // [frame][row]
  private final double[] rowHz;
  private final double frameRate;
  private final String scale;

  private Spectrogram(float[][] db, double[] rowHz, double frameRate, String scale) {
    this.db = db;
    this.rowHz = rowHz;
    this.frameRate = frameRate;
    this.scale = scale;
  }

  /** A log-mel spectrogram with librosa's defaults (Slaney mel, 2048/512, 128 bands). */
  public static Spectrogram logMel(AudioClip clip) {
    return logMel(clip, DEFAULT_FFT, DEFAULT_HOP, DEFAULT_MELS, MelScale.SLANEY);
  }

  /** A log-mel spectrogram of the clip's mono mix, bands from 0 Hz to Nyquist. */
  public static Spectrogram logMel(
      AudioClip clip, int fftSize, int hop, int bands, MelScale scale) {
    Stft stft = new Stft(fftSize, hop);
    float[] x = clip.monoSamples();
    MelFilterBank bank =
        MelFilterBank.of(
            scale, true, clip.sampleRate(), fftSize, bands, 0, clip.sampleRate() / 2.0);
    // frame by frame: only the mel bands are kept, not the (fftSize / 2 + 1)-bin spectra
    Stft.Frames frames = stft.new Frames();
    float[] power = new float[stft.bins()];
    float[][] mel = new float[stft.frames(x.length)][];
    for (int f = 0; f < mel.length; f++) {
      frames.power(x, f, power);
      mel[f] = bank.apply(power);
    }
    double[] hz = new double[bands];
    for (int m = 0; m < bands; m++) {
      hz[m] = bank.centre(m);
    }
    return new Spectrogram(
        toDb(mel), hz, clip.sampleRate() / (double) hop, "mel-" + scale.name().toLowerCase());
  }

  /**
   * A log-mel spectrogram (128 Slaney mels, 0 Hz to Nyquist) of power spectra already computed with
   * {@link Stft}, indexed {@code [frame][bin]}: for spectra an analysis has changed, such as the
   * masked ones of {@link Separation}.
   */
  public static Spectrogram logMel(float[][] power, int sampleRate, int fftSize, int hop) {
    MelFilterBank bank =
        MelFilterBank.of(
            MelScale.SLANEY, true, sampleRate, fftSize, DEFAULT_MELS, 0, sampleRate / 2.0);
    double[] hz = new double[DEFAULT_MELS];
    for (int m = 0; m < DEFAULT_MELS; m++) {
      hz[m] = bank.centre(m);
    }
    return new Spectrogram(
        toDb(bank.apply(power)),
        hz,
        sampleRate / (double) hop,
        "mel-" + MelScale.SLANEY.name().toLowerCase());
  }

  /** A linear-frequency STFT spectrogram of the clip's mono mix: one row per FFT bin. */
  public static Spectrogram linear(AudioClip clip, int fftSize, int hop) {
    Stft stft = new Stft(fftSize, hop);
    float[][] power = stft.power(clip.monoSamples());
    double[] hz = new double[stft.bins()];
    for (int k = 0; k < hz.length; k++) {
      hz[k] = k * (double) clip.sampleRate() / fftSize;
    }
    return new Spectrogram(toDb(power), hz, clip.sampleRate() / (double) hop, "linear");
  }

  private static float[][] toDb(float[][] p) {
    float[][] out = new float[p.length][];
    for (int f = 0; f < p.length; f++) {
      out[f] = new float[p[f].length];
      for (int k = 0; k < p[f].length; k++) {
        out[f][k] = (float) (10 * Math.log10(Math.max(p[f][k], 1e-10)));
      }
    }
    return out;
  }

  public int frames() {
    return db.length;
  }

  public int rows() {
    return rowHz.length;
  }

  /** The value at a frame and row, in dB. */
  public float db(int frame, int row) {
    return db[frame][row];
  }

  /** The centre frequency of a row in Hz (row 0 is the lowest). */
  public double rowFrequency(int row) {
    return rowHz[row];
  }

  /** The row whose centre frequency is closest to {@code hz}. */
  public int rowOf(double hz) {
    int best = 0;
    for (int r = 1; r < rowHz.length; r++) {
      if (Math.abs(rowHz[r] - hz) < Math.abs(rowHz[best] - hz)) {
        best = r;
      }
    }
    return best;
  }

  /** Frames per second. */
  public double frameRate() {
    return frameRate;
  }

  /** "mel-slaney", "mel-htk" or "linear". */
  public String scale() {
    return scale;
  }

  /** The largest value, in dB. */
  public float maxDb() {
    float m = Float.NEGATIVE_INFINITY;
    for (float[] row : db) {
      for (float v : row) {
        m = Math.max(m, v);
      }
    }
    return m;
  }
}
