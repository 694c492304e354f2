package io.klio.audio.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Median filters of odd length {@code w = 2r + 1} over a spectrogram {@code [frame][bin]}, along
 * frames ({@link Frames}) or along bins ({@link Rows}), with zeros beyond the ends: the two filters
 * of {@link OnsetEnvelope#percussive}.
 *
 * <p>How: two neighbouring outputs share {@code 2r} of their {@code 2r + 1} inputs. If {@code
 * c_(r-1)} and {@code c_r} are the two middle values of the shared ones (ranks {@code r - 1} and
 * {@code r} of {@code 2r}), the median of the shared values plus one more value {@code a} is {@code
 * min(max(a, c_(r-1)), c_r)}. So each pair of outputs costs one selection network for those two
 * ranks and two clamps. The network is Batcher's odd-even merge sort network pruned to the
 * compare-exchanges the two ranks depend on (and to the half of a compare-exchange that is used
 * where only its minimum or its maximum is): for {@code w = 17}, 53 steps, 92 min/max passes,
 * against 124 for one median of 17. Every step is a loop of {@code Math.min}/{@code Math.max} over
 * whole rows, all read at one index, which HotSpot compiles to SIMD instructions. Along bins the
 * row is split into its even and odd bins, so that the outputs of a pair (bins {@code 2i} and
 * {@code 2i + 1}) are again element {@code i} of whole arrays.
 *
 * <p>The result is exactly the median an insertion sort picks, for inputs without NaN (the filters
 * see non-negative powers and zero padding).
 */
final class MedianFilter {
  private static final int MIN = 1;
  private static final int MAX = 2;

  private final int width;
  private final int r;

  /** Triples {@code i, j, what}: wire {@code i} takes the minimum, {@code j} the maximum. */
  private final int[] steps;

  MedianFilter(int width) {
    if (width < 3 || width % 2 == 0) {
      throw new IllegalArgumentException("width must be odd and at least 3, was " + width);
    }
    this.width = width;
    this.r = width / 2;
    this.steps = selection(2 * r, r - 1, r);
  }

  /**
   * The compare-exchanges of Batcher's odd-even merge sort on {@code inputs} wires that the ranks
   * {@code lo} and {@code hi} depend on, as {@code (i, j, MIN|MAX)} triples.
   */
  static int[] selection(int inputs, int lo, int hi) {
    int n = Integer.highestOneBit(inputs) == inputs ? inputs : Integer.highestOneBit(inputs) << 1;
    List<int[]> sort = new ArrayList<>();
    // wires >= inputs carry +infinity, so a compare-exchange touching one changes nothing
    for (int p = 1; p < n; p <<= 1) {
      for (int k = p; k >= 1; k >>= 1) {
        for (int j = k % p; j + k < n; j += 2 * k) {
          for (int i = 0; i < Math.min(k, n - j - k); i++) {
            if ((i + j) / (2 * p) == (i + j + k) / (2 * p) && i + j + k < inputs) {
              sort.add(new int[] {i + j, i + j + k});
            }
          }
        }
      }
    }
    boolean[] needed = new boolean[inputs];
    needed[lo] = true;
    needed[hi] = true;
    List<int[]> kept = new ArrayList<>();
    for (int s = sort.size() - 1; s >= 0; s--) {
      int a = sort.get(s)[0];
      int b = sort.get(s)[1];
      int what = (needed[a] ? MIN : 0) | (needed[b] ? MAX : 0);
      if (what != 0) {
        kept.add(new int[] {a, b, what});
        needed[a] = true;
        needed[b] = true;
      }
    }
    int[] out = new int[kept.size() * 3];
    for (int s = 0; s < kept.size(); s++) {
      System.arraycopy(kept.get(kept.size() - 1 - s), 0, out, 3 * s, 3);
    }
    return out;
  }

  /** The number of steps of the selection network (for tests). */
  int steps() {
    return steps.length / 3;
  }

  /**
   * Pairs of medians: {@code outA[k] = median(w[0..2r)[k], a[k])} and {@code outB[k] =
   * median(w[0..2r)[k], b[k])} for {@code k < len}. Reorders {@code w}'s values.
   */
  void pair(float[][] w, float[] a, float[] b, float[] outA, float[] outB, int len) {
    apply(steps, w, len);
    clamp(a, w[r - 1], w[r], outA, len);
    if (outB != null) {
      clamp(b, w[r - 1], w[r], outB, len);
    }
  }

  /** Runs a selection network's steps over the first {@code len} elements of whole rows. */
  private static void apply(int[] steps, float[][] w, int len) {
    for (int s = 0; s < steps.length; s += 3) {
      float[] x = w[steps[s]];
      float[] y = w[steps[s + 1]];
      switch (steps[s + 2]) {
        case MIN -> min(x, y, len);
        case MAX -> max(y, x, len);
        default -> minMax(x, y, len);
      }
    }
  }

  /**
   * The element-wise median of a fixed number of rows, by the same kind of pruned network: {@code
   * out[k]} is the median of {@code w[0][k] .. w[count - 1][k]}, for an even count the mean of the
   * two middle values (numpy's median).
   */
  static final class AcrossRows {
    private final int lo;
    private final int hi;
    private final int[] steps;

    AcrossRows(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("count must be positive, was " + count);
      }
      this.lo = (count - 1) / 2;
      this.hi = count / 2;
      this.steps = selection(count, lo, hi);
    }

    /** Reorders the values of {@code w}'s first {@code count} rows. */
    void median(float[][] w, float[] out, int len) {
      apply(steps, w, len);
      float[] a = w[lo];
      float[] b = w[hi];
      for (int k = 0; k < len; k++) {
        out[k] = (a[k] + b[k]) / 2;
      }
    }
  }

  /** Scratch arrays of {@link #alongFrames}, for one row length. */
  final class Frames {
    private final int bins;
    private final float[][] w;
    private final float[] zeros;

    Frames(int bins) {
      this.bins = bins;
      this.w = new float[2 * r][bins];
      this.zeros = new float[bins];
    }

    /**
     * The medians over frames {@code t - r .. t + r} and {@code t + 1 - r .. t + 1 + r} of every
     * bin of {@code s} ({@code [frame][bin]}), into {@code outA} and (if {@code t + 1} is a frame)
     * {@code outB}.
     */
    void alongFrames(float[][] s, int t, float[] outA, float[] outB) {
      int frames = s.length;
      // shared by frames t and t + 1: frames t - r + 1 .. t + r
      for (int j = 0; j < 2 * r; j++) {
        int f = t - r + 1 + j;
        System.arraycopy(f >= 0 && f < frames ? s[f] : zeros, 0, w[j], 0, bins);
      }
      float[] a = t - r >= 0 ? s[t - r] : zeros;
      float[] b = t + r + 1 < frames ? s[t + r + 1] : zeros;
      pair(w, a, b, outA, t + 1 < frames ? outB : null, bins);
    }
  }

  /** Scratch arrays of {@link #alongBins}, for one row length. */
  final class Rows {
    private final int bins;
    private final int half;
    private final float[] even;
    private final float[] odd;
    private final float[][] w;
    private final float[] b;
    private final float[] outA;
    private final float[] outB;

    Rows(int bins) {
      this.bins = bins;
      this.half = (bins + 1) / 2;
      // padded row P[i] = row[i - r]; E[i] = P[2i], O[i] = P[2i + 1]
      this.even = new float[half + r + 1];
      this.odd = new float[half + r + 1];
      this.w = new float[2 * r][half];
      this.b = new float[half];
      this.outA = new float[half];
      this.outB = new float[half];
    }

    /** {@code out[k]} = the median of {@code row[k - r .. k + r]}. */
    void alongBins(float[] row, float[] out) {
      java.util.Arrays.fill(even, 0f);
      java.util.Arrays.fill(odd, 0f);
      for (int k = 0; k < bins; k++) {
        int p = k + r;
        if ((p & 1) == 0) {
          even[p >> 1] = row[k];
        } else {
          odd[p >> 1] = row[k];
        }
      }
      // bins 2i and 2i + 1 are windows P[2i .. 2i + 2r] and P[2i + 1 .. 2i + 2r + 1]; shared:
      // the odd P[2i + 1], ..., P[2i + 2r - 1] = O[i .. i + r - 1] and the even
      // P[2i + 2], ..., P[2i + 2r] = E[i + 1 .. i + r]; then P[2i] = E[i], P[2i + 2r + 1] = O[i +
      // r]
      for (int j = 0; j < r; j++) {
        System.arraycopy(odd, j, w[j], 0, half);
        System.arraycopy(even, j + 1, w[r + j], 0, half);
      }
      System.arraycopy(odd, r, b, 0, half);
      pair(w, even, b, outA, outB, half);
      for (int i = 0, k = 0; i < half; i++, k += 2) {
        out[k] = outA[i];
        if (k + 1 < bins) {
          out[k + 1] = outB[i];
        }
      }
    }
  }

  private static void clamp(float[] a, float[] lo, float[] hi, float[] out, int len) {
    for (int k = 0; k < len; k++) {
      out[k] = Math.min(Math.max(a[k], lo[k]), hi[k]);
    }
  }

  private static void minMax(float[] a, float[] b, int len) {
    for (int k = 0; k < len; k++) {
      float x = a[k];
      float y = b[k];
      a[k] = Math.min(x, y);
      b[k] = Math.max(x, y);
    }
  }

  /** {@code a[k] = min(a[k], b[k])}. */
  private static void min(float[] a, float[] b, int len) {
    for (int k = 0; k < len; k++) {
      a[k] = Math.min(a[k], b[k]);
    }
  }

  /** {@code a[k] = max(a[k], b[k])}. */
  private static void max(float[] a, float[] b, int len) {
    for (int k = 0; k < len; k++) {
      a[k] = Math.max(a[k], b[k]);
    }
  }
}
