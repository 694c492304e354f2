package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Foreground/background separation of a clip's spectrogram by nearest-neighbour filtering and soft
 * masks: what repeats in a track (accompaniment, loops, a steady pad) is background, what does not
 * (a lead voice, a solo, speech over music) is foreground. This is the method of the original
 * Klio's audio-spectrograms example and of librosa's vocal-separation example (after Rafii and
 * Pardo, "Music/Voice Separation using the Similarity Matrix", ISMIR 2012).
 *
 * <ol>
 *   <li>{@code S}: the magnitude STFT of the mono mix, 2048/512 Hann.
 *   <li>Nearest-neighbour filter: each frame is replaced by the per-bin median of its {@code k}
 *       most similar frames by cosine similarity, among frames at least {@link
 *       #NEIGHBOUR_GAP_SECONDS} away (so a frame is explained by other occurrences of the same
 *       sound, not by its own sustain), {@code k = 2 ceil(sqrt(T - 2w + 1))} for {@code T} frames
 *       and a gap of {@code w} frames, librosa's default; a clip too short for any neighbour keeps
 *       its frames. {@code B = min(S, filtered)}.
 *   <li>Soft masks (power 2): background {@code B^2 / (B^2 + (2 (S - B))^2)}, foreground {@code (S
 *       - B)^2 / ((S - B)^2 + (10 B)^2)}; the margins 2 and 10 are the example's: a bin goes to the
 *       foreground only where it stands well clear of what the neighbours explain.
 *   <li>The masks times {@code S} are the background and the foreground; all three are returned as
 *       log-mel spectrograms ({@link Spectrogram#logMel(float[][], int, int, int)}), so they share
 *       one dB scale and draw side by side.
 * </ol>
 *
 * <p>Cost: the similarity search compares every frame with every other, {@code O(T^2)} dot products
 * of 1025 bins: 0.4 s for 20 s of audio at 22.05 kHz (860 frames), growing with the square of the
 * duration.
 */
public final class Separation implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int FFT = 2048;
  public static final int HOP = 512;

  /** Neighbours must be at least this far apart in time, seconds (the example's 2 s). */
  public static final double NEIGHBOUR_GAP_SECONDS = 2;

  /** How far clear of the background a bin must be to count as foreground. */
  public static final double FOREGROUND_MARGIN = 10;

  /** How far clear of the foreground a bin must be to count as background. */
  public static final double BACKGROUND_MARGIN = 2;

  private final Spectrogram full;
  private final Spectrogram background;
  private final Spectrogram foreground;

  private Separation(Spectrogram full, Spectrogram background, Spectrogram foreground) {
    this.full = full;
    this.background = background;
    this.foreground = foreground;
  }

  /** Separates the clip's mono mix at its own sample rate. */
  public static Separation of(AudioClip clip) {
    Stft stft = new Stft(FFT, HOP);
    float[][] power = stft.power(clip.monoSamples());
    float[][] magnitude = new float[power.length][];
    for (int t = 0; t < power.length; t++) {
      magnitude[t] = sqrt(power[t]);
    }
    int gap = (int) (NEIGHBOUR_GAP_SECONDS * clip.sampleRate() / HOP);
    float[][] filtered = nearestNeighbourMedian(magnitude, gap);
    float[][] backgroundPower = new float[power.length][];
    float[][] foregroundPower = new float[power.length][];
    for (int t = 0; t < power.length; t++) {
      int bins = power[t].length;
      backgroundPower[t] = new float[bins];
      foregroundPower[t] = new float[bins];
      for (int k = 0; k < bins; k++) {
        double s = magnitude[t][k];
        double b = Math.min(s, filtered[t][k]);
        double rest = s - b;
        double toBackground = softMask(b, BACKGROUND_MARGIN * rest);
        double toForeground = softMask(rest, FOREGROUND_MARGIN * b);
        backgroundPower[t][k] = (float) (toBackground * toBackground * power[t][k]);
        foregroundPower[t][k] = (float) (toForeground * toForeground * power[t][k]);
      }
    }
    int rate = clip.sampleRate();
    return new Separation(
        Spectrogram.logMel(power, rate, FFT, HOP),
        Spectrogram.logMel(backgroundPower, rate, FFT, HOP),
        Spectrogram.logMel(foregroundPower, rate, FFT, HOP));
  }

  /** The whole spectrogram. */
  public Spectrogram full() {
    return full;
  }

  /** What repeats. */
  public Spectrogram background() {
    return background;
  }

  /** What does not repeat. */
  public Spectrogram foreground() {
    return foreground;
  }

  /** {@code x^2 / (x^2 + y^2)}, 0 where both are 0 (librosa's {@code softmask}, power 2). */
  static double softMask(double x, double y) {
    double x2 = x * x;
    double sum = x2 + y * y;
    return sum > 0 ? x2 / sum : 0;
  }

  /**
   * Each frame replaced by the per-bin median of its {@code k} most cosine-similar frames at least
   * {@code gap} frames away; frames without such neighbours are copied.
   */
  static float[][] nearestNeighbourMedian(float[][] s, int gap) {
    int frames = s.length;
    int candidates = frames - 2 * gap + 1;
    float[][] out = new float[frames][];
    if (candidates <= 0) {
      for (int t = 0; t < frames; t++) {
        out[t] = s[t].clone();
      }
      return out;
    }
    int k = 2 * (int) Math.ceil(Math.sqrt(candidates));
    float[][] unit = new float[frames][];
    for (int t = 0; t < frames; t++) {
      unit[t] = normalised(s[t]);
    }
    // candidates as (similarity, frame) packed in a long that sorts most similar first, then by
    // frame: a primitive sort, and ties broken the same way every time
    long[] order = new long[frames];
    int bins = s[0].length;
    float[][] rows = new float[k][bins];
    java.util.Map<Integer, MedianFilter.AcrossRows> medians = new java.util.HashMap<>();
    for (int t = 0; t < frames; t++) {
      int n = 0;
      for (int j = 0; j < frames; j++) {
        if (Math.abs(j - t) >= gap) {
          order[n++] = ((long) descending((float) dot(unit[t], unit[j])) << 32) | j;
        }
      }
      Arrays.sort(order, 0, n);
      int count = Math.min(k, n);
      for (int i = 0; i < count; i++) {
        System.arraycopy(s[(int) order[i]], 0, rows[i], 0, bins);
      }
      out[t] = new float[bins];
      medians.computeIfAbsent(count, MedianFilter.AcrossRows::new).median(rows, out[t], bins);
    }
    return out;
  }

  /** An int that orders floats from largest to smallest as signed ints order. */
  private static int descending(float v) {
    int bits = Float.floatToIntBits(v + 0.0f); // -0 as +0
    int ascending = bits >= 0 ? bits : bits ^ Integer.MAX_VALUE;
    return -1 - ascending;
  }

  private static float[] sqrt(float[] power) {
    float[] m = new float[power.length];
    for (int k = 0; k < m.length; k++) {
      m[k] = (float) Math.sqrt(power[k]);
    }
    return m;
  }

  private static float[] normalised(float[] v) {
    double norm = Math.sqrt(dot(v, v));
    float[] u = new float[v.length];
    if (norm > 0) {
      for (int k = 0; k < v.length; k++) {
        u[k] = (float) (v[k] / norm);
      }
    }
    return u;
  }

  /** Four partial sums, so the JIT can keep the loop's additions independent. */
  private static double dot(float[] a, float[] b) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int n = a.length;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < n; i++) {
      s0 += a[i] * b[i];
    }
    return (double) s0 + s1 + s2 + s3;
  }
}
