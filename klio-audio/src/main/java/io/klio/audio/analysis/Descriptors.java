package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Resampler;
import java.io.Serializable;
import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Simple, documented content descriptors in [0, 1]: {@code speechiness}, {@code instrumentalness}
 * and {@code energy}, with the low-level features they are made of.
 *
 * <p>These are <b>heuristics</b>, not trained models: transparent formulas over classic features,
 * tuned so that the synthetic material of {@link io.klio.audio.synth.Synth} (speech-like noise,
 * tones, click tracks and mixtures) lands where a listener would put it. On real recordings they
 * rank rather than classify. The clip is mixed to mono and resampled to 22.05 kHz; frames are 1024
 * samples (46 ms, Hann) every 220 samples (10 ms, so the envelope is sampled at 100 Hz).
 *
 * <p>Features:
 *
 * <ul>
 *   <li>{@code activity}: frames whose RMS is within 40 dB of the loudest 5% of frames and above
 *       -70 dBFS are <i>active</i>; the others are silence and ignored by the spectral features.
 *   <li>{@code duty}: the fraction of all frames within 15 dB of that 95th-percentile level. Speech
 *       is "on" about half of the time (syllables and gaps), sustained music nearly always, a
 *       metronome rarely.
 *   <li>{@code modulation}: the syllable-rate modulation ratio. The frame-RMS envelope (100 Hz,
 *       mean removed, Hann-windowed) is Fourier transformed; {@code modulation} is its power in 2-8
 *       Hz (syllable rates, peak near 4 Hz) over its power in 0.5-25 Hz, times {@code min(1, depth
 *       / 0.5)} where {@code depth = std / mean} of the envelope, so that a steady signal with a
 *       little jitter does not count as modulated.
 *   <li>{@code flatness}: mean spectral flatness (geometric over arithmetic mean of the power in
 *       100 Hz - 8 kHz) of active frames: about 0.5 for white noise, near 0 for tones.
 *   <li>{@code harmonicity}: mean over active frames (every fifth, for speed) of the highest
 *       normalised autocorrelation at lags of 1-12.5 ms (80-1000 Hz pitch): near 1 for periodic
 *       sounds, near 0 for noise.
 *   <li>{@code zeroCrossingRate}: mean zero crossings per sample over active frames (reported for
 *       reference; not used in the scores).
 *   <li>{@code rmsDbfs}: RMS of the whole mono mix, dBFS.
 *   <li>{@code onsetRate}: onsets per second (peaks of the {@link OnsetEnvelope} above twice its
 *       median and at least 1 dB per frame, at least 50 ms apart).
 * </ul>
 *
 * <p>Scores ({@code clamp01(x) = min(1, max(0, x))}):
 *
 * <pre>
 * speechiness      = clamp01((modulation - 0.25) / 0.35)
 *                  * clamp01(1 - max(0, |duty - 0.5| - 0.1) / 0.25)
 *                  * (1 - 0.3 * harmonicity)
 * instrumentalness = (1 - speechiness)^2 * (0.5 + 0.5 * max(harmonicity, 1 - 2 * flatness))
 * energy           = 0.7 * clamp01((rmsDbfs + 45) / 39) + 0.3 * clamp01(onsetRate / 8)
 * </pre>
 *
 * <p>So speechiness needs syllable-rate modulation, speech-like on/off proportions and a noisy or
 * mixed spectrum; instrumentalness is "not speech" weighted by how tonal the content is; energy is
 * mostly level (-45 dBFS RMS is 0, -6 dBFS is 1) plus some activity (8 onsets per second is busy).
 * Silence (no active frame) scores 0 on all three.
 */
public final class Descriptors implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int RATE = 22050;
  static final int FRAME = 1024;
  static final int HOP = 220;

  private final double speechiness;
  private final double instrumentalness;
  private final double energy;
  private final double modulation;
  private final double duty;
  private final double flatness;
  private final double harmonicity;
  private final double zeroCrossingRate;
  private final double rmsDbfs;
  private final double onsetRate;

  private Descriptors(double[] v) {
    this.speechiness = v[0];
    this.instrumentalness = v[1];
    this.energy = v[2];
    this.modulation = v[3];
    this.duty = v[4];
    this.flatness = v[5];
    this.harmonicity = v[6];
    this.zeroCrossingRate = v[7];
    this.rmsDbfs = v[8];
    this.onsetRate = v[9];
  }

  /** Computes all descriptors of a clip. */
  public static Descriptors of(AudioClip clip) {
    float[] x = clip.monoSamples();
    if (clip.sampleRate() != RATE) {
      x = Resampler.of(clip.sampleRate(), RATE).process(x);
    }
    int frames = x.length < FRAME ? 0 : 1 + (x.length - FRAME) / HOP;
    double total = 0;
    for (float v : x) {
      total += v * v;
    }
    double rmsDb = 10 * Math.log10(Math.max(total / Math.max(1, x.length), 1e-20));
    if (frames < 2) {
      return new Descriptors(new double[] {0, 0, 0, 0, 0, 0, 0, 0, rmsDb, 0});
    }
    double[] rms = new double[frames];
    double[] rmsDbf = new double[frames];
    for (int f = 0; f < frames; f++) {
      double s = 0;
      for (int i = 0; i < FRAME; i++) {
        float v = x[f * HOP + i];
        s += v * v;
      }
      rms[f] = Math.sqrt(s / FRAME);
      rmsDbf[f] = 20 * Math.log10(Math.max(rms[f], 1e-10));
    }
    double[] sorted = rmsDbf.clone();
    Arrays.sort(sorted);
    double p95 = sorted[(int) Math.floor(0.95 * (frames - 1))];
    double activeFloor = Math.max(p95 - 40, -70);
    int on = 0;
    for (double d : rmsDbf) {
      if (d >= p95 - 15 && d > -70) {
        on++;
      }
    }
    double duty = on / (double) frames;

    // spectral features over active frames
    float[] window = Stft.hann(FRAME);
    DoubleFFT_1D fft = new DoubleFFT_1D(FRAME);
    double[] buf = new double[FRAME];
    int kLo = (int) Math.ceil(100.0 * FRAME / RATE);
    int kHi = (int) Math.floor(8000.0 * FRAME / RATE);
    int lagLo = RATE / 1000;
    int lagHi = (int) Math.ceil(RATE / 80.0);
    double flat = 0, harm = 0, zcr = 0;
    int active = 0;
    int harmFrames = 0;
    for (int f = 0; f < frames; f++) {
      if (rmsDbf[f] < activeFloor) {
        continue;
      }
      active++;
      int off = f * HOP;
      int crossings = 0;
      for (int i = 1; i < FRAME; i++) {
        if ((x[off + i] >= 0) != (x[off + i - 1] >= 0)) {
          crossings++;
        }
      }
      zcr += crossings / (double) FRAME;
      // harmonicity: normalised autocorrelation, on every fifth active frame (it is the costly one)
      if (active % 5 == 1) {
        harmFrames++;
        double e0 = 0;
        for (int i = 0; i < FRAME; i++) {
          e0 += (double) x[off + i] * x[off + i];
        }
        double best = 0;
        for (int lag = lagLo; lag <= lagHi; lag++) {
          double s = 0, e1 = 0, e2 = 0;
          for (int i = 0; i + lag < FRAME; i++) {
            double a = x[off + i], b = x[off + i + lag];
            s += a * b;
            e1 += a * a;
            e2 += b * b;
          }
          if (e1 > 0 && e2 > 0) {
            best = Math.max(best, s / Math.sqrt(e1 * e2));
          }
        }
        harm += e0 > 0 ? best : 0;
      }
      // flatness
      for (int i = 0; i < FRAME; i++) {
        buf[i] = x[off + i] * window[i];
      }
      fft.realForward(buf);
      double logSum = 0, sum = 0;
      for (int k = kLo; k <= kHi; k++) {
        double p = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1] + 1e-20;
        logSum += Math.log(p);
        sum += p;
      }
      int nb = kHi - kLo + 1;
      flat += Math.exp(logSum / nb) / (sum / nb);
    }
    if (active == 0 || p95 <= -70) {
      return new Descriptors(new double[] {0, 0, 0, 0, duty, 0, 0, 0, rmsDb, 0});
    }
    flat /= active;
    harm /= Math.max(1, harmFrames);
    zcr /= active;

    double modulation = modulation(rms, RATE / (double) HOP);
    double onsetRate = onsetRate(OnsetEnvelope.of(AudioClip.wrap(RATE, new float[][] {x})));

    double speech =
        clamp01((modulation - 0.25) / 0.35)
            * clamp01(1 - Math.max(0, Math.abs(duty - 0.5) - 0.1) / 0.25)
            * (1 - 0.3 * harm);
    double instrumental = (1 - speech) * (1 - speech) * (0.5 + 0.5 * Math.max(harm, 1 - 2 * flat));
    double energy = 0.7 * clamp01((rmsDb + 45) / 39) + 0.3 * clamp01(onsetRate / 8);
    return new Descriptors(
        new double[] {
          speech, clamp01(instrumental), energy, modulation, duty, flat, harm, zcr, rmsDb, onsetRate
        });
  }

  static double modulation(double[] env, double rate) {
    int n = env.length;
    double mean = 0;
    for (double v : env) {
      mean += v;
    }
    mean /= n;
    if (mean <= 0) {
      return 0;
    }
    double var = 0;
    for (double v : env) {
      var += (v - mean) * (v - mean);
    }
    double depth = Math.sqrt(var / n) / mean;
    int size = Integer.highestOneBit(Math.max(2, n - 1)) << 1;
    double[] buf = new double[size];
    for (int i = 0; i < n; i++) {
      double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
      buf[i] = (env[i] - mean) * w;
    }
    new DoubleFFT_1D(size).realForward(buf);
    double band = 0, all = 0;
    for (int k = 1; k < size / 2; k++) {
      double hz = k * rate / size;
      double p = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
      if (hz >= 0.5 && hz <= 25) {
        all += p;
        if (hz >= 2 && hz <= 8) {
          band += p;
        }
      }
    }
    return all <= 0 ? 0 : band / all * Math.min(1, depth / 0.5);
  }

  static double onsetRate(OnsetEnvelope env) {
    float[] o = env.raw();
    if (o.length < 3) {
      return 0;
    }
    float[] sorted = o.clone();
    Arrays.sort(sorted);
    double thresh = Math.max(1.0, 2 * sorted[sorted.length / 2]);
    int minGap = (int) Math.ceil(0.05 * env.frameRate());
    int count = 0;
    int lastPeak = -minGap;
    for (int t = 1; t + 1 < o.length; t++) {
      if (o[t] > thresh && o[t] >= o[t - 1] && o[t] > o[t + 1] && t - lastPeak >= minGap) {
        count++;
        lastPeak = t;
      }
    }
    return count / (o.length / env.frameRate());
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }

  /** How much the clip sounds like speech, 0..1. */
  public double speechiness() {
    return speechiness;
  }

  /** How much the clip sounds like instruments without voice, 0..1. */
  public double instrumentalness() {
    return instrumentalness;
  }

  /** Perceived intensity and activity, 0..1. */
  public double energy() {
    return energy;
  }

  public double modulation() {
    return modulation;
  }

  public double duty() {
    return duty;
  }

  public double flatness() {
    return flatness;
  }

  public double harmonicity() {
    return harmonicity;
  }

  public double zeroCrossingRate() {
    return zeroCrossingRate;
  }

  public double rmsDbfs() {
    return rmsDbfs;
  }

  public double onsetRate() {
    return onsetRate;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "Descriptors[speechiness=%.3f, instrumentalness=%.3f, energy=%.3f, modulation=%.3f,"
            + " duty=%.3f, flatness=%.3f, harmonicity=%.3f, zcr=%.4f, rms=%.1f dBFS,"
            + " onsets=%.2f/s]",
        speechiness,
        instrumentalness,
        energy,
        modulation,
        duty,
        flatness,
        harmonicity,
        zeroCrossingRate,
        rmsDbfs,
        onsetRate);
  }
}
