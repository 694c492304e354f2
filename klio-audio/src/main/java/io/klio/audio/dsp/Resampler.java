package io.klio.audio.dsp;

import io.klio.audio.AudioClip;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Band-limited sample-rate conversion with a Kaiser-windowed sinc filter in polyphase form.
 *
 * <p>Why this design: it is the textbook ideal resampler (convolution with a windowed sinc at the
 * exact fractional position of every output sample), its quality is set by two numbers that can be
 * stated and checked, and in polyphase form it costs one short dot product per output sample.
 *
 * <p><b>Quality</b> (for the default design, relative to the lower of the two Nyquist frequencies
 * {@code fN = min(in, out) / 2}):
 *
 * <ul>
 *   <li>passband flat to {@code 0.90 fN} (ripple below 0.0001 dB by design: Kaiser ripple equals
 *       the stopband attenuation, 10<sup>-100/20</sup>);
 *   <li>transition band {@code 0.90 fN .. 1.00 fN}, cutoff (-6 dB) at {@code 0.95 fN};
 *   <li>stopband from {@code fN} up, attenuated by about 100 dB (Kaiser beta 10.06), so nothing
 *       above the new Nyquist frequency aliases back audibly. For 44.1 kHz to 22.05 kHz: flat to
 *       9.92 kHz, stopband from 11.025 kHz; the filter has 257 taps at 44.1 kHz.
 * </ul>
 *
 * <p>The conversion ratio is reduced to {@code L/M} (output/input rates divided by their gcd). For
 * {@code L <= 4096} (every common pair of rates, e.g. 44.1k to 48k is 160/147) one exact set of
 * coefficients per phase is precomputed; for larger {@code L} 4096 phases are tabulated and
 * linearly interpolated, which adds an error below -100 dB. Output frame {@code n} is the input
 * signal evaluated at time {@code n / out} seconds, so the output has {@code ceil(frames * L / M)}
 * frames and no delay; the input is taken to be zero outside the clip.
 *
 * <p>Immutable and thread-safe once built; build one per rate pair and reuse it.
 */
public final class Resampler implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MAX_EXACT_PHASES = 4096;

  /** Stopband attenuation of the default design, in dB. */
  public static final double STOPBAND_DB = 100.0;

  /** Passband edge of the default design, as a fraction of the lower Nyquist frequency. */
  public static final double PASSBAND_EDGE = 0.90;

  /** Stopband edge of the default design, as a fraction of the lower Nyquist frequency. */
  public static final double STOPBAND_EDGE = 1.00;

  private final int inRate;
  private final int outRate;
  private final int up; // L
  private final int down; // M
  private final int taps; // 2K
  private final int half; // K
  private final boolean interpolate;
  private final float[][] table; // [phase][tap]

  private Resampler(int inRate, int outRate, double passEdge, double stopEdge, double stopDb) {
    if (inRate <= 0 || outRate <= 0) {
      throw new IllegalArgumentException("rates must be positive: " + inRate + " -> " + outRate);
    }
    this.inRate = inRate;
    this.outRate = outRate;
    int g = gcd(inRate, outRate);
    this.up = outRate / g;
    this.down = inRate / g;
    double nyq = Math.min(inRate, outRate) / 2.0;
    double cutoff = (passEdge + stopEdge) / 2 * nyq / inRate; // cycles per input sample
    double transition = (stopEdge - passEdge) * nyq / inRate; // cycles per input sample
    double beta =
        stopDb > 50
            ? 0.1102 * (stopDb - 8.7)
            : 0.5842 * Math.pow(stopDb - 21, 0.4) + 0.07886 * (stopDb - 21);
    double length = (stopDb - 7.95) / (2.285 * 2 * Math.PI * transition);
    this.half = (int) Math.ceil(length / 2) + 1;
    this.taps = 2 * half;
    this.interpolate = up > MAX_EXACT_PHASES;
    int phases = interpolate ? MAX_EXACT_PHASES + 1 : up;
    double radius = length / 2;
    double i0beta = besselI0(beta);
    this.table = new float[phases][taps];
    for (int p = 0; p < phases; p++) {
      double frac = interpolate ? p / (double) MAX_EXACT_PHASES : p / (double) up;
      for (int j = 0; j < taps; j++) {
        double t = (j - half + 1) - frac; // input-sample offset from the output instant
        double w =
            Math.abs(t) >= radius
                ? 0
                : besselI0(beta * Math.sqrt(1 - (t / radius) * (t / radius))) / i0beta;
        table[p][j] = (float) (2 * cutoff * sinc(2 * cutoff * t) * w);
      }
    }
  }

  /** A resampler from {@code inRate} to {@code outRate} with the default (documented) quality. */
  public static Resampler of(int inRate, int outRate) {
    return new Resampler(inRate, outRate, PASSBAND_EDGE, STOPBAND_EDGE, STOPBAND_DB);
  }

  /**
   * A resampler with a custom design: passband and stopband edges as fractions of the lower Nyquist
   * frequency ({@code 0 < passEdge < stopEdge}) and the stopband attenuation in dB. Narrower
   * transitions and deeper stopbands cost proportionally more taps.
   */
  public static Resampler of(
      int inRate, int outRate, double passEdge, double stopEdge, double stopbandDb) {
    if (!(passEdge > 0 && passEdge < stopEdge && stopbandDb > 20)) {
      throw new IllegalArgumentException("need 0 < passEdge < stopEdge and stopbandDb > 20");
    }
    return new Resampler(inRate, outRate, passEdge, stopEdge, stopbandDb);
  }

  /** Resamples every channel of {@code clip} to {@code outRate} with the default quality. */
  public static AudioClip resample(AudioClip clip, int outRate) {
    if (clip.sampleRate() == outRate) {
      return clip;
    }
    return of(clip.sampleRate(), outRate).process(clip);
  }

  /** The number of filter taps per output sample, the cost driver. */
  public int taps() {
    return taps;
  }

  /** Resamples every channel of a clip at this resampler's input rate. */
  public AudioClip process(AudioClip clip) {
    if (clip.sampleRate() != inRate) {
      throw new IllegalArgumentException(
          "clip is at " + clip.sampleRate() + " Hz, resampler expects " + inRate);
    }
    float[][] out = new float[clip.channelCount()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = process(clip.channel(c));
    }
    return AudioClip.wrap(outRate, out);
  }

  /** The number of output samples for {@code inFrames} input samples. */
  public int outputLength(int inFrames) {
    return (int) (((long) inFrames * up + down - 1) / down);
  }

  /** Output samples per block in {@link #process(float[])}: the accumulators stay in L1 cache. */
  private static final int BLOCK = 1024;

  /** Taps applied per pass over a block of outputs in the polyphase-stream form. */
  private static final int GROUP = 4;

  /**
   * Resamples one channel.
   *
   * <p>Output {@code i} uses phase {@code (i M) mod L} and the input from {@code floor(i M / L)};
   * outputs {@code r, r + L, r + 2L, ...} share one phase and their inputs advance by exactly
   * {@code M} samples. When every input stream gets at least {@value #GROUP} taps ({@code taps / M
   * >= 4}: integer decimation such as 2:1, upsampling, ratios like 3/2), the input is split into
   * its {@code M} polyphase streams {@code x[M m + s]}, and for each output phase the filter is
   * applied {@value #GROUP} taps at a time over a block of {@value #BLOCK} outputs: the {@value
   * #GROUP} stretches of a stream that the taps read are copied to scratch arrays (a {@code
   * System.arraycopy} each), and {@code acc[k] += h0 t0[k] + h1 t1[k] + h2 t2[k] + h3 t3[k]} runs
   * over them. Every array in that loop is read at the same index {@code k}, which is what
   * HotSpot's auto-vectoriser needs to compile it to SIMD multiply-adds: it leaves a loop that
   * reads {@code s[o + k]} beside a store to {@code acc[k]} scalar, and a per-sample dot product is
   * a floating-point reduction, which it does not vectorise either. For 2:1 decimation ({@code L =
   * 1, M = 2}) only the kept outputs are computed, from the even and odd input streams. Other
   * ratios (e.g. 160/147) use the direct form, one dot product per output. Both compute the same
   * sums in a different order (differences are float rounding, ~1e-7 relative).
   */
  public float[] process(float[] x) {
    int n = outputLength(x.length);
    float[] y = new float[n];
    if (!interpolate && taps / down >= GROUP) {
      processStreams(x, y);
      return y;
    }
    // pad with 'taps' zeros on the left and right so no loop needs bounds tests
    float[] p = new float[x.length + 2 * taps + GROUP];
    System.arraycopy(x, 0, p, taps, x.length);
    if (interpolate) {
      processInterpolated(p, y);
    } else {
      processDirect(p, y);
    }
    return y;
  }

  /**
   * The polyphase-stream form. The input is taken as padded with {@code taps} zeros on the left
   * (index {@code i} of the padded input is {@code x[i - taps]}); stream {@code st} holds padded
   * samples {@code st, st + M, st + 2M, ...}. Block by block of {@value #BLOCK} outputs per phase,
   * the stretch of every stream that the block reads is split out of the input into small arrays,
   * so that nothing as long as the input is allocated besides the output.
   */
  private void processStreams(float[] x, float[] y) {
    int n = y.length;
    int perStream = (taps + down - 1) / down;
    int groups = (perStream + GROUP - 1) / GROUP * GROUP;
    int pairs = Math.min(down, taps);
    // per phase r: its filter, the padded index of tap 0 of its first output, its output count
    float[][] h = new float[up][];
    int[] start = new int[up];
    int[] count = new int[up];
    for (int r = 0; r < up; r++) {
      long num = (long) r * down;
      int base = (int) (num / up);
      h[r] = table[(int) (num - (long) base * up)];
      start[r] = base + taps - half + 1;
      count[r] = r < n ? (n - r + up - 1) / up : 0; // outputs r, r + L, ...
    }
    // per phase and first tap j0 < M: the coefficients h[j0], h[j0 + M], ... (zero-padded to
    // whole groups)
    float[][] sub = new float[up * pairs][groups];
    for (int r = 0; r < up; r++) {
      for (int j0 = 0; j0 < pairs; j0++) {
        for (int j = j0, m = 0; j < taps; j += down, m++) {
          sub[r * pairs + j0][m] = h[r][j];
        }
      }
    }
    // stream positions read by output q of phase r: (start[r] + j0) / M + q + [0, groups)
    int low = start[0] / down;
    int high = (start[up - 1] + pairs - 1) / down;
    int span = BLOCK + high - low + groups + GROUP;
    float[][] local = new float[down][span];
    float[] acc = new float[BLOCK];
    float[] t0 = new float[BLOCK], t1 = new float[BLOCK], t2 = new float[BLOCK];
    float[] t3 = new float[BLOCK];
    for (int q0 = 0; q0 < count[0]; q0 += BLOCK) {
      // local[st][i] = stream st at position q0 + low + i = x[st + (q0 + low + i) M - taps]
      for (int st = 0; st < down; st++) {
        float[] a = local[st];
        long first = st + (long) (q0 + low) * down - taps; // x index of a[0]
        // a[i] for i in [from, to) lies inside x; zeros elsewhere
        int from = (int) Math.min(span, Math.max(0, (-first + down - 1) / down));
        int to = (int) Math.max(from, Math.min(span, (x.length - first + down - 1) / down));
        Arrays.fill(a, 0, from, 0f);
        if (down == 1) {
          System.arraycopy(x, (int) (first + from), a, from, to - from);
        } else {
          for (int i = from, xi = (int) (first + (long) from * down); i < to; i++, xi += down) {
            a[i] = x[xi];
          }
        }
        Arrays.fill(a, to, span, 0f);
      }
      for (int r = 0; r < up && q0 < count[r]; r++) {
        int blockLen = Math.min(BLOCK, count[r] - q0);
        Arrays.fill(acc, 0, blockLen, 0f);
        for (int j0 = 0; j0 < pairs; j0++) {
          // taps j0, j0 + M, ... read consecutive samples of one stream
          int idx = start[r] + j0;
          float[] src = local[idx % down];
          int off = idx / down - low;
          float[] c = sub[r * pairs + j0];
          for (int g = 0; g < groups; g += GROUP) {
            int o = off + g;
            System.arraycopy(src, o, t0, 0, blockLen);
            System.arraycopy(src, o + 1, t1, 0, blockLen);
            System.arraycopy(src, o + 2, t2, 0, blockLen);
            System.arraycopy(src, o + 3, t3, 0, blockLen);
            multiplyAdd4(acc, c[g], c[g + 1], c[g + 2], c[g + 3], t0, t1, t2, t3, blockLen);
          }
        }
        if (up == 1) {
          System.arraycopy(acc, 0, y, q0, blockLen);
        } else {
          for (int k = 0, i = r + q0 * up; k < blockLen; k++, i += up) {
            y[i] = acc[k];
          }
        }
      }
    }
  }

  /**
   * {@code acc[k] += c0 t0[k] + c1 t1[k] + c2 t2[k] + c3 t3[k]} for {@code k < len}: every array at
   * the same index, so the JIT vectorises it. (Four taps per pass: with eight, HotSpot 17 left the
   * loop scalar when it compiled the method on its own.)
   */
  private static void multiplyAdd4(
      float[] acc,
      float c0,
      float c1,
      float c2,
      float c3,
      float[] t0,
      float[] t1,
      float[] t2,
      float[] t3,
      int len) {
    for (int k = 0; k < len; k++) {
      acc[k] += (c0 * t0[k] + c1 * t1[k]) + (c2 * t2[k] + c3 * t3[k]);
    }
  }

  /** The direct form: one dot product per output. */
  private void processDirect(float[] p, float[] y) {
    long num = 0;
    for (int i = 0; i < y.length; i++, num += down) {
      int base = (int) (num / up);
      int phase = (int) (num - (long) base * up);
      y[i] = dot(p, base + taps - half + 1, table[phase]);
    }
  }

  /** The direct form with linearly interpolated phases, for {@code L > 4096}. */
  private void processInterpolated(float[] p, float[] y) {
    long num = 0;
    for (int i = 0; i < y.length; i++, num += down) {
      int base = (int) (num / up);
      int phase = (int) (num - (long) base * up);
      int start = base + taps - half + 1; // index in p of tap 0
      double pos = phase / (double) up * MAX_EXACT_PHASES;
      int r = (int) pos;
      float w = (float) (pos - r);
      float a = dot(p, start, table[r]);
      float b = dot(p, start, table[r + 1]);
      y[i] = a + w * (b - a);
    }
  }

  private float dot(float[] p, int start, float[] h) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int j = 0;
    for (; j + 7 < taps; j += 8) { // eight independent sums hide the multiply-add latency
      int i = start + j;
      s0 += p[i] * h[j];
      s1 += p[i + 1] * h[j + 1];
      s2 += p[i + 2] * h[j + 2];
      s3 += p[i + 3] * h[j + 3];
      s4 += p[i + 4] * h[j + 4];
      s5 += p[i + 5] * h[j + 5];
      s6 += p[i + 6] * h[j + 6];
      s7 += p[i + 7] * h[j + 7];
    }
    for (; j < taps; j++) {
      s0 += p[start + j] * h[j];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  private static double sinc(double x) {
    if (x == 0) {
      return 1;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }

  /** Modified Bessel function of the first kind, order 0 (power series). */
  static double besselI0(double x) {
    double sum = 1, term = 1, q = x * x / 4;
    for (int k = 1; k < 200; k++) {
      term *= q / ((double) k * k);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return sum;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
