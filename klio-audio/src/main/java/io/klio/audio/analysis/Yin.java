package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Resampler;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Fundamental frequency by YIN (A. de Cheveigné and H. Kawahara, "YIN, a fundamental frequency
 * estimator for speech and music", JASA 111(4), 2002), steps 1 to 5 of the paper.
 *
 * <p>The clip is mixed to mono and resampled to {@value #RATE} Hz. Frames of {@value #FRAME}
 * samples (46 ms) every {@value #HOP} (11.6 ms), centred on {@code i * HOP} (zero-padded at the
 * ends). Per frame, with integration window {@code W} = {@value #WINDOW} samples (23 ms, near the
 * paper's 25 ms; 46 ms was too long for the pitch movements of speech):
 *
 * <ol>
 *   <li>difference function {@code d(tau) = sum_{j<W} (x_j - x_{j+tau})^2}, computed as {@code E(0)
 *       + E(tau) - 2 r(tau)} with the cross-correlation {@code r} by FFT and the energies {@code E}
 *       by a running sum;
 *   <li>cumulative mean normalised difference {@code d'(tau) = d(tau) tau / sum_{j=1..tau} d(j)},
 *       {@code d'(0) = 1};
 *   <li>absolute threshold: the first {@code tau} between {@code RATE / fmax} and {@code RATE /
 *       fmin} with {@code d'(tau) < threshold}, moved on to the bottom of its dip; if there is none
 *       the frame is <b>unvoiced</b> (f0 {@code NaN}; the paper would take the global minimum,
 *       which is what {@link Pitch#aperiodicity} reports then);
 *   <li>parabolic interpolation of {@code d'} through the dip's bottom and its neighbours gives the
 *       period to a fraction of a sample, and the aperiodicity the parabola's minimum.
 * </ol>
 *
 * Frames quieter than -100 dBFS RMS are unvoiced with aperiodicity 1. Defaults: fmin {@value
 * #DEFAULT_FMIN} Hz, fmax {@value #DEFAULT_FMAX} Hz, threshold {@value #DEFAULT_THRESHOLD} (the
 * paper's). The paper's step 6 (re-estimation from neighbouring frames) is not done.
 */
public final class Yin {
  /** Analysis rate, Hz. */
  public static final int RATE = 22050;

  /** Frame length, samples (46 ms). */
  public static final int FRAME = 1024;

  /** Integration window {@code W}, samples (23 ms); the longest period is {@code FRAME - W}. */
  public static final int WINDOW = 512;

  /** Hop, samples (11.6 ms). */
  public static final int HOP = 256;

  public static final double DEFAULT_FMIN = 50;
  public static final double DEFAULT_FMAX = 2000;
  public static final double DEFAULT_THRESHOLD = 0.1;

  private Yin() {}

  /** The f0 series with the defaults. */
  public static Pitch track(AudioClip clip) {
    return track(clip, DEFAULT_FMIN, DEFAULT_FMAX, DEFAULT_THRESHOLD);
  }

  /**
   * The f0 series, searching periods between {@code 1 / fmax} and {@code 1 / fmin} ({@code fmin} at
   * least {@code RATE / (FRAME - WINDOW)} = 43.1 Hz, {@code fmax} at most {@code RATE / 4}), voiced
   * where the aperiodicity is below {@code threshold}.
   */
  public static Pitch track(AudioClip clip, double fmin, double fmax, double threshold) {
    int minLag = Math.max(2, (int) Math.floor(RATE / fmax));
    int maxLag = (int) Math.ceil(RATE / fmin);
    if (maxLag > FRAME - WINDOW - 1 || minLag >= maxLag || fmax > RATE / 4.0) {
      throw new IllegalArgumentException(
          "need " + RATE / (double) (FRAME - WINDOW - 1) + " <= fmin < fmax <= " + RATE / 4.0);
    }
    float[] x = clip.monoSamples();
    if (clip.sampleRate() != RATE) {
      x = Resampler.of(clip.sampleRate(), RATE).process(x);
    }
    int frames = 1 + x.length / HOP;
    double[] f0 = new double[frames];
    double[] aperiodicity = new double[frames];
    Frame work = new Frame();
    for (int i = 0; i < frames; i++) {
      work.analyse(x, i * HOP - FRAME / 2, minLag, maxLag, threshold);
      f0[i] = work.f0;
      aperiodicity[i] = work.aperiodicity;
    }
    return new Pitch(HOP / (double) RATE, f0, aperiodicity);
  }

  /** Scratch arrays and the result of one frame. */
  private static final class Frame {
    private final DoubleFFT_1D fft = new DoubleFFT_1D(FRAME);
    private final double[] frame = new double[FRAME];
    private final double[] head = new double[FRAME];
    private final double[] energy = new double[FRAME + 1];
    private final double[] cmnd = new double[FRAME - WINDOW + 1];
    double f0;
    double aperiodicity;

    void analyse(float[] x, int start, int minLag, int maxLag, double threshold) {
      for (int j = 0; j < FRAME; j++) {
        int k = start + j;
        frame[j] = k >= 0 && k < x.length ? x[k] : 0;
        energy[j + 1] = energy[j] + frame[j] * frame[j];
      }
      f0 = Double.NaN;
      aperiodicity = 1;
      if (energy[FRAME] <= 1e-10 * FRAME) { // below -100 dBFS RMS
        return;
      }
      // r(tau) = sum_{j<W} x_j x_{j+tau}: circular, but the lags used (<= FRAME - W) are clean
      java.util.Arrays.fill(head, 0);
      System.arraycopy(frame, 0, head, 0, WINDOW);
      fft.realForward(head);
      fft.realForward(frame);
      frame[0] *= head[0];
      frame[1] *= head[1];
      for (int k = 1; k < FRAME / 2; k++) {
        double ar = head[2 * k], ai = head[2 * k + 1];
        double br = frame[2 * k], bi = frame[2 * k + 1];
        frame[2 * k] = ar * br + ai * bi; // conj(A) B
        frame[2 * k + 1] = ar * bi - ai * br;
      }
      fft.realInverse(frame, true);
      double e0 = energy[WINDOW];
      double sum = 0;
      cmnd[0] = 1;
      for (int tau = 1; tau <= maxLag + 1; tau++) {
        double d = Math.max(0, e0 + energy[tau + WINDOW] - energy[tau] - 2 * frame[tau]);
        sum += d;
        cmnd[tau] = sum > 0 ? d * tau / sum : 1;
      }
      // the paper's dip selection uses the interpolated minimum of each dip: a narrow dip between
      // two integer lags (a high f0 with strong harmonics) may have no sample below the threshold
      int best = -1;
      for (int tau = minLag; tau <= maxLag && best < 0; tau++) {
        if (cmnd[tau] <= cmnd[tau - 1]
            && cmnd[tau] < cmnd[tau + 1]
            && interpolatedMinimum(tau) < threshold) {
          best = tau;
        }
      }
      boolean voiced = best >= 0;
      if (!voiced) {
        best = minLag;
        for (int tau = minLag; tau <= maxLag; tau++) {
          if (cmnd[tau] < cmnd[best]) {
            best = tau;
          }
        }
      }
      aperiodicity = interpolatedMinimum(best);
      if (voiced) {
        f0 = RATE / (best + shift(best));
      }
    }

    /**
     * The offset of the vertex of the parabola through {@code d'} at lags tau - 1, tau, tau + 1.
     */
    private double shift(int tau) {
      double a = cmnd[tau - 1], b = cmnd[tau], c = cmnd[tau + 1];
      double curvature = a - 2 * b + c;
      return curvature > 0 ? Math.max(-1, Math.min(1, (a - c) / (2 * curvature))) : 0;
    }

    /** The parabola's value at its vertex (not below 0). */
    private double interpolatedMinimum(int tau) {
      return Math.max(0, cmnd[tau] - (cmnd[tau - 1] - cmnd[tau + 1]) * shift(tau) / 4);
    }
  }
}
