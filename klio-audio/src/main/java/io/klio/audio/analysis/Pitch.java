package io.klio.audio.analysis;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A fundamental-frequency (f0) series, one frame every {@link #hopSeconds()}, as {@link Yin}
 * estimates it: per frame the f0 in Hz ({@code NaN} where unvoiced), whether the frame is voiced
 * and its aperiodicity (the cumulative mean normalised difference at the chosen period: 0 for a
 * perfectly periodic frame, about 1 for noise; 1 for silence). Frame {@code i} is centred on {@code
 * i * hopSeconds()}.
 */
public final class Pitch implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double hopSeconds;
  private final double[] f0;
  private final double[] aperiodicity;

  Pitch(double hopSeconds, double[] f0, double[] aperiodicity) {
    this.hopSeconds = hopSeconds;
    this.f0 = f0;
    this.aperiodicity = aperiodicity;
  }

  /** The number of frames. */
  public int size() {
    return f0.length;
  }

  /** Seconds between frames. */
  public double hopSeconds() {
    return hopSeconds;
  }

  /** The centre of frame {@code i}, seconds. */
  public double time(int i) {
    return i * hopSeconds;
  }

  /** The f0 of frame {@code i}, Hz; {@code NaN} if unvoiced. */
  public double f0(int i) {
    return f0[i];
  }

  /** Whether frame {@code i} is voiced (periodic enough: aperiodicity below the threshold). */
  public boolean voiced(int i) {
    return !Double.isNaN(f0[i]);
  }

  /** The aperiodicity of frame {@code i}, in [0, ~1]. */
  public double aperiodicity(int i) {
    return aperiodicity[i];
  }

  /** A copy of the f0 values, Hz, {@code NaN} where unvoiced. */
  public double[] f0() {
    return f0.clone();
  }

  /** The number of voiced frames. */
  public int voicedCount() {
    return (int) Arrays.stream(f0).filter(v -> !Double.isNaN(v)).count();
  }

  /** The median f0 of the voiced frames, Hz; {@code NaN} if none is voiced. */
  public double medianVoicedF0() {
    double[] v = Arrays.stream(f0).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  @Override
  public String toString() {
    return String.format(
        "Pitch[%d frames, %d voiced, median %.1f Hz]", size(), voicedCount(), medianVoicedF0());
  }
}
