package io.klio.audio.analysis;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A loudness series: one value in LUFS every 100 ms, each the BS.1770-4 loudness (without gating)
 * of the window of {@link #windowSeconds()} that <b>ends</b> at its time. Made by {@link
 * Loudness#momentary} (400 ms windows) and {@link Loudness#shortTerm} (3 s windows).
 *
 * <p>The first value is at the end of the first complete window (0.4 s or 3 s); a clip shorter than
 * one window gives an empty series. A silent window is {@code -infinity}.
 */
public final class LoudnessSeries implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double windowSeconds;
  private final double[] times;
  private final double[] lufs;

  LoudnessSeries(double windowSeconds, double[] times, double[] lufs) {
    this.windowSeconds = windowSeconds;
    this.times = times;
    this.lufs = lufs;
  }

  /** The window length, seconds: 0.4 (momentary) or 3 (short-term). */
  public double windowSeconds() {
    return windowSeconds;
  }

  /** The number of values. */
  public int size() {
    return lufs.length;
  }

  /** The end of window {@code i}, seconds from the start of the clip. */
  public double time(int i) {
    return times[i];
  }

  /** The loudness of window {@code i}, LUFS ({@code -infinity} if silent). */
  public double lufs(int i) {
    return lufs[i];
  }

  /** A copy of the window end times, seconds. */
  public double[] times() {
    return times.clone();
  }

  /** A copy of the values, LUFS. */
  public double[] values() {
    return lufs.clone();
  }

  /**
   * The largest value (EBU R128's "maximum momentary" or "maximum short-term loudness"), {@code
   * -infinity} for an empty or silent series.
   */
  public double max() {
    return Arrays.stream(lufs).max().orElse(Double.NEGATIVE_INFINITY);
  }

  @Override
  public String toString() {
    return String.format(
        "LoudnessSeries[%s s windows, %d values, max %.2f LUFS]", windowSeconds, size(), max());
  }
}
