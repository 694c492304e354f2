package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Global tempo estimation and dynamic-programming beat tracking after D. P. W. Ellis, "Beat
 * Tracking by Dynamic Programming", J. New Music Research 36(1), 2007 (the algorithm behind
 * librosa's {@code beat_track}).
 *
 * <ol>
 *   <li><b>Onsets</b>: {@link #track(AudioClip)} uses {@link OnsetEnvelope#percussive}, the
 *       periodicity-weighted sub-band flux of the percussive part of a median-filter
 *       harmonic/percussive separation, so speech-like noise over the beat hardly moves it.
 *   <li><b>Tempo</b>: an autocorrelation comb over the envelope with an off-beat penalty, times a
 *       log-normal prior centred on 120 BPM with one octave of standard deviation (Ellis's and
 *       librosa's choice); see {@link #estimateTempo}.
 *   <li><b>Beats</b>: the onset envelope, divided by its standard deviation and smoothed with a
 *       Gaussian of {@code period / 32}, is the local score; the cumulative score is {@code C[t] =
 *       local[t] + max over tau in [t - 2P, t - P/2] of (C[tau] - 100 (log((t - tau) / P))^2)}
 *       (tightness 100); the last beat is the last local maximum of {@code C} above half the median
 *       of its local maxima; beats are back-tracked from there and weak beats at either end (local
 *       score below half its RMS over the beats) are dropped.
 *   <li><b>Refinement</b>: each beat is moved to the parabolic peak of the onset envelope within
 *       one frame, and the final tempo is the least-squares slope of beat times against beat
 *       numbers (numbers counted in periods of the first estimate, so a missed beat does not bend
 *       the line). This takes tempo resolution from about 3 BPM (one frame of lag at 120 BPM) to a
 *       small fraction of a BPM on steady material. If the envelope is less periodic at the fitted
 *       tempo than at the first estimate ({@link #periodicity}), the beats strayed (speech over the
 *       beat) and the first estimate is kept.
 * </ol>
 */
public final class BeatTracker {
  /** The prior's centre, BPM. */
  public static final double PRIOR_BPM = 120;

  /** Ellis's tightness: how strongly the tracker holds the tempo. */
  public static final double TIGHTNESS = 100;

  private BeatTracker() {}

  /** Span of the confidence comb, seconds (all multiples of the period up to this lag). */
  public static final double CONFIDENCE_SPAN_SECONDS = 8;

  /** Distance of the confidence comb's flanks from each tooth, frames (4 x 11.6 ms = 46 ms). */
  public static final int CONFIDENCE_FLANK_FRAMES = 4;

  /**
   * Mean rectified log-mel flux ({@link OnsetEnvelope#of}, dB per frame averaged over bands) at and
   * above which a clip's onsets count in full; below it the confidence is scaled down in proportion
   * (see {@link Beats#confidence()}).
   */
  public static final double AUDIBLE_FLUX_DB = 0.25;

  /**
   * Tempo, beats and confidence of a clip: {@link #track(OnsetEnvelope)} on the clip's {@link
   * OnsetEnvelope#percussive} envelope, with the confidence multiplied by {@code min(1, f /
   * }{@value #AUDIBLE_FLUX_DB}{@code )}, {@code f} the mean of the clip's plain {@link
   * OnsetEnvelope#of} flux in dB per frame. The percussive envelope is normalised (each sub-band by
   * its standard deviation), so it cannot tell a beat from the tiny, exactly periodic flicker a
   * steady low tone leaves in the STFT; the plain flux keeps absolute scale: 0.002-0.035 dB per
   * frame for steady tones, 0.6-2.1 for clicks, music and speech.
   */
  public static Beats track(AudioClip clip) {
    float[][] power = OnsetEnvelope.power(clip); // one STFT for both envelopes
    OnsetEnvelope.Percussive perc = OnsetEnvelope.percussiveWithLow(power);
    Beats b = track(perc.all(), perc.low(), perc.kick(), perc.snare());
    double flux = 0;
    float[] plain = OnsetEnvelope.of(power).raw();
    for (float v : plain) {
      flux += v;
    }
    flux /= Math.max(1, plain.length);
    double gate = Math.min(1, flux / AUDIBLE_FLUX_DB);
    return new Beats(b.tempoBpm(), b.times(), b.confidence() * gate);
  }

  /**
   * Tempo and beats from an onset envelope. The confidence is {@link #periodicity} at the final
   * tempo (without the audibility gate of {@link #track(AudioClip)}).
   */
  public static Beats track(OnsetEnvelope env) {
    return track(env, env);
  }

  /**
   * {@link #track(OnsetEnvelope)} with the metrical level chosen on {@code accents} (see {@link
   * #estimateTempo(OnsetEnvelope, OnsetEnvelope)}).
   */
  static Beats track(OnsetEnvelope env, OnsetEnvelope accents) {
    return track(env, accents, null, null);
  }

  /**
   * {@link #track(OnsetEnvelope, OnsetEnvelope)} with the backbeat cue read on {@code kick} and
   * {@code snare} (both null for none).
   */
  static Beats track(
      OnsetEnvelope env, OnsetEnvelope accents, OnsetEnvelope kick, OnsetEnvelope snare) {
    float[] o = env.raw();
    double fps = env.frameRate();
    double bpm0 = estimateTempo(env, accents, kick, snare);
    if (Double.isNaN(bpm0)) {
      return new Beats(0, new double[0], 0);
    }
    double period = 60 * fps / bpm0;
    int[] beats = dynamicProgramme(o, period);
    if (beats.length == 0) {
      return new Beats(bpm0, new double[0], periodicity(env, bpm0));
    }
    double[] times = new double[beats.length];
    for (int i = 0; i < beats.length; i++) {
      times[i] = refine(o, beats[i]) / fps;
    }
    double bpm = bpm0;
    if (times.length >= 4) {
      double p0 = 60 / bpm0;
      double[] idx = new double[times.length];
      for (int i = 0; i < times.length; i++) {
        idx[i] = Math.round((times[i] - times[0]) / p0);
      }
      double mi = 0, mt = 0;
      for (int i = 0; i < times.length; i++) {
        mi += idx[i];
        mt += times[i];
      }
      mi /= times.length;
      mt /= times.length;
      double num = 0, den = 0;
      for (int i = 0; i < times.length; i++) {
        num += (idx[i] - mi) * (times[i] - mt);
        den += (idx[i] - mi) * (idx[i] - mi);
      }
      if (den > 0 && num > 0) {
        bpm = 60 / (num / den);
      }
    }
    double sharp = periodicity(env, bpm);
    double sharp0 = periodicity(env, bpm0);
    if (sharp0 > sharp) {
      // the fit followed beats that strayed (speech over the beat): keep the comb's estimate
      return new Beats(bpm0, times, sharp0);
    }
    return new Beats(bpm, times, sharp);
  }

  /** Number of multiples of the period (teeth) in the autocorrelation combs. */
  public static final int COMB_TEETH = 4;

  /** Tempo range searched, BPM. */
  public static final double MIN_BPM = 30, MAX_BPM = 300;

  /**
   * Ratios to the strongest periodicity among which the metrical level (the beat) is chosen: the
   * neighbouring levels of duple and triple meters.
   */
  private static final double[] LEVELS = {1 / 3.0, 1 / 2.0, 2 / 3.0, 1, 3 / 2.0, 2, 3};

  /**
   * Range of beat rates the metrical level is chosen in, BPM: periods from 250 ms to 1.5 s, where
   * listeners place a beat (faster pulses are heard as subdivisions, slower as bars).
   */
  public static final double MIN_BEAT_BPM = 40, MAX_BEAT_BPM = 240;

  /** Half-width of the search for each level's exact period, relative (the tempo accuracy's 4%). */
  private static final double LEVEL_SEARCH = 0.04;

  /** Grid of candidate periods, frames. */
  private static final double LAG_STEP = 0.02;

  /** {@link #estimateTempo(OnsetEnvelope, OnsetEnvelope)} with one envelope for both roles. */
  public static double estimateTempo(OnsetEnvelope env) {
    return estimateTempo(env, env);
  }

  /**
   * Global tempo in BPM; NaN for silence. Two steps, both on autocorrelations {@code r} of onset
   * envelopes (unbiased, mean removed, 1-2-1 smoothed so that fractional lags are sampled fairly,
   * read by linear interpolation), over periods {@code L} on a 0.02-frame grid from {@value
   * #MAX_BPM} to {@value #MIN_BPM} BPM:
   *
   * <ol>
   *   <li><b>Periodicity</b>: on {@code env}, the harmonic sum {@code P(L) = mean_k r(k L)}, {@code
   *       k = 1..}{@value #COMB_TEETH}, is high when onsets recur at {@code L} and its multiples.
   *       Its maximum, weighted by the log-normal prior, is <i>some</i> metrical level: the beat,
   *       the eighths, the half bar or the dotted quarter.
   *   <li><b>Metrical level</b>: the candidates are that period times 1/3, 1/2, 2/3, 1, 3/2, 2 and
   *       3 (each moved to the highest {@code P} within 4%) with beat rates of {@value
   *       #MIN_BEAT_BPM}-{@value #MAX_BEAT_BPM} BPM. Each is scored by its <i>contrast</i>: the odd
   *       teeth {@code mean r(k L)}, {@code k = 1, 3, 5, 7}, less the larger of the half-way teeth
   *       {@code mean r((k - 1/2) L)} and the third-way teeth {@code mean r((k - 1/3) L), r((k -
   *       2/3) L)}. A level twice too fast has its odd teeth between beats; one 3/2 too slow has
   *       its odd teeth on off-beats; one 2 or 3 times too slow has beats half- or third-way. (The
   *       former score, {@code mean r(k L) - mean r((k - 1/2) L)} on all teeth, was cancelled at
   *       the true beat by straight eighth-note hi-hats and chose 2/3 of the tempo.) The contrast
   *       is read on {@code env} and on {@code accents} (the low sub-band, where kicks, snare
   *       bodies and bass notes are and hi-hats are not), each weighted by the square of its peak
   *       normalised autocorrelation over beat periods, summed and multiplied by the prior; the
   *       best wins. The low band decides the octave for drums; when speech or noise fills it, its
   *       weight falls and {@code env} decides. With kick and snare envelopes (from {@link
   *       #track(AudioClip)}), a backbeat cue ({@link Backbeat}: the snare recurs every two beats
   *       and falls an odd number of beats from the kick) is added with weight {@value
   *       #BACKBEAT_WEIGHT}, and the level's prior is {@value #LEVEL_PRIOR_OCTAVES} octaves wide.
   * </ol>
   *
   * The prior is log-normal, centred on {@link #PRIOR_BPM} with one octave of standard deviation
   * (Ellis 2007, librosa).
   */
  public static double estimateTempo(OnsetEnvelope env, OnsetEnvelope accents) {
    return estimateTempo(env, accents, null, null);
  }

  static double estimateTempo(
      OnsetEnvelope env, OnsetEnvelope accents, OnsetEnvelope kick, OnsetEnvelope snare) {
    double fps = env.frameRate();
    int n = env.length();
    double[] ac = autocorrelation(env.raw());
    if (ac == null) {
      return Double.NaN;
    }
    double minLag = 60 * fps / MAX_BPM;
    double maxLag = Math.min(n / 2.0 - 1, 60 * fps / MIN_BPM);
    if (maxLag <= minLag + 2) {
      return Double.NaN;
    }
    int count = (int) ((maxLag - minLag) / LAG_STEP) + 1;
    double[] harmonic = new double[count];
    int strongest = -1;
    double strongestScore = 0;
    for (int i = 0; i < count; i++) {
      double lag = minLag + i * LAG_STEP;
      harmonic[i] = comb(ac, lag, 0);
      double score = prior(60 * fps / lag) * harmonic[i];
      if (score > strongestScore) {
        strongestScore = score;
        strongest = i;
      }
    }
    if (strongest < 0) {
      return Double.NaN;
    }
    double lag0 = minLag + strongest * LAG_STEP;
    double[] levels = new double[LEVELS.length];
    for (int j = 0; j < LEVELS.length; j++) {
      double target = lag0 / LEVELS[j]; // a faster level has a shorter period
      levels[j] = Double.NaN;
      if (60 * fps / target < MIN_BEAT_BPM || 60 * fps / target > MAX_BEAT_BPM) {
        continue;
      }
      int from = (int) Math.ceil((target / (1 + LEVEL_SEARCH) - minLag) / LAG_STEP);
      int to = (int) Math.floor((target * (1 + LEVEL_SEARCH) - minLag) / LAG_STEP);
      double best = Double.NEGATIVE_INFINITY;
      for (int i = Math.max(0, from); i <= Math.min(count - 1, to); i++) {
        if (harmonic[i] > best) {
          best = harmonic[i];
          levels[j] = minLag + i * LAG_STEP;
        }
      }
    }
    double[] low = accents == env ? null : autocorrelation(accents.raw());
    Backbeat bb = kick == null || snare == null ? null : Backbeat.of(kick.raw(), snare.raw());
    double lag = bestLevel(ac, low, bb, levels, fps);
    return 60 * fps / (Double.isNaN(lag) ? lag0 : lag);
  }

  /**
   * The level with the highest positive prior-weighted contrast, summed over the two
   * autocorrelations ({@code low} may be null), each normalised by its lag-0 value and weighted by
   * the square of its periodicity; NaN if none is positive.
   */
  private static double bestLevel(
      double[] ac, double[] low, Backbeat bb, double[] levels, double fps) {
    double wAll = Math.pow(periodicityPeak(ac, fps), 2);
    double wLow = low == null ? 0 : Math.pow(periodicityPeak(low, fps), 2);
    double best = Double.NaN;
    double bestScore = 0;
    for (double lag : levels) {
      if (Double.isNaN(lag)) {
        continue;
      }
      double c = wAll * contrast(ac, lag) + (low == null ? 0 : wLow * contrast(low, lag));
      double b = bb == null ? 0 : bb.score(lag);
      double score = levelPrior(60 * fps / lag) * (c + BACKBEAT_WEIGHT * b);
      if (score > bestScore) {
        bestScore = score;
        best = lag;
      }
    }
    return best;
  }

  /**
   * Weight of the backbeat cue against the contrast (see {@link #estimateTempo}): where a backbeat
   * is heard it decides the level, over hi-hats and syncopated kicks.
   */
  public static final double BACKBEAT_WEIGHT = 2;

  /** The backbeat cue: kick and snare envelopes' cross- and the snare's autocorrelation. */
  static final class Backbeat {
    final double[] pos; // xc(tau) = corr(kick(t), snare(t + tau)), tau >= 0
    final double[] neg; // corr(kick(t + tau), snare(t))
    final double[] snare; // autocorrelation of the snare envelope

    private Backbeat(double[] pos, double[] neg, double[] snare) {
      this.pos = pos;
      this.neg = neg;
      this.snare = snare;
    }

    static Backbeat of(float[] kick, float[] snare) {
      int n = Math.min(kick.length, snare.length);
      double[] k = centred(kick, n), s = centred(snare, n);
      int lags = n / 2 + 2;
      double ek = 0, es = 0;
      for (int i = 0; i < n; i++) {
        ek += k[i] * k[i];
        es += s[i] * s[i];
      }
      if (ek <= 1e-12 || es <= 1e-12) {
        return null;
      }
      double norm = Math.sqrt(ek / n * es / n);
      double[] pos = smooth(crossProducts(k, s, lags), n, norm);
      double[] neg = smooth(crossProducts(s, k, lags), n, norm);
      double[] ss = smooth(lagProducts(s, lags), n, es / n);
      return new Backbeat(pos, neg, ss);
    }

    /** Snare one beat from the kick (odd beats), not with it nor two beats from it. */
    double alternation(double lag) {
      double odd = 0, even = 0;
      for (int j = 0; j < 4; j++) {
        double v = 0.5 * (interpolate(pos, j * lag) + interpolate(neg, j * lag));
        if (j % 2 == 1) {
          odd += v / 2;
        } else {
          even += v / 2;
        }
      }
      return odd - even;
    }

    /**
     * The snare recurs every two beats: its autocorrelation at {@code 2L} less the larger of that
     * at {@code L} (it recurs every beat) and the mean at {@code 2L/3, 4L/3} (every two thirds of a
     * beat: a level 3/2 too slow).
     */
    double snarePeriod(double lag) {
      double on = interpolate(snare, 2 * lag);
      double off =
          Math.max(
              interpolate(snare, lag),
              0.5 * (interpolate(snare, 2 * lag / 3) + interpolate(snare, 4 * lag / 3)));
      return on - off;
    }

    double score(double lag) {
      return alternation(lag) > 0 ? Math.max(0, snarePeriod(lag)) : 0;
    }
  }

  private static double[] centred(float[] o, int n) {
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += o[i];
    }
    mean /= Math.max(1, n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = o[i] - mean;
    }
    return x;
  }

  /** Unbiased ({@code / (n - lag)}), divided by {@code norm}, 1-2-1 smoothed. */
  private static double[] smooth(double[] raw, int n, double norm) {
    int len = raw.length;
    double[] u = new double[len];
    for (int l = 0; l < len; l++) {
      u[l] = raw[l] / Math.max(1, n - l) / norm;
    }
    double[] out = new double[len];
    for (int l = 0; l < len; l++) {
      double a = u[Math.abs(l - 1)], c = l + 1 < len ? u[l + 1] : u[l];
      out[l] = 0.25 * a + 0.5 * u[l] + 0.25 * c;
    }
    return out;
  }

  /** {@code sum_i x[i] y[i + lag]} for {@code 0 <= lag < lags}, through the FFT. */
  static double[] crossProducts(double[] x, double[] y, int lags) {
    int n = x.length;
    int need = Math.max(2, n + lags - 1);
    int size = Integer.highestOneBit(need) == need ? need : Integer.highestOneBit(need) << 1;
    double[] a = Arrays.copyOf(x, size);
    double[] b = Arrays.copyOf(y, size);
    DoubleFFT_1D fft = new DoubleFFT_1D(size);
    fft.realForward(a);
    fft.realForward(b);
    // conj(A) B: packed layout as in lagProducts
    a[0] *= b[0];
    a[1] *= b[1];
    for (int k = 2; k < size; k += 2) {
      double ar = a[k], ai = a[k + 1], br = b[k], bi = b[k + 1];
      a[k] = ar * br + ai * bi;
      a[k + 1] = ar * bi - ai * br;
    }
    fft.realInverse(a, true);
    double[] out = new double[lags];
    System.arraycopy(a, 0, out, 0, Math.min(lags, size));
    return out;
  }

  /**
   * How well {@code lag} stands for the beat on {@code ac} (normalised by its lag-0 value): the odd
   * teeth {@code mean r(k L)}, {@code k = 1, 3, 5, 7}, less the larger of the half-way teeth {@code
   * mean r((k - 1/2) L)} and the third-way teeth {@code mean r((k - 1/3) L), r((k - 2/3) L)}.
   */
  private static double contrast(double[] ac, double lag) {
    double on = oddTeeth(ac, lag);
    double off =
        Math.max(comb(ac, lag, 0.5), 0.5 * (comb(ac, lag, 1 / 3.0) + comb(ac, lag, 2 / 3.0)));
    return (on - off) / ac[0];
  }

  /**
   * The peak of {@code ac / ac(0)} over beat periods ({@value #MIN_BEAT_BPM}-{@value #MAX_BEAT_BPM}
   * BPM).
   */
  private static double periodicityPeak(double[] ac, double fps) {
    double best = 0;
    for (int lag = (int) (60 * fps / MAX_BEAT_BPM);
        lag <= Math.min(ac.length - 1, 60 * fps / MIN_BEAT_BPM);
        lag++) {
      best = Math.max(best, ac[lag] / ac[0]);
    }
    return best;
  }

  /** {@code mean_k ac(k lag)} over odd {@code k < 2 COMB_TEETH}, within {@code ac}. */
  private static double oddTeeth(double[] ac, double lag) {
    double sum = 0;
    int count = 0;
    for (int k = 1; k < 2 * COMB_TEETH && k * lag <= ac.length - 2; k += 2) {
      sum += interpolate(ac, k * lag);
      count++;
    }
    return count == 0 ? 0 : sum / count;
  }

  /** {@code mean_k ac((k - shift) lag)}, {@code k = 1..}{@value #COMB_TEETH}, within {@code ac}. */
  private static double comb(double[] ac, double lag, double shift) {
    double sum = 0;
    int count = 0;
    for (int k = 1; k <= COMB_TEETH && k * lag <= ac.length - 2; k++) {
      sum += interpolate(ac, (k - shift) * lag);
      count++;
    }
    return count == 0 ? 0 : sum / count;
  }

  /**
   * Standard deviation of the prior that weighs the metrical levels, octaves: wider than the
   * periodicity step's one octave, so that the cues, not the prior, choose between 60-90 BPM and
   * twice that.
   */
  public static final double LEVEL_PRIOR_OCTAVES = 1.5;

  /**
   * Log-normal prior of the metrical-level choice: {@link #PRIOR_BPM}, {@value
   * #LEVEL_PRIOR_OCTAVES} octaves.
   */
  private static double levelPrior(double bpm) {
    return Math.exp(
        -0.5 * Math.pow(Math.log(bpm / PRIOR_BPM) / Math.log(2) / LEVEL_PRIOR_OCTAVES, 2));
  }

  /** Log-normal tempo prior: centred on {@link #PRIOR_BPM}, one octave of standard deviation. */
  private static double prior(double bpm) {
    return Math.exp(-0.5 * Math.pow(Math.log(bpm / PRIOR_BPM) / Math.log(2), 2));
  }

  /**
   * The unbiased autocorrelation of {@code o} (mean removed) for lags up to about half its length,
   * 1-2-1 smoothed; null if {@code o} is flat.
   */
  private static double[] autocorrelation(float[] o) {
    double[] raw = unbiasedAutocorrelation(o);
    return raw == null ? null : smoothed(raw);
  }

  /** {@code sum_i x[i] x[i + lag] / (n - lag)} of {@code o} less its mean; null if flat. */
  private static double[] unbiasedAutocorrelation(float[] o) {
    int n = o.length;
    if (n < 4) {
      return null;
    }
    double mean = 0;
    for (float v : o) {
      mean += v;
    }
    mean /= n;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = o[i] - mean;
    }
    int acLen = n / 2 + 2;
    double[] raw = lagProducts(x, acLen);
    for (int lag = 0; lag < acLen; lag++) {
      raw[lag] /= n - lag;
    }
    return raw[0] <= 1e-12 ? null : raw;
  }

  /** 1-2-1 smoothing over lags (lag -1 mirrors lag 1). */
  private static double[] smoothed(double[] raw) {
    int acLen = raw.length;
    double[] ac = new double[acLen];
    for (int lag = 0; lag < acLen; lag++) {
      double a = raw[Math.abs(lag - 1)], c = lag + 1 < acLen ? raw[lag + 1] : raw[lag];
      ac[lag] = 0.25 * a + 0.5 * raw[lag] + 0.25 * c;
    }
    return ac;
  }

  /**
   * How sharply and steadily the envelope repeats at {@code bpm}, in [0, 1]: with {@code r} the
   * unbiased autocorrelation of the envelope (mean removed, 1-2-1 smoothed as in {@link
   * #estimateTempo}) and {@code L} the period in frames,
   *
   * <pre>
   * mean_k [ r(kL) - (r(kL - d) + r(kL + d)) / 2 ] / r(0),   k = 1 .. floor(8 s / L),  d = 4 frames
   * </pre>
   *
   * clamped to [0, 1]. Each term is the envelope's correlation with itself k beats later, less its
   * correlation 46 ms either side of that: high only when onsets are <i>sharp</i> (narrower than 46
   * ms) and recur on the beat grid for {@value #CONFIDENCE_SPAN_SECONDS} seconds. Broad or drifting
   * periodicity (syllables of speech at about 4 per second, whose timing jitters), noise and flat
   * envelopes give about 0. Teeth beyond half the envelope are left out.
   */
  public static double periodicity(OnsetEnvelope env, double bpm) {
    double fps = env.frameRate();
    double[] raw = bpm > 0 ? unbiasedAutocorrelation(env.raw()) : null;
    if (raw == null) {
      return 0;
    }
    int acLen = raw.length;
    double[] ac = smoothed(raw);
    double lag = 60 * fps / bpm;
    int teeth = Math.max(1, (int) Math.floor(CONFIDENCE_SPAN_SECONDS * fps / lag));
    int d = CONFIDENCE_FLANK_FRAMES;
    double sum = 0;
    int count = 0;
    for (int k = 1; k <= teeth && k * lag + d <= acLen - 2; k++) {
      double t = k * lag;
      sum += interpolate(ac, t) - 0.5 * (interpolate(ac, t - d) + interpolate(ac, t + d));
      count++;
    }
    return count == 0 ? 0 : Math.max(0, Math.min(1, sum / count / raw[0]));
  }

  /**
   * {@code sum_i x[i] x[i + lag]} for {@code lag < lags}, through the FFT (Wiener-Khinchin: the
   * inverse transform of the power spectrum of {@code x} zero-padded to at least {@code n + lags}
   * points, so that no product wraps around): {@code O(n log n)} instead of {@code O(n lags)}.
   * Equal to the direct sums up to double rounding (relative to the lag-0 sum, about 1e-15).
   */
  static double[] lagProducts(double[] x, int lags) {
    int n = x.length;
    int need = Math.max(2, n + lags - 1);
    int size = Integer.highestOneBit(need) == need ? need : Integer.highestOneBit(need) << 1;
    double[] a = Arrays.copyOf(x, size);
    DoubleFFT_1D fft = new DoubleFFT_1D(size);
    fft.realForward(a);
    // packed layout: a[0] = Re X[0], a[1] = Re X[size/2], a[2k], a[2k+1] = Re, Im X[k]
    a[0] *= a[0];
    a[1] *= a[1];
    for (int k = 2; k < size; k += 2) {
      a[k] = a[k] * a[k] + a[k + 1] * a[k + 1];
      a[k + 1] = 0;
    }
    fft.realInverse(a, true);
    double[] out = new double[lags];
    System.arraycopy(a, 0, out, 0, Math.min(lags, size));
    return out;
  }

  private static double interpolate(double[] a, double pos) {
    int i = (int) pos;
    double f = pos - i;
    return i + 1 < a.length ? a[i] + f * (a[i + 1] - a[i]) : a[a.length - 1];
  }

  private static int[] dynamicProgramme(float[] o, double period) {
    int n = o.length;
    double mean = 0, sq = 0;
    for (float v : o) {
      mean += v;
    }
    mean /= n;
    for (float v : o) {
      sq += (v - mean) * (v - mean);
    }
    double std = Math.sqrt(sq / n);
    if (std == 0) {
      return new int[0];
    }
    int w = (int) Math.round(period);
    double[] kernel = new double[2 * w + 1];
    for (int i = -w; i <= w; i++) {
      kernel[i + w] = Math.exp(-0.5 * Math.pow(i * 32.0 / period, 2));
    }
    double[] local = new double[n];
    for (int t = 0; t < n; t++) {
      double s = 0;
      for (int i = -w; i <= w; i++) {
        int k = t + i;
        if (k >= 0 && k < n) {
          s += kernel[i + w] * o[k] / std;
        }
      }
      local[t] = s;
    }
    double[] cum = new double[n];
    int[] back = new int[n];
    int lo = (int) Math.round(2 * period);
    int hi = (int) Math.round(period / 2);
    double firstThresh = 0.01 * max(local);
    boolean started = false;
    // the transition penalty for a beat d frames after the previous one, d in [hi, lo]
    double[] penalty = new double[Math.max(lo, hi) + 1];
    for (int d = hi; d <= lo; d++) {
      penalty[d] = TIGHTNESS * Math.pow(Math.log(d / period), 2);
    }
    for (int t = 0; t < n; t++) {
      double best = Double.NEGATIVE_INFINITY;
      int arg = -1;
      for (int tau = Math.max(0, t - lo); tau <= t - hi; tau++) {
        double v = cum[tau] - penalty[t - tau];
        if (v > best) {
          best = v;
          arg = tau;
        }
      }
      if (arg < 0 || !started) {
        cum[t] = local[t];
        back[t] = -1;
        if (local[t] > firstThresh) {
          started = true;
        }
      } else {
        cum[t] = local[t] + best;
        back[t] = arg;
      }
    }
    // last beat: last local max of cum above half the median of local maxima
    List<Integer> maxima = new ArrayList<>();
    for (int t = 1; t + 1 < n; t++) {
      if (cum[t] > cum[t - 1] && cum[t] >= cum[t + 1]) {
        maxima.add(t);
      }
    }
    if (maxima.isEmpty()) {
      return new int[0];
    }
    double[] vals = maxima.stream().mapToDouble(t -> cum[t]).sorted().toArray();
    double median = vals[vals.length / 2];
    int last = maxima.get(maxima.size() - 1);
    for (int i = maxima.size() - 1; i >= 0; i--) {
      if (cum[maxima.get(i)] >= 0.5 * median) {
        last = maxima.get(i);
        break;
      }
    }
    List<Integer> beats = new ArrayList<>();
    for (int t = last; t >= 0; t = back[t]) {
      beats.add(t);
    }
    Collections.reverse(beats);
    // trim weak beats at both ends
    double rms = 0;
    for (int b : beats) {
      rms += local[b] * local[b];
    }
    rms = Math.sqrt(rms / beats.size());
    int from = 0, to = beats.size();
    while (from < to && local[beats.get(from)] < 0.5 * rms) {
      from++;
    }
    while (to > from && local[beats.get(to - 1)] < 0.5 * rms) {
      to--;
    }
    return beats.subList(from, to).stream().mapToInt(Integer::intValue).toArray();
  }

  /** Sub-frame position of the onset peak nearest to frame {@code t}. */
  private static double refine(float[] o, int t) {
    int best = t;
    for (int k = Math.max(1, t - 1); k <= Math.min(o.length - 2, t + 1); k++) {
      if (o[k] > o[best]) {
        best = k;
      }
    }
    if (best < 1 || best > o.length - 2) {
      return best;
    }
    double a = o[best - 1], b = o[best], c = o[best + 1];
    double d = a - 2 * b + c;
    return d < 0 ? best + Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / d)) : best;
  }

  private static double max(double[] x) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      m = Math.max(m, v);
    }
    return m;
  }
}
