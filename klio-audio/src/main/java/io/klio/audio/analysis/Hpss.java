package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import java.io.Serializable;

/**
 * Harmonic/percussive source separation by median filtering (D. Fitzgerald, "Harmonic/percussive
 * separation using median filtering", DAFx 2010), as librosa's {@code effects.hpss}: a clip split
 * into a harmonic part (sustained, narrow-band: tones, held notes, vowels) and a percussive part
 * (short, broadband: clicks, drum hits, attacks) that add up to the clip.
 *
 * <p>Each channel at the clip's own rate: STFT ({@value #FFT}-point periodic Hann, hop {@value
 * #HOP}, centred); magnitudes {@code |S|} median-filtered along time over {@code harmonicKernel}
 * frames ({@code H}) and along frequency over {@code percussiveKernel} bins ({@code P}), zeros
 * beyond the ends (librosa reflects them; this differs only within half a kernel of the edges);
 * soft masks with power 2 and margin 1, {@code M_h = H^2 / (H^2 + P^2)}, {@code M_p = P^2 / (H^2 +
 * P^2)}, both 1/2 where {@code H = P = 0} (librosa sets both to 0 there, losing that energy); each
 * masked spectrogram back through {@link Stft#inverse}. The masks add up to 1, so {@code harmonic +
 * percussive} is the clip to float rounding. Default kernels 31 and 31 (librosa's).
 */
public final class Hpss implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int FFT = 2048;
  public static final int HOP = 512;
  public static final int DEFAULT_KERNEL = 31;

  private final AudioClip harmonic;
  private final AudioClip percussive;

  private Hpss(AudioClip harmonic, AudioClip percussive) {
    this.harmonic = harmonic;
    this.percussive = percussive;
  }

  /** The separation with librosa's kernels (31 frames, 31 bins). */
  public static Hpss separate(AudioClip clip) {
    return separate(clip, DEFAULT_KERNEL, DEFAULT_KERNEL);
  }

  /**
   * The separation with median filters of {@code harmonicKernel} frames along time and {@code
   * percussiveKernel} bins along frequency (odd, at least 3).
   */
  public static Hpss separate(AudioClip clip, int harmonicKernel, int percussiveKernel) {
    Stft stft = new Stft(FFT, HOP);
    MedianFilter.Frames alongTime = new MedianFilter(harmonicKernel).new Frames(stft.bins());
    MedianFilter.Rows alongFrequency = new MedianFilter(percussiveKernel).new Rows(stft.bins());
    int ch = clip.channelCount();
    float[][] h = new float[ch][];
    float[][] p = new float[ch][];
    for (int c = 0; c < ch; c++) {
      float[] x = clip.channel(c);
      float[][] spectra = stft.spectra(x);
      int frames = spectra.length;
      int bins = stft.bins();
      float[][] mag = new float[frames][bins];
      for (int t = 0; t < frames; t++) {
        for (int k = 0; k < bins; k++) {
          mag[t][k] = (float) Math.hypot(spectra[t][2 * k], spectra[t][2 * k + 1]);
        }
      }
      float[][] hs = new float[frames][2 * bins];
      float[][] pairH = new float[2][bins];
      float[] pRow = new float[bins];
      for (int t = 0; t < frames; t++) {
        if (t % 2 == 0) {
          alongTime.alongFrames(mag, t, pairH[0], pairH[1]);
        }
        alongFrequency.alongBins(mag[t], pRow);
        float[] hRow = pairH[t % 2];
        for (int k = 0; k < bins; k++) {
          double h2 = (double) hRow[k] * hRow[k];
          double p2 = (double) pRow[k] * pRow[k];
          float maskH = h2 + p2 > 0 ? (float) (h2 / (h2 + p2)) : 0.5f;
          float maskP = h2 + p2 > 0 ? (float) (p2 / (h2 + p2)) : 0.5f;
          for (int j = 2 * k; j <= 2 * k + 1; j++) {
            hs[t][j] = spectra[t][j] * maskH;
            spectra[t][j] *= maskP; // the percussive spectra, in place
          }
        }
      }
      h[c] = stft.inverse(hs, x.length);
      p[c] = stft.inverse(spectra, x.length);
    }
    return new Hpss(AudioClip.wrap(clip.sampleRate(), h), AudioClip.wrap(clip.sampleRate(), p));
  }

  /** The harmonic part: sustained, narrow-band sound. */
  public AudioClip harmonic() {
    return harmonic;
  }

  /** The percussive part: short, broadband sound. */
  public AudioClip percussive() {
    return percussive;
  }
}
