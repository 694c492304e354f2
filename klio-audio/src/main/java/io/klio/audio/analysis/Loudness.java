package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Resampler;
import java.util.Arrays;

/**
 * Integrated loudness per ITU-R BS.1770-4, in LUFS (= LKFS).
 *
 * <p>Steps, as the recommendation gives them:
 *
 * <ol>
 *   <li><b>K-weighting</b> of each channel: a high-shelf "head" filter (+4 dB above about 1.7 kHz)
 *       followed by a high-pass "RLB" filter (about 38 Hz). BS.1770 tabulates the biquad
 *       coefficients for 48 kHz only; here they are derived for any sample rate from the analog
 *       prototypes' parameters (shelf: f0 = 1681.97 Hz, gain 3.99984 dB, Q 0.70718; high-pass: f0 =
 *       38.135 Hz, Q 0.50033) with the bilinear transform, the method of libebur128 and ffmpeg,
 *       which reproduces the 48 kHz table to 8 decimals.
 *   <li><b>Blocks</b> of 400 ms every 100 ms (75% overlap); per block and channel the mean square
 *       {@code z}; block loudness {@code l = -0.691 + 10 log10(sum G_i z_i)} with channel weights
 *       {@code G} = 1.0 for L, R, C and 1.41 for the surrounds (channels 4 and 5 of a 5.1 layout,
 *       where channel 3, the LFE, is weighted 0), 1.0 for any other layout.
 *   <li><b>Gating</b>: blocks below -70 LUFS (absolute gate) are dropped; the mean power of the
 *       rest, minus 10 LU, is the relative gate; the integrated loudness is {@code -0.691 + 10
 *       log10} of the mean power of the blocks above both gates.
 * </ol>
 *
 * <p>A full-scale 1 kHz sine in one channel measures -3.01 LUFS; silence, or a clip shorter than
 * one block, is {@code -infinity}. Only complete blocks count, as in ffmpeg's {@code ebur128}
 * filter. Computed in double precision.
 */
public final class Loudness {
  /** The absolute gate, LUFS. */
  public static final double ABSOLUTE_GATE = -70.0;

  /** The relative gate, LU below the absolute-gated loudness. */
  public static final double RELATIVE_GATE = -10.0;

  /** The loudness range's relative gate, LU below the absolute-gated short-term loudness. */
  public static final double RANGE_RELATIVE_GATE = -20.0;

  private Loudness() {}

  /** Integrated loudness of the clip in LUFS. */
  public static double integrated(AudioClip clip) {
    int rate = clip.sampleRate();
    int ch = clip.channelCount();
    int block = (int) Math.round(0.4 * rate);
    int step = (int) Math.round(0.1 * rate);
    int n = clip.frameCount();
    if (n < block) {
      return Double.NEGATIVE_INFINITY;
    }
    int steps = n / step; // 100 ms sub-blocks; a block is 4 consecutive ones
    double[] weighted = new double[steps]; // sum over channels of G * energy per sub-block
    double[] sub = new double[steps];
    for (int c = 0; c < ch; c++) {
      double g = channelWeight(c, ch);
      if (g == 0) {
        continue;
      }
      kWeightedEnergies(clip, c, step, sub);
      for (int s = 0; s < steps; s++) {
        weighted[s] += g * sub[s];
      }
    }
    // block j spans sub-blocks j..j+3 (needs block == 4 * step, true when rate % 10 == 0;
    // otherwise blocks are computed from samples below)
    int blocks = (n - block) / step + 1;
    double[] power = new double[blocks];
    if (block == 4 * step) {
      for (int j = 0; j < blocks; j++) {
        power[j] = (weighted[j] + weighted[j + 1] + weighted[j + 2] + weighted[j + 3]) / block;
      }
    } else {
      double[][] ys = new double[ch][];
      for (int c = 0; c < ch; c++) {
        ys[c] = channelWeight(c, ch) == 0 ? null : kWeight(clip, c);
      }
      for (int j = 0; j < blocks; j++) {
        double p = 0;
        for (int c = 0; c < ch; c++) {
          if (ys[c] == null) {
            continue;
          }
          double e = 0;
          for (int i = j * step; i < j * step + block; i++) {
            e += ys[c][i] * ys[c][i];
          }
          p += channelWeight(c, ch) * e / block;
        }
        power[j] = p;
      }
    }
    double absGate = Math.pow(10, (ABSOLUTE_GATE + 0.691) / 10);
    double ungated = meanAbove(power, absGate);
    if (Double.isNaN(ungated)) {
      return Double.NEGATIVE_INFINITY;
    }
    double relGate = ungated * Math.pow(10, RELATIVE_GATE / 10);
    return -0.691 + 10 * Math.log10(meanAbove(power, Math.max(absGate, relGate)));
  }

  /** The mean of the values above {@code gate}, NaN if there is none. */
  private static double meanAbove(double[] values, double gate) {
    double sum = 0;
    int count = 0;
    for (double v : values) {
      if (v > gate) {
        sum += v;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  /**
   * Loudness range (LRA) per EBU Tech 3342, in LU: the spread between the 10th and the 95th
   * percentile of the short-term loudness (3 s windows, every 100 ms) of the windows above -70 LUFS
   * and above the relative gate 20 LU below their mean power. The percentiles are nearest-rank on
   * the sorted values. 0 for a clip shorter than one window or with no window above the gates.
   */
  public static double range(AudioClip clip) {
    double[] power = windows(clip, 3.0).power();
    double absGate = Math.pow(10, (ABSOLUTE_GATE + 0.691) / 10);
    double ungated = meanAbove(power, absGate);
    if (Double.isNaN(ungated)) {
      return 0;
    }
    double gate = Math.max(absGate, ungated * Math.pow(10, RANGE_RELATIVE_GATE / 10));
    double[] gated =
        Arrays.stream(power)
            .filter(p -> p > gate)
            .map(p -> -0.691 + 10 * Math.log10(p))
            .sorted()
            .toArray();
    if (gated.length == 0) {
      return 0;
    }
    return percentile(gated, 0.95) - percentile(gated, 0.10);
  }

  /**
   * Momentary loudness per EBU Tech 3341 / BS.1770-4: the ungated loudness of 400 ms windows, one
   * every 100 ms, as ffmpeg's {@code ebur128} filter prints it in its {@code M:} column. Each value
   * is timed at the end of its window; ffmpeg's {@code t:} is the time of the window's last sample,
   * one sample earlier. Where ffmpeg's window is not yet full it prints -120.7 (its floor, {@code
   * 10 log10(1e-12) - 0.691}); this series starts at the first full window. For a silent window
   * this is {@code -infinity} where ffmpeg prints {@code nan} or about -120.
   */
  public static LoudnessSeries momentary(AudioClip clip) {
    return series(clip, 0.4);
  }

  /**
   * Short-term loudness per EBU Tech 3341 / BS.1770-4: the ungated loudness of 3 s windows, one
   * every 100 ms, as ffmpeg's {@code ebur128} filter prints it in its {@code S:} column; timed like
   * {@link #momentary}.
   */
  public static LoudnessSeries shortTerm(AudioClip clip) {
    return series(clip, 3.0);
  }

  private static LoudnessSeries series(AudioClip clip, double seconds) {
    Windows w = windows(clip, seconds);
    double[] times = new double[w.power().length];
    double[] lufs = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      times[i] = (w.firstEnd() + i) * w.step() / (double) clip.sampleRate();
      lufs[i] = -0.691 + 10 * Math.log10(w.power()[i]);
    }
    return new LoudnessSeries(seconds, times, lufs);
  }

  /**
   * The mean K-weighted, channel-weighted power of windows of {@code seconds}, the first ending at
   * sample {@code firstEnd * step}, then one every {@code step} samples.
   */
  private record Windows(int step, int firstEnd, double[] power) {}

  /**
   * Windows of {@code seconds} ending every 100 ms (at multiples of {@code round(0.1 rate)}
   * samples, as in {@link #integrated}), from the first that fits in the clip. The K-weighted
   * energies are summed per segment between consecutive window edges, so no sample is squared twice
   * and a silent window sums exact zeros.
   */
  private static Windows windows(AudioClip clip, double seconds) {
    int rate = clip.sampleRate();
    int step = (int) Math.round(0.1 * rate);
    int window = (int) Math.round(seconds * rate);
    int first = (window + step - 1) / step; // first window end, in steps
    int last = clip.frameCount() / step;
    if (last < first) {
      return new Windows(step, first, new double[0]);
    }
    java.util.TreeSet<Integer> edges = new java.util.TreeSet<>();
    for (int k = first; k <= last; k++) {
      edges.add(k * step);
      edges.add(k * step - window);
    }
    int[] bounds = edges.stream().mapToInt(Integer::intValue).toArray();
    double[] weighted = new double[bounds.length - 1];
    double[] seg = new double[bounds.length - 1];
    for (int c = 0; c < clip.channelCount(); c++) {
      double g = channelWeight(c, clip.channelCount());
      if (g == 0) {
        continue;
      }
      kWeightedEnergies(clip, c, bounds, seg);
      for (int s = 0; s < seg.length; s++) {
        weighted[s] += g * seg[s];
      }
    }
    double[] power = new double[last - first + 1];
    for (int k = first; k <= last; k++) {
      int from = Arrays.binarySearch(bounds, k * step - window);
      int to = Arrays.binarySearch(bounds, k * step);
      double e = 0;
      for (int s = from; s < to; s++) {
        e += weighted[s];
      }
      power[k - first] = e / window;
    }
    return new Windows(step, first, power);
  }

  /**
   * True peak per ITU-R BS.1770-4 Annex 2, in dBTP: the largest absolute value of any channel
   * between the samples as well as at them. Each channel is oversampled to at least 192 kHz (4x at
   * 48 kHz, 5x at 44.1 kHz) with Klio's band-limited {@link Resampler}, and each oversampled local
   * maximum near the largest is refined by the parabola through it and its neighbours: plain 4x
   * oversampling under-reads a sine near the Nyquist frequency by up to 0.7 dB, the parabola by up
   * to 0.07 dB there and 0.01 dB at a quarter of the sample rate. The resampler's passband ends at
   * 0.9 of the Nyquist frequency, so the sample peak counts too. {@code -infinity} for silence.
   */
  public static double truePeak(AudioClip clip) {
    int rate = clip.sampleRate();
    int factor = Math.max(1, (int) Math.ceil(192_000.0 / rate));
    double peak = clip.peak();
    if (factor == 1) {
      return 20 * Math.log10(peak);
    }
    Resampler up = Resampler.of(rate, rate * factor);
    int pad = up.taps(); // the filter's reach: each block is oversampled as the whole clip would be
    for (int c = 0; c < clip.channelCount(); c++) {
      float[] x = clip.channel(c);
      // a second at a time, so that the oversampled signal is never held whole
      for (int start = 0; start < x.length; start += rate) {
        int from = Math.max(0, start - pad);
        int end = Math.min(x.length, start + rate);
        float[] y = up.process(Arrays.copyOfRange(x, from, Math.min(x.length, end + pad)));
        int first = Math.max(1, (start - from) * factor);
        int last = Math.min(y.length - 1, (end - from) * factor);
        peak = Math.max(peak, refinedPeak(y, first, last, peak));
      }
    }
    return 20 * Math.log10(peak);
  }

  /**
   * The largest of {@code y[first..last)} and of the parabolas through each local maximum above 0.9
   * of {@code near} and its two neighbours.
   */
  private static double refinedPeak(float[] y, int first, int last, double near) {
    double peak = 0;
    for (int i = first; i < last; i++) {
      double a = Math.abs(y[i - 1]);
      double b = Math.abs(y[i]);
      double d = Math.abs(y[i + 1]);
      if (b >= a && b >= d && b > 0.9 * Math.max(near, peak)) {
        double curvature = a - 2 * b + d;
        peak = Math.max(peak, curvature < 0 ? b - (a - d) * (a - d) / (8 * curvature) : b);
      }
    }
    return peak;
  }

  /** The nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, double fraction) {
    int rank = (int) Math.round(fraction * (sorted.length - 1));
    return sorted[rank];
  }

  /** The BS.1770 weight of channel {@code c} of {@code channels}. */
  static double channelWeight(int c, int channels) {
    if (channels == 6) { // 5.1: L R C LFE Ls Rs
      return c == 3 ? 0 : c >= 4 ? 1.41 : 1.0;
    }
    if (channels == 5) { // 5.0: L R C Ls Rs
      return c >= 3 ? 1.41 : 1.0;
    }
    return 1.0;
  }

  /** One channel through both K-weighting stages. */
  static double[] kWeight(AudioClip clip, int c) {
    double[][] f = kWeightingCoefficients(clip.sampleRate());
    int n = clip.frameCount();
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = clip.sample(c, i);
    }
    biquad(y, f[0], f[1]);
    biquad(y, f[2], f[3]);
    return y;
  }

  /**
   * {@code sub[s]} = the energy of channel {@code c} through both K-weighting stages over samples
   * {@code s * step .. (s + 1) * step}: the two biquads run sample by sample and nothing as long as
   * the clip is stored (the same arithmetic as {@link #kWeight}).
   */
  private static void kWeightedEnergies(AudioClip clip, int c, int step, double[] sub) {
    int[] bounds = new int[sub.length + 1];
    for (int s = 0; s < bounds.length; s++) {
      bounds[s] = s * step;
    }
    kWeightedEnergies(clip, c, bounds, sub);
  }

  /**
   * {@code sub[s]} = the K-weighted energy of channel {@code c} over samples {@code bounds[s] ..
   * bounds[s + 1]} (ascending, from any start; the filters run from sample 0).
   */
  private static void kWeightedEnergies(AudioClip clip, int c, int[] bounds, double[] sub) {
    double[][] f = kWeightingCoefficients(clip.sampleRate());
    double[] b = f[0], a = f[1], d = f[2], g = f[3];
    double x1 = 0, x2 = 0, y1 = 0, y2 = 0; // shelf state
    double u1 = 0, u2 = 0, v1 = 0, v2 = 0; // high-pass state
    for (int s = -1, i = 0; s < sub.length; s++) {
      double e = 0;
      for (int end = bounds[s + 1]; i < end; i++) {
        double xi = clip.sample(c, i);
        double yi = b[0] * xi + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2;
        x2 = x1;
        x1 = xi;
        y2 = y1;
        y1 = yi;
        double vi = d[0] * yi + d[1] * u1 + d[2] * u2 - g[1] * v1 - g[2] * v2;
        u2 = u1;
        u1 = yi;
        v2 = v1;
        v1 = vi;
        e += vi * vi;
      }
      if (s >= 0) {
        sub[s] = e;
      }
    }
  }

  /**
   * {b_shelf, a_shelf, b_highpass, a_highpass}, each {c0, c1, c2} with {@code a[0] = 1}, for a
   * sample rate.
   */
  public static double[][] kWeightingCoefficients(int rate) {
    double f0 = 1681.974450955533;
    double gain = 3.999843853973347;
    double q = 0.7071752369554196;
    double k = Math.tan(Math.PI * f0 / rate);
    double vh = Math.pow(10, gain / 20);
    double vb = Math.pow(vh, 0.4996667741545416);
    double a0 = 1 + k / q + k * k;
    double[] b1 = {
      (vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0
    };
    double[] a1 = {1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
    f0 = 38.13547087602444;
    q = 0.5003270373238773;
    k = Math.tan(Math.PI * f0 / rate);
    double d = 1 + k / q + k * k;
    double[] b2 = {1, -2, 1};
    double[] a2 = {1, 2 * (k * k - 1) / d, (1 - k / q + k * k) / d};
    return new double[][] {b1, a1, b2, a2};
  }

  private static void biquad(double[] x, double[] b, double[] a) {
    double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double yi = b[0] * xi + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2;
      x2 = x1;
      x1 = xi;
      y2 = y1;
      y1 = yi;
      x[i] = yi;
    }
  }
}
