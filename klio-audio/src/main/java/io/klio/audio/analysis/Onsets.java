package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Onset times: the moments new notes or hits start, picked from the spectral-flux {@link
 * OnsetEnvelope} as librosa's {@code onset.onset_detect} picks them.
 *
 * <p>Method: the envelope of {@link OnsetEnvelope#of} (mono, 22.05 kHz, 1024/256 STFT, rectified
 * log-mel flux; frame {@code t} compares the spectra centred on {@code t} and {@code t - 1} hops)
 * is scaled to [0, 1] (minus its minimum, over its maximum), then frame {@code n} is an onset if
 *
 * <ol>
 *   <li>it is the maximum of the frames from {@code preMax} before to {@code postMax} after it,
 *   <li>it exceeds the mean of the frames from {@code preAvg} before to {@code postAvg} after it by
 *       at least {@code delta} (near the ends, the mean of the frames that exist), and
 *   <li>it comes more than {@code waitTime} after the previous onset.
 * </ol>
 *
 * The windows are given in seconds and rounded down to whole frames (11.6 ms each), the "after"
 * windows then including frame {@code n} itself, as librosa rounds them; {@link Picking#DEFAULT}
 * has librosa's defaults: 30 ms, 0 ms, 100 ms, 100 ms, delta 0.07, waitTime 30 ms. An onset's time
 * is its frame's centre, {@code n * 256 / 22050} s. With {@code backtrack}, each onset moves back
 * to the nearest preceding local minimum of the onset envelope, as librosa's {@code onset_detect}
 * backtracks by default: the start of the rise rather than its steepest point, better for cutting a
 * clip at onsets. (The frame energy, librosa's other suggestion, has no minimum before a note that
 * is quieter than the one it cuts off, and backtracking on it moved such onsets by up to seconds.)
 */
public final class Onsets implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Peak-picking windows, seconds, and the threshold {@code delta} on the envelope scaled to [0,
   * 1].
   */
  public record Picking(
      double preMax, double postMax, double preAvg, double postAvg, double delta, double waitTime)
      implements Serializable {
    /** librosa's {@code onset_detect} defaults. */
    public static final Picking DEFAULT = new Picking(0.03, 0.0, 0.10, 0.10, 0.07, 0.03);
  }

  private final double[] times;

  private Onsets(double[] times) {
    this.times = times;
  }

  /** Onsets with {@link Picking#DEFAULT}, not backtracked. */
  public static Onsets detect(AudioClip clip) {
    return detect(clip, Picking.DEFAULT, false);
  }

  /** Onsets picked with {@code picking}, backtracked to energy minima if {@code backtrack}. */
  public static Onsets detect(AudioClip clip, Picking picking, boolean backtrack) {
    OnsetEnvelope env = OnsetEnvelope.of(clip);
    int[] peaks = pick(env.raw(), picking, env.frameRate());
    if (backtrack) {
      peaks = backtrack(peaks, env.raw());
    }
    double fps = env.frameRate();
    double[] times = new double[peaks.length];
    for (int i = 0; i < peaks.length; i++) {
      times[i] = peaks[i] / fps;
    }
    return new Onsets(times);
  }

  /** The frames picked as onsets from an envelope, ascending. */
  static int[] pick(float[] envelope, Picking p, double fps) {
    int n = envelope.length;
    if (n == 0) {
      return new int[0];
    }
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    for (float v : envelope) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double[] x = new double[n];
    double range = max - min;
    for (int i = 0; i < n; i++) {
      x[i] = range > 0 ? (envelope[i] - min) / range : 0;
    }
    int preMax = (int) (p.preMax() * fps);
    int postMax = (int) (p.postMax() * fps) + 1;
    int preAvg = (int) (p.preAvg() * fps);
    int postAvg = (int) (p.postAvg() * fps) + 1;
    int wait = (int) (p.waitTime() * fps);
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + x[i];
    }
    int[] out = new int[n];
    int count = 0;
    int last = Integer.MIN_VALUE / 2;
    for (int i = 0; i < n; i++) {
      boolean isMax = true;
      for (int j = Math.max(0, i - preMax); j < Math.min(n, i + postMax) && isMax; j++) {
        isMax = x[j] <= x[i];
      }
      if (!isMax) {
        continue;
      }
      int from = Math.max(0, i - preAvg);
      int to = Math.min(n, i + postAvg);
      double mean = (prefix[to] - prefix[from]) / (to - from);
      if (x[i] >= mean + p.delta() && i > last + wait) {
        out[count++] = i;
        last = i;
      }
    }
    return Arrays.copyOf(out, count);
  }

  /**
   * Each frame moved back to the nearest local minimum of {@code energy} at or before it (a frame
   * not above its predecessor and below its successor; frame 0 if none).
   */
  static int[] backtrack(int[] frames, float[] energy) {
    int[] out = new int[frames.length];
    for (int k = 0; k < frames.length; k++) {
      int i = frames[k];
      while (i > 0
          && !(energy[i] <= energy[i - 1] && i + 1 < energy.length && energy[i] < energy[i + 1])) {
        i--;
      }
      out[k] = i;
    }
    return out;
  }

  /** A copy of the onset times, seconds from the start of the clip, ascending. */
  public double[] times() {
    return times.clone();
  }

  /** The number of onsets. */
  public int size() {
    return times.length;
  }

  /** Onset {@code i}'s time, seconds. */
  public double time(int i) {
    return times[i];
  }

  @Override
  public String toString() {
    return "Onsets[" + times.length + "]";
  }
}
